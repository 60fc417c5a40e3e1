import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { frigateDecoder, NO_PLATE } from './frigate.decoder.ts';
import { DecodeError, type DecodeResult } from '../decoder.types.ts';
import { getDecoder } from '../decoders.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const RECEIVED = 1_767_300_000_000;
const decode = (body: Buffer | string) => frigateDecoder.decode({ body: Buffer.isBuffer(body) ? body : Buffer.from(body), receivedAt: RECEIVED });

interface Case {
  name: string;
  file: string;
  expect?: Partial<DecodeResult>;
  check?: (r: DecodeResult) => void;
  error?: RegExp;
}

const cases: Case[] = [
  {
    name: 'tracked_object_update lpr: one read, camera name as the source camera key, epoch seconds to ms',
    file: 'lpr-update.json',
    expect: {
      reads: [
        {
          sourceSystem: 'frigate',
          sourceEventId: '1767261600.123456-tst001:TST1234',
          plate: 'TST1234',
          plateRaw: 'tst-1234',
          confidence: 0.91,
          observedAt: 1767261601250,
          sourceCameraKey: 'gate_north',
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'events with a string plate and a separate score: the after state is read',
    file: 'events.string-plate.json',
    expect: {
      reads: [
        {
          sourceSystem: 'frigate',
          sourceEventId: '1767261700.500000-tst002:TST5678',
          plate: 'TST5678',
          plateRaw: 'TST5678',
          confidence: 0.87,
          observedAt: 1767261702750,
          sourceCameraKey: 'main_st_east',
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'events with a [plate, score] pair (the wire form)',
    file: 'events.pair-plate.json',
    check: (r) => {
      assert.equal(r.reads.length, 1);
      assert.equal(r.reads[0].plate, 'TST9012');
      assert.equal(r.reads[0].plateRaw, 'TST 9012');
      assert.equal(r.reads[0].confidence, 0.93);
      assert.equal(r.reads[0].observedAt, 1767261804500);
      assert.equal(r.reads[0].sourceEventId, '1767261800.000001-tst003:TST9012');
    },
  },
  { name: 'a v0.9-era event (no LPR fields) is a camera event, not an error', file: 'events.v09-era.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: NO_PLATE } },
  { name: 'an event without a plate is a camera event', file: 'events.no-plate.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: NO_PLATE } },
  { name: 'truncated JSON is undecodable', file: 'malformed.truncated.json', error: /invalid JSON/ },
  { name: 'an lpr update without a plate is undecodable', file: 'malformed.lpr-no-plate.json', error: /lpr update without plate/ },
  { name: 'an lpr update without a usable time is undecodable', file: 'malformed.lpr-no-time.json', error: /without a usable time/ },
  {
    name: 'hostile values stay data: no prototype pollution, out-of-range time falls back, score clamped',
    file: 'hostile.json',
    check: (r) => {
      assert.equal(r.reads.length, 1);
      const read = r.reads[0];
      assert.equal(read.plate, 'DROPTABLEREADS', 'normalized; the pipeline drops it as longer than 10');
      assert.equal(read.sourceCameraKey, '<script>alert(1)</script>');
      assert.equal(read.observedAt, 1767262400000, 'frame_time 1e308 is no time; start_time is used');
      assert.equal(read.confidence, 1, 'a score of 99 is clamped to 0–1');
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
    },
  },
  { name: 'a plate given as an object is undecodable', file: 'hostile.plate-object.json', error: /must be a string or a \[plate, score\] pair/ },
];

for (const c of cases) {
  test(`frigate decoder: ${c.name}`, () => {
    const body = fixture(c.file);
    if (c.error) {
      assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && c.error!.test(e.message));
      return;
    }
    const r = decode(body);
    if (c.expect) assert.deepEqual(r, c.expect);
    c.check?.(r);
  });
}

test('frigate decoder: an update repeated for the same event and plate keeps one idempotency key, whichever topic', () => {
  const lpr = decode(JSON.stringify({ type: 'lpr', id: 'e1', plate: 'TST1111', score: 0.9, camera: 'c', timestamp: 1767261600 })).reads[0];
  const ev = decode(JSON.stringify({ type: 'update', after: { id: 'e1', camera: 'c', frame_time: 1767261605, recognized_license_plate: ['tst1111', 0.95] } })).reads[0];
  assert.equal(lpr.sourceEventId, ev.sourceEventId);
  const other = decode(JSON.stringify({ type: 'update', after: { id: 'e1', camera: 'c', frame_time: 1767261606, recognized_license_plate: 'TST1117', recognized_license_plate_score: 0.5 } })).reads[0];
  assert.notEqual(other.sourceEventId, lpr.sourceEventId, 'a corrected plate is a new read');
});

test('frigate decoder: shapes that are not reads are ignored, not quarantined', () => {
  assert.match(decode(JSON.stringify({ type: 'face', id: 'e2', name: 'x', score: 0.9, camera: 'c', timestamp: 1767261600 })).ignored ?? '', /tracked_object_update of type "face"/);
  assert.equal(decode(JSON.stringify({ type: 'update', before: { id: 'r', camera: 'c', severity: 'alert', data: {} }, after: { id: 'r', camera: 'c', severity: 'alert', data: {} } })).ignored, 'review message');
  assert.equal(decode(JSON.stringify({ type: 'new', after: { id: 'e3', camera: 'c', frame_time: 1767261600, false_positive: true, recognized_license_plate: 'TST1' } })).ignored, 'false positive');
  assert.equal(decode(JSON.stringify({ type: 'update', after: { id: 'e4', camera: 'c', frame_time: 1767261600, recognized_license_plate: [] } })).ignored, NO_PLATE);
});

test('frigate decoder: payloads that are not Frigate messages are undecodable', () => {
  for (const [body, why] of [
    ['', /empty body/],
    ['[1,2]', /expected a JSON object, got an array/],
    ['null', /expected a JSON object, got null/],
    ['{"id":"x"}', /missing message type/],
    ['{"type":"update","after":"x"}', /event without an object state/],
    ['{"type":"update","after":{"camera":"c","frame_time":1767261600,"recognized_license_plate":"TST1"}}', /event without an event id/],
    ['{"type":"update","after":{"id":"e","frame_time":1767261600,"recognized_license_plate":"TST1"}}', /event without a camera/],
    ['{"type":"update","after":{"id":"e","camera":"c","recognized_license_plate":"TST1"}}', /event without a usable time/],
    ['{"type":"update","after":{"id":"e","camera":"c","frame_time":1767261600,"recognized_license_plate":[7,0.9]}}', /pair without a plate string/],
    ['{"type":"lpr","id":"e","plate":"TST1","camera":"c","timestamp":4102444800}', /without a usable time/],
  ] as const) {
    assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && why.test(e.message), body);
  }
});

test('frigate decoder: registered under its family', () => {
  assert.equal(getDecoder('frigate'), frigateDecoder);
});
