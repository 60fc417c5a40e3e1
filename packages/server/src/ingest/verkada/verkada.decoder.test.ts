import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { verkadaDecoder } from './verkada.decoder.ts';
import { DecodeError } from '../decoder.types.ts';
import { RECEIVED, decoderCases, onlyRead, type DecoderCase } from '../decoder-cases.fixture.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const decode = (body: Buffer) => verkadaDecoder.decode({ body, contentType: 'application/json', receivedAt: RECEIVED });
const S = 1772720130;
const CAMERA = 'c0ffee00-0000-4000-8000-0000000000c1';



const cases: DecoderCase[] = [
  {
    name: 'lpr webhook: created in epoch seconds, confidence 0–1, camera_id as camera, identity camera + time + plate',
    file: 'lpr.json',
    expect: {
      reads: [{ sourceSystem: 'verkada', sourceEventId: `${CAMERA}:${S * 1000}:TST4821`, plate: 'TST4821', plateRaw: 'TST4821', confidence: 0.93, observedAt: S * 1000, sourceCameraKey: CAMERA }],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'confidence "93" (a string, on 0–100) → 0.93; lower-case plate with a space; us-ca state',
    file: 'lpr.percent-confidence.json',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.confidence, 0.93);
      assert.equal(read.plate, 'TST7731');
      assert.equal(read.state, 'CA');
    },
  },
  { name: 'created in milliseconds (a relay) is not read as year 58000', file: 'lpr.ms-created.json', check: (r) => assert.equal(onlyRead(r).observedAt, (S + 7) * 1000) },
  { name: 'lpr webhook with an empty plate is acknowledged as ignored', file: 'lpr.no-plate.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'lpr webhook without license_plate_number' } },
  { name: 'notification webhook: understood and ignored', file: 'notification.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'webhook_type "notification" is not a plate read' } },
  { name: 'camera status webhook: understood and ignored', file: 'camera-status.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'webhook_type "camera_status" is not a plate read' } },
  { name: 'lpr webhook without a camera', file: 'lpr.no-camera.json', error: /without data\.camera_id/ },
  { name: 'lpr webhook with an unusable created', file: 'lpr.bad-created.json', error: /created "yesterday" is not an epoch time/ },
  { name: 'lpr webhook whose data is an array', file: 'lpr.data-array.json', error: /data is an array, expected an object/ },
  { name: 'JSON that is not a Verkada webhook', file: 'not-verkada.json', error: /not a Verkada webhook \(no webhook_type; keys: type, plate\)/ },
  { name: 'an array instead of the webhook', file: 'array.json', error: /expected a JSON object, got an array/ },
  { name: 'binary junk', file: 'garbage.txt', error: /invalid JSON/ },
];

decoderCases(verkadaDecoder, new URL('./fixtures/', import.meta.url), 'application/json', cases);

test('verkada: the retry Verkada sends after 2 s decodes to the same sourceEventId', () => {
  assert.equal(decode(fixture('lpr.json')).reads[0].sourceEventId, decode(fixture('lpr.json')).reads[0].sourceEventId);
});

test('verkada: hostile: a 1 MB plate is no plate, deep nesting is refused', () => {
  const hook = JSON.parse(fixture('lpr.json').toString('utf8'));
  assert.deepEqual(decode(Buffer.from(JSON.stringify({ ...hook, data: { ...hook.data, license_plate_number: 'A'.repeat(1_000_000) } }))).reads, []);
  assert.throws(() => decode(Buffer.from(`{"webhook_type":"lpr","data":${'['.repeat(100_000)}${']'.repeat(100_000)}}`)), DecodeError);
});
