import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fileParts, MAX_FILE_BYTES, MAX_PARTS, parseMultipart, textParts, withoutFileParts } from './multipart.ts';

const B = 'test-boundary-42';
const TYPE = `multipart/form-data; boundary=${B}`;
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x0d, 0x0a, 0x2d, 0x2d, 0x00, 0xff, 0xd9]);

function body(parts: { name: string; filename?: string; type?: string; data: Buffer | string }[], close = true): Buffer {
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const file = p.filename === undefined ? '' : `; filename="${p.filename}"`;
    const type = p.type === undefined ? '' : `\r\nContent-Type: ${p.type}`;
    chunks.push(Buffer.from(`--${B}\r\nContent-Disposition: form-data; name="${p.name}"${file}${type}\r\n\r\n`), Buffer.from(p.data), Buffer.from('\r\n'));
  }
  if (close) chunks.push(Buffer.from(`--${B}--\r\n`));
  return Buffer.concat(chunks);
}

test('file parts keep their bytes exactly, CRLF and dashes inside included; XML file parts count as text', async () => {
  const parts = (await parseMultipart(body([
    { name: 'anpr.xml', filename: 'anpr.xml', type: 'text/xml', data: '<a/>' },
    { name: 'pic', filename: 'p.jpg', type: 'image/jpeg', data: JPEG },
    { name: 'note', data: 'hi' },
  ]), TYPE))!;
  assert.deepEqual(textParts(parts).map((p) => p.name), ['anpr.xml', 'note']);
  assert.deepEqual(fileParts(parts).map((p) => p.name), ['pic']);
  assert.deepEqual(fileParts(parts)[0].data, JPEG);
});

test('a "text" file part whose bytes are a JPEG is a picture, not text', async () => {
  const parts = (await parseMultipart(body([{ name: 'x', filename: 'x.txt', type: 'text/plain', data: JPEG }]), TYPE))!;
  assert.deepEqual(textParts(parts), []);
});

test('limits: too many parts, a file too large, no closing boundary are errors with a reason', async () => {
  const many = body(Array.from({ length: MAX_PARTS + 1 }, (_, i) => ({ name: `f${i}`, data: 'x' })));
  await assert.rejects(parseMultipart(many, TYPE), /more than 32/);
  const big = body([{ name: 'pic', filename: 'big.jpg', data: Buffer.alloc(MAX_FILE_BYTES + 1) }]);
  await assert.rejects(parseMultipart(big, TYPE), /larger than 8388608 bytes/);
  await assert.rejects(parseMultipart(body([{ name: 'a', data: 'x' }], false), TYPE), /without a closing boundary/);
  assert.equal(await parseMultipart(Buffer.from('{"a":1}'), 'application/json'), undefined);
});

test('withoutFileParts: the quarantine copy keeps text parts byte for byte and drops pictures', async () => {
  const src = body([{ name: 'event', data: '{"plate":"TST1"}' }, { name: 'image', filename: 'i.jpg', type: 'image/jpeg', data: JPEG }]);
  const out = await withoutFileParts(src, TYPE);
  assert.equal(out.droppedFiles, 1);
  assert.equal(out.body.includes(JPEG), false);
  const again = (await parseMultipart(out.body, TYPE))!;
  assert.deepEqual(again.map((p) => [p.name, p.data.toString()]), [['event', '{"plate":"TST1"}']]);
});
