import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkImage } from './image-check.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0xff, 0xd9]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

describe('checkImage', () => {
  it('accepts JPEG and PNG by their signature, whitespace-wrapped base64 too', () => {
    const jpeg = checkImage(JPEG.toString('base64').replace(/(.{8})/g, '$1\n'), 1024);
    assert.ok(jpeg.ok);
    assert.equal(jpeg.contentType, 'image/jpeg');
    assert.ok(jpeg.bytes.equals(JPEG));
    const png = checkImage(PNG.toString('base64'), 1024);
    assert.ok(png.ok && png.contentType === 'image/png');
  });

  const refused: [string, string, RegExp][] = [
    ['empty', '', /empty/],
    ['not base64', 'not base64!!', /not valid base64/],
    ['HTML', Buffer.from('<html><body>camera error</body></html>').toString('base64'), /neither JPEG nor PNG/],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>').toString('base64'), /neither JPEG nor PNG/],
    ['a GIF', Buffer.from('GIF89a\x01\x00\x01\x00').toString('base64'), /neither JPEG nor PNG/],
    ['truncated signature', Buffer.from([0xff, 0xd8]).toString('base64'), /neither JPEG nor PNG/],
    ['over the limit', Buffer.concat([JPEG, Buffer.alloc(2048)]).toString('base64'), /over the 1024-byte limit/],
  ];
  for (const [what, input, reason] of refused) {
    it(`refuses ${what}`, () => {
      const r = checkImage(input, 1024);
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.reason, reason);
    });
  }
});
