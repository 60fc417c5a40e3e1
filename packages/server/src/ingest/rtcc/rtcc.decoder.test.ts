import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rtccDecoder, MAX_READS_PER_REQUEST } from './rtcc.decoder.ts';
import { DecodeError } from '../decoder.types.ts';

const decode = (value: unknown) =>
  rtccDecoder.decode({ body: Buffer.from(JSON.stringify(value)), contentType: 'application/json', receivedAt: 0 });

const decodeError = (value: unknown): string => {
  try {
    decode(value);
  } catch (e) {
    if (e instanceof DecodeError) return e.message;
    throw e;
  }
  assert.fail('expected a DecodeError');
};

const base = { plate: 'abc-123', confidence: 0.9, observedAt: '2026-01-01T10:00:00Z', cameraId: 'cam-7' };

test('a full read decodes with normalized plate, state, candidates, vehicle and images', () => {
  const r = decode({
    ...base,
    state: 'us-mo',
    sourceEventId: 'evt-1',
    sourceSystem: 'sim',
    candidates: [
      { plate: 'ABC123', confidence: 0.9 },
      { plate: 'abc 128', confidence: 0.6 },
      { plate: 'ABC128', confidence: 0.5 },
    ],
    vehicle: { color: 'blue', make: 'ford', model: 'focus', bodyType: 'sedan', year: 2014, heading: 90 },
    images: [
      { kind: 'plate', url: 'https://cams.example.test/img/1.jpg' },
      { kind: 'overview', jpegBase64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==' },
    ],
  });
  assert.deepEqual(r, {
    reads: [
      {
        sourceSystem: 'sim',
        sourceEventId: 'evt-1',
        plate: 'ABC123',
        plateRaw: 'abc-123',
        state: 'MO',
        confidence: 0.9,
        observedAt: Date.UTC(2026, 0, 1, 10),
        cameraId: 'cam-7',
        candidates: [{ plate: 'ABC128', confidence: 0.6 }],
        vehicle: { color: 'blue', make: 'ford', model: 'focus', bodyType: 'sedan', year: '2014', heading: 90 },
        images: [
          { kind: 'plate', url: 'https://cams.example.test/img/1.jpg' },
          { kind: 'overview', jpegBase64: '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==' },
        ],
      },
    ],
    heartbeats: [],
    alerts: [],
  });
});

test('sourceSystem defaults to rtcc; a location read is marked as device-located', () => {
  const r = decode({ plate: 'LOC1', confidence: 0.5, observedAt: 1767261600000, location: [-90.2, 38.6] });
  assert.equal(r.reads[0].sourceSystem, 'rtcc');
  assert.deepEqual(r.reads[0].location, [-90.2, 38.6]);
  assert.equal(r.reads[0].locationSource, 'device');
  assert.equal(r.reads[0].cameraId, undefined);
});

test('observedAt accepts Z, offsets and epoch ms, all meaning the same instant', () => {
  const at = Date.UTC(2026, 0, 1, 10, 0, 0, 250);
  for (const observedAt of ['2026-01-01T10:00:00.250Z', '2026-01-01T12:00:00.250+02:00', '2026-01-01T05:00:00.25-0500', at]) {
    assert.equal(decode({ ...base, observedAt }).reads[0].observedAt, at, String(observedAt));
  }
});

test('observedAt without a zone, impossible dates and epoch seconds are refused with a clear message', () => {
  assert.match(decodeError({ ...base, observedAt: '2026-01-01T10:00:00' }), /observedAt: has no time zone/);
  assert.match(decodeError({ ...base, observedAt: '2026-02-30T10:00:00Z' }), /observedAt: is not a valid date-time/);
  assert.match(decodeError({ ...base, observedAt: '01/02/2026 10:00' }), /observedAt: must be an ISO 8601 date-time/);
  assert.match(decodeError({ ...base, observedAt: 1767261600 }), /observedAt: looks like epoch seconds/);
});

test('without sourceEventId the id is derived deterministically from plate, instant and camera', () => {
  const a = decode(base).reads[0].sourceEventId;
  // A retry, the same instant written differently and the plate written differently: same event.
  assert.equal(decode(base).reads[0].sourceEventId, a);
  assert.equal(decode({ ...base, plate: 'ABC 123', observedAt: '2026-01-01T11:00:00+01:00' }).reads[0].sourceEventId, a);
  assert.match(a, /^sha256:[0-9a-f]{32}$/);
  // A different camera, instant or plate is a different event.
  assert.notEqual(decode({ ...base, cameraId: 'cam-8' }).reads[0].sourceEventId, a);
  assert.notEqual(decode({ ...base, observedAt: '2026-01-01T10:00:01Z' }).reads[0].sourceEventId, a);
  assert.notEqual(decode({ ...base, plate: 'ABC124' }).reads[0].sourceEventId, a);
  const { cameraId: _, ...noCamera } = base;
  const l1 = decode({ ...noCamera, location: [1, 2] }).reads[0].sourceEventId;
  assert.notEqual(decode({ ...noCamera, location: [1, 3] }).reads[0].sourceEventId, l1);
});

test('an array of reads decodes every read', () => {
  const r = decode([base, { ...base, plate: 'XYZ9', sourceEventId: 'e2' }]);
  assert.deepEqual(r.reads.map((x) => x.plate), ['ABC123', 'XYZ9']);
  assert.equal(decode([]).ignored, 'empty array');
});

test('every problem of every read is listed with its index and path', () => {
  const message = decodeError([
    base,
    { ...base, confidence: 93 },
    { ...base, plate: '', confidence: '0.5', state: 'ZZ', obervedAt: 'typo' },
    { plate: 'NOWHERE', confidence: 0.5, observedAt: 1767261600000 },
    'not a read',
    { ...base, location: [38.6, -90.2, 0], candidates: [{ plate: 'A1', confidence: 2 }], vehicle: { heading: 400, paint: 'red' } },
    { ...base, location: [-90.2, 138.6], images: [{ kind: 'thumb', url: 'ftp://x' }, { kind: 'plate' }] },
  ]);
  const expected = [
    '[1].confidence: must be a number between 0 and 1',
    '[2].obervedAt: unknown field',
    '[2].plate: must contain a letter or digit',
    '[2].state: unknown jurisdiction "ZZ"',
    '[2].confidence: must be a number between 0 and 1',
    '[3]: needs cameraId or location',
    '[4]: must be a JSON object',
    '[5].location: must be [lon, lat], two numbers',
    '[5].candidates[0].confidence: must be a number between 0 and 1',
    '[5].vehicle.paint: unknown field',
    '[5].vehicle.heading: must be a number of degrees from 0 to 360',
    '[6].location: latitude 138.6 is outside -90..90 (order is [lon, lat])',
    '[6].images[0].kind: must be "plate", "vehicle" or "overview"',
    '[6].images[0].url: must be an http or https URL',
    '[6].images[1]: needs exactly one of url or jpegBase64',
  ];
  assert.equal(message, `invalid rtcc read payload, ${expected.length} problems: ${expected.join('; ')}`);
});

test('a lone read reports paths without an index', () => {
  assert.equal(
    decodeError({ plate: 'A1', observedAt: '2026-01-01T10:00:00Z', cameraId: 'c' }),
    'invalid rtcc read payload, 1 problem: confidence: must be a number between 0 and 1',
  );
  assert.match(decodeError({ ...base, sourceSystem: 'Has Spaces' }), /sourceSystem: must be/);
  assert.match(decodeError({ ...base, plate: 42 }), /plate: must be a string/);
  assert.match(decodeError({ confidence: 0.5, observedAt: 1767261600000, cameraId: 'c' }), /plate: required/);
});

test('null optional fields count as absent', () => {
  const r = decode({ ...base, state: null, sourceEventId: null, location: null, vehicle: null, images: null, candidates: null });
  assert.equal(r.reads.length, 1);
  assert.equal(r.reads[0].state, undefined);
  assert.equal(r.reads[0].vehicle, undefined);
});

test(`more than ${MAX_READS_PER_REQUEST} reads in one request is a DecodeError`, () => {
  const many = Array.from({ length: MAX_READS_PER_REQUEST + 1 }, () => base);
  assert.equal(decodeError(many), `too many reads: ${MAX_READS_PER_REQUEST + 1} (at most ${MAX_READS_PER_REQUEST} per request)`);
  assert.equal(decode(many.slice(1)).reads.length, MAX_READS_PER_REQUEST);
});

test('a body that is not a read at all is a DecodeError', () => {
  assert.throws(
    () => rtccDecoder.decode({ body: Buffer.from('{"plate": '), receivedAt: 0 }),
    (e: unknown) => e instanceof DecodeError && /^invalid JSON at position 10/.test(e.message),
  );
  assert.match(decodeError('ABC123'), /the read must be a JSON object/);
});
