import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getDecoder, listDecoders, listSourceKinds } from './decoders.ts';

test('the registry finds each decoder by its family and nothing else', () => {
  assert.deepEqual(listDecoders().map((d) => d.family), ['openalpr', 'rtcc', 'frigate', 'platerecognizer', 'genetec', 'axis', 'hikvision', 'survision', 'verkada']);
  for (const d of listDecoders()) assert.equal(getDecoder(d.family), d);
  assert.equal(getDecoder('frigate-unknown'), undefined);
});

test('no source key is issued for a family the server subscribes to itself (Frigate)', () => {
  assert.ok(!listSourceKinds().includes('frigate'));
  assert.ok(listSourceKinds().includes('openalpr'));
});

test('a registered decoder decodes a payload end to end', async () => {
  const body = Buffer.from(JSON.stringify({ plate: 'REG123', confidence: 0.5, observedAt: 1767261600000, cameraId: 'c1' }));
  const result = await getDecoder('rtcc')!.decode({ body, receivedAt: 0 });
  assert.equal(result.reads[0].plate, 'REG123');
});
