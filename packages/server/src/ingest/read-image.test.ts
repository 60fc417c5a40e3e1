import { test } from 'node:test';
import assert from 'node:assert/strict';
import { imageFromBase64, imageFromBytes, imageType, MAX_IMAGE_BYTES } from './read-image.ts';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0xff, 0xd9]);
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00]);

test('only JPEG and PNG bytes are images, by magic number', () => {
  assert.equal(imageType(JPEG), 'jpeg');
  assert.equal(imageType(PNG), 'png');
  for (const other of [Buffer.from('<html></html>'), Buffer.from('GIF89a....'), Buffer.alloc(0), Buffer.from([0xff, 0xd8, 0xff])]) {
    assert.equal(imageType(other), undefined, other.toString('latin1'));
  }
});

test('imageFromBytes: a read image of a JPEG or PNG, nothing for anything else or a picture too large', () => {
  assert.deepEqual(imageFromBytes('plate', JPEG), { kind: 'plate', jpegBase64: JPEG.toString('base64') });
  assert.deepEqual(imageFromBytes('overview', PNG), { kind: 'overview', jpegBase64: PNG.toString('base64') });
  assert.equal(imageFromBytes('plate', Buffer.from('not a picture')), undefined);
  assert.equal(imageFromBytes('plate', Buffer.concat([JPEG, Buffer.alloc(MAX_IMAGE_BYTES)])), undefined);
});

test('imageFromBase64: data URLs and line-wrapped base64 accepted; "", HTML, non-base64 and non-strings refused', () => {
  const b64 = JPEG.toString('base64');
  assert.deepEqual(imageFromBase64('vehicle', b64), { kind: 'vehicle', jpegBase64: b64 });
  assert.deepEqual(imageFromBase64('vehicle', `data:image/jpeg;base64,${b64}`), { kind: 'vehicle', jpegBase64: b64 });
  assert.deepEqual(imageFromBase64('vehicle', `${b64.slice(0, 4)}\r\n${b64.slice(4)}`), { kind: 'vehicle', jpegBase64: b64 });
  for (const bad of ['', Buffer.from('<html>').toString('base64'), 'not base64 at all!', 42, null, undefined]) {
    assert.equal(imageFromBase64('plate', bad), undefined, String(bad));
  }
});
