import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDecoder, listDecoders } from './decoders.ts';

test('the registry finds each decoder by its family and nothing else', () => {
  assert.deepEqual(listDecoders().map((d) => d.family), ['openalpr', 'rtcc']);
  for (const d of listDecoders()) assert.equal(getDecoder(d.family), d);
  assert.equal(getDecoder('frigate-unknown'), undefined);
});

test('a registered decoder decodes a payload end to end', () => {
  const body = Buffer.from(JSON.stringify({ plate: 'REG123', confidence: 0.5, observedAt: 1767261600000, cameraId: 'c1' }));
  const result = getDecoder('rtcc')!.decode({ body, receivedAt: 0 });
  assert.equal(result.reads[0].plate, 'REG123');
});
