import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { platerecognizerDecoder, MAX_RESULTS } from './platerecognizer.decoder.ts';
import { withoutFileParts } from '../multipart.ts';
import { DecodeError, type DecodeResult } from '../decoder.types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const BOUNDARY = '----prBoundary7MA4YWxkTrZu0gW';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const decode = (body: Buffer, contentType = 'application/json') => platerecognizerDecoder.decode({ body, contentType, receivedAt: 1_800_000_000_000 });

const STREAM_READ = {
  sourceSystem: 'platerecognizer',
  sourceEventId: 'gate-north:1772719331120:0',
  plate: 'TST4821',
  plateRaw: 'tst4821',
  confidence: 0.913,
  state: 'TX',
  // the best plate itself and a spelling of it (`ts-t4821`) are not alternatives
  candidates: [{ plate: 'TST482I', confidence: 0.71 }],
  vehicle: { bodyType: 'Pickup Truck', make: 'Ford', model: 'F-150', color: 'white', heading: 95 },
  observedAt: Date.UTC(2026, 2, 5, 14, 2, 11, 120),
  sourceCameraKey: 'gate-north',
};

interface Case {
  name: string;
  file: string;
  contentType?: string;
  expect?: DecodeResult;
  check?: (r: DecodeResult) => void;
  error?: RegExp;
}

const reads = (...r: DecodeResult['reads']): DecodeResult => ({ reads: r, heartbeats: [], alerts: [] });
/** The JPEG part of stream-webhook.multipart.bin, as the read's overview image. */
const UPLOAD = fixture('stream-webhook.multipart.bin');
const UPLOAD_JPEG = UPLOAD.subarray(UPLOAD.indexOf(Buffer.from([0xff, 0xd8, 0xff])), UPLOAD.lastIndexOf(Buffer.from(`\r\n--${BOUNDARY}--`)));
const STREAM_READ_WITH_IMAGE = { ...STREAM_READ, images: [{ kind: 'overview' as const, jpegBase64: UPLOAD_JPEG.toString('base64') }] };

const cases: Case[] = [
  { name: 'Stream webhook JSON: plate, us-xx state, score, candidates, vehicle, camera, UTC timestamp', file: 'stream-webhook.json', expect: reads(STREAM_READ) },
  { name: 'Stream webhook as multipart: JSON in the json field, the JPEG upload part as the overview image', file: 'stream-webhook.multipart.bin', contentType: MULTIPART, expect: reads(STREAM_READ_WITH_IMAGE) },
  { name: 'multipart recognised from the body when the Content-Type lies', file: 'stream-webhook.multipart.bin', contentType: 'application/octet-stream', expect: reads(STREAM_READ_WITH_IMAGE) },
  {
    name: 'timestamp_local with its offset when timestamp is missing; "" direction, country region, generic MMC and Unknown type dropped',
    file: 'stream-webhook.local-time-only.json',
    expect: reads({
      sourceSystem: 'platerecognizer',
      sourceEventId: 'gate-north:1772719331120:0',
      plate: 'TST4822',
      plateRaw: 'tst4822',
      confidence: 0.913,
      vehicle: { color: 'white' },
      observedAt: Date.UTC(2026, 2, 5, 14, 2, 11, 120),
      sourceCameraKey: 'gate-north',
    }),
  },
  {
    name: 'Stream "type 2" results: plate and region under plate.props, MMC under vehicle.props',
    file: 'stream-webhook.type2.json',
    expect: reads({
      sourceSystem: 'platerecognizer',
      sourceEventId: 'gate-south:1772719500000:0',
      plate: 'TST9911',
      plateRaw: 'tst9911',
      confidence: 0.92,
      state: 'FL',
      candidates: [{ plate: 'TST99II', confidence: 0.5 }],
      vehicle: { bodyType: 'SUV', make: 'Toyota', model: 'RAV4', color: 'blue', heading: 180 },
      observedAt: Date.UTC(2026, 2, 5, 14, 5),
      sourceCameraKey: 'gate-south',
    }),
  },
  {
    name: 'Snapshot webhook (image.done): zone-less "YYYY-MM-DD hh:mm:ss.ffffff" timestamp read as UTC, hook.id (the webhook) is not a camera',
    file: 'snapshot-webhook.image-done.json',
    expect: reads({
      sourceSystem: 'platerecognizer',
      sourceEventId: `file:car2.jpg:${Date.UTC(2026, 2, 5, 23, 22, 38, 30)}:0`,
      plate: 'TST046',
      plateRaw: 'tst046',
      confidence: 0.999,
      state: 'WA',
      candidates: [{ plate: 'TSTO46', confidence: 0.863 }],
      vehicle: { bodyType: 'Sedan' },
      observedAt: Date.UTC(2026, 2, 5, 23, 22, 38, 30),
    }),
  },
  { name: 'Snapshot with 0 results is acknowledged as ignored', file: 'snapshot.0-results.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'no plate in results' } },
  {
    name: 'Snapshot with 1 result',
    file: 'snapshot.1-result.json',
    expect: reads({ sourceSystem: 'platerecognizer', sourceEventId: 'lot-3:1772704800000:0', plate: 'TST7731', plateRaw: 'tst7731', confidence: 0.88, state: 'CA', observedAt: 1772704800000, sourceCameraKey: 'lot-3' }),
  },
  {
    name: 'Snapshot with 2 results: ca-on province, fr → no state, dscore when score is missing, zone-less timestamp read as UTC',
    file: 'snapshot.2-results.json',
    expect: reads(
      { sourceSystem: 'platerecognizer', sourceEventId: 'lot-3:1772704801500:0', plate: 'TST7741', plateRaw: 'tst7741', confidence: 0.95, state: 'ON', observedAt: 1772704801500, sourceCameraKey: 'lot-3' },
      { sourceSystem: 'platerecognizer', sourceEventId: 'lot-3:1772704801500:1', plate: 'TST7742', plateRaw: 'tst7742', confidence: 0.8, observedAt: 1772704801500, sourceCameraKey: 'lot-3' },
    ),
  },
  {
    name: 'older spellings: region as a bare string, scores as strings, upper-case plate with a hyphen',
    file: 'snapshot.older-spellings.json',
    expect: reads({
      sourceSystem: 'platerecognizer',
      sourceEventId: 'old-cam:1772701200000:0',
      plate: 'TST5501',
      plateRaw: 'TST-5501',
      confidence: 0.77,
      state: 'NV',
      candidates: [{ plate: 'TST55O1', confidence: 0.5 }],
      observedAt: 1772701200000,
      sourceCameraKey: 'old-cam',
    }),
  },
  { name: 'wrong types everywhere: nothing usable, nothing thrown', file: 'snapshot.wrong-types.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'no result with plate text' } },
  { name: 'deeply nested results: no plate', file: 'deep-nesting.json', check: (r) => assert.equal(r.reads.length, 0) },
  { name: 'deep nesting in a field the decoder does not read', file: 'deep-nesting-in-field.json', check: (r) => assert.deepEqual(r.reads.map((x) => x.plate), ['TST1']) },
  { name: 'results that are not an array', file: 'stream-webhook.results-not-array.json', error: /data\.results is object, expected an array/ },
  { name: 'JSON of another shape', file: 'unknown-shape.json', error: /neither a Stream webhook/ },
  { name: 'not JSON', file: 'garbage.txt', contentType: 'text/html', error: /invalid JSON at position 0/ },
  { name: 'multipart without a json field', file: 'multipart.no-json-field.bin', contentType: MULTIPART, error: /without a "json" field \(parts: meta, upload \(file\)\)/ },
];

for (const c of cases) {
  test(c.name, async () => {
    const body = fixture(c.file);
    if (c.error) {
      await assert.rejects(decode(body, c.contentType), (e: unknown) => e instanceof DecodeError && c.error!.test(e.message));
      return;
    }
    const r = await decode(body, c.contentType);
    if (c.expect) assert.deepEqual(r, c.expect);
    c.check?.(r);
  });
}

test('a webhook posted as a url-encoded json field decodes like the JSON', async () => {
  const body = Buffer.from(`json=${encodeURIComponent(fixture('stream-webhook.json').toString('utf8'))}`);
  assert.deepEqual(await decode(body, 'application/x-www-form-urlencoded'), reads(STREAM_READ));
});

test('JSON labelled multipart/form-data is read as JSON', async () => {
  assert.deepEqual(await decode(fixture('stream-webhook.json'), 'multipart/form-data; boundary=nowhere'), reads(STREAM_READ));
});

test('the same webhook decodes to the same ids: a retry is a duplicate', async () => {
  const a = await decode(fixture('stream-webhook.json'));
  const b = await decode(fixture('stream-webhook.multipart.bin'), MULTIPART);
  assert.equal(a.reads[0].sourceEventId, b.reads[0].sourceEventId);
});

test('plates but no usable timestamp: refused with the reason', async () => {
  const body = Buffer.from(JSON.stringify({ camera_id: 'c', timestamp: 'yesterday', timestamp_local: '2026-03-05T08:00:00', results: [{ plate: 'tst1', score: 0.9 }] }));
  await assert.rejects(decode(body), /no usable timestamp: timestamp "yesterday", timestamp_local "2026-03-05T08:00:00"/);
});

test(`huge: more than ${MAX_RESULTS} results are refused, a 10 MB plate is not a plate`, async () => {
  const many = Buffer.from(JSON.stringify({ camera_id: 'c', timestamp: '2026-03-05T10:00:00Z', results: Array.from({ length: MAX_RESULTS + 1 }, () => ({ plate: 'tst1', score: 0.9 })) }));
  await assert.rejects(decode(many), /1001 results in one message/);
  const long = Buffer.from(JSON.stringify({ camera_id: 'c', timestamp: '2026-03-05T10:00:00Z', results: [{ plate: 'a'.repeat(10_000_000), score: 0.9 }] }));
  assert.equal((await decode(long)).reads.length, 0);
  const manyCandidates = Buffer.from(JSON.stringify({ camera_id: 'c', timestamp: '2026-03-05T10:00:00Z', results: [{ plate: 'tst1', score: 0.9, candidates: Array.from({ length: 5000 }, (_, i) => ({ plate: `tst${i}`, score: 0.5 })) }] }));
  assert.equal((await decode(manyCandidates)).reads[0].candidates!.length, 20);
});

test('wrong types at the top: data not an object, a bare array element, null', async () => {
  await assert.rejects(decode(Buffer.from('{"hook":{},"data":"x"}')), /data is string, expected an object/);
  await assert.rejects(decode(Buffer.from('[1]')), /\[0\]: expected a JSON object, got number/);
  await assert.rejects(decode(Buffer.from('null')), /expected a JSON object, got null/);
  await assert.rejects(decode(Buffer.from('')), /empty body/);
});

test('a webhook event other than recognition without results is ignored', async () => {
  const r = await decode(Buffer.from(JSON.stringify({ hook: { id: 'c', event: 'image.done' }, data: { camera_id: 'c' } })));
  assert.deepEqual(r.reads, []);
  assert.match(r.ignored ?? '', /image\.done/);
});

test('withoutFileParts keeps the text fields and drops every file part', async () => {
  const body = fixture('stream-webhook.multipart.bin');
  const out = await withoutFileParts(body, MULTIPART);
  assert.equal(out.droppedFiles, 1);
  assert.equal(out.body.includes(Buffer.from([0xff, 0xd8, 0xff])), false);
  assert.ok(out.body.includes('"camera_id": "gate-north"'));
  assert.deepEqual(await decode(out.body, MULTIPART), reads(STREAM_READ));
  // not multipart: unchanged
  const json = fixture('stream-webhook.json');
  assert.equal((await withoutFileParts(json, 'application/json')).body, json);
  // broken multipart (no closing boundary): only the text before the file part is kept
  const broken = body.subarray(0, body.length - 40);
  const cut = await withoutFileParts(broken, MULTIPART);
  assert.equal(cut.body.includes(Buffer.from([0xff, 0xd8])), false);
  assert.ok(cut.body.length > 0);
});
