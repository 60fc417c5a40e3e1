import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { genetecDecoder } from './genetec.decoder.ts';
import { RECEIVED, decoderCases, onlyRead, type DecoderCase } from '../decoder-cases.fixture.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const CHICAGO = 'America/Chicago';
const decode = (body: Buffer, timeZone?: string) => genetecDecoder.decode({ body, contentType: 'application/json', receivedAt: RECEIVED, ...(timeZone ? { timeZone } : {}) });
const at = (iso: string) => Date.parse(iso);
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==';
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';



const cases: DecoderCase[] = [
  {
    name: 'fixed camera: every value a string, "97" on 0–100, local time in the source zone, decimal position, attributes, base64 images ("" left out)',
    file: 'read.fixed.json',
    timeZone: CHICAGO,
    expect: {
      reads: [
        {
          sourceSystem: 'genetec',
          sourceEventId: '7f1c2a4e-5b6d-4e8f-9a0b-1c2d3e4f5a6b',
          plate: 'TST4821',
          plateRaw: 'TST4821',
          confidence: 0.97,
          observedAt: at('2026-03-05T14:15:30Z'),
          state: 'MO',
          sourceCameraKey: 'Market St EB',
          location: [-90.199402, 38.627003],
          vehicle: { bodyType: 'Sedan', color: 'Blue', make: 'Honda', model: 'Civic' },
          images: [
            { kind: 'plate', jpegBase64: JPEG },
            { kind: 'vehicle', jpegBase64: JPEG },
          ],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'patrol car: camera keyed by patroller, (0, 0) is no fix so DMS with W hemisphere, IsHit "Yes" as a vendor alert, State "" falls back to State Name, PNG kept, HTML in an image field dropped',
    file: 'read.mobile-hit.json',
    timeZone: CHICAGO,
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plate, 'TST7731');
      assert.equal(read.plateRaw, 'tst-7731');
      assert.equal(read.observedAt, at('2026-07-04T17:02:03Z'), 'CDT in July: UTC−5');
      assert.equal(read.sourceCameraKey, 'Unit 12/Left');
      assert.equal(read.state, 'KS');
      assert.equal(read.location![1], 38.625);
      assert.ok(Math.abs(read.location![0] - -90.2) < 1e-9);
      assert.deepEqual(read.vehicle, { make: 'Ford' }, '"Unknown" type and "" colour are not kept');
      assert.deepEqual(read.images, [
        { kind: 'plate', jpegBase64: PNG },
        { kind: 'vehicle', jpegBase64: JPEG },
      ]);
      assert.deepEqual(r.alerts, [{ sourceSystem: 'genetec', plate: 'TST7731', listName: 'STOLEN VEHICLES', description: 'NCIC stolen, entered 2026-06-30' }]);
    },
  },
  {
    name: 'UTC fields equal to the local ones (the real capture): with a zone, local time in it wins',
    file: 'read.utc-equals-local.json',
    timeZone: CHICAGO,
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-03-05T23:29:26Z')),
  },
  {
    name: 'UTC fields equal to the local ones, no zone configured: read as UTC, as their name says',
    file: 'read.utc-equals-local.json',
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-03-05T17:29:26Z')),
  },
  {
    name: 'DST gap: 02:30 on the spring-forward night never happened in Chicago; read with the pre-change offset (= 03:30 CDT)',
    file: 'read.dst-gap.json',
    timeZone: CHICAGO,
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-03-08T08:30:00Z')),
  },
  {
    name: 'DST overlap: 01:30 on the fall-back night happened twice; UTC fields no help → the earlier (CDT)',
    file: 'read.dst-overlap.json',
    timeZone: CHICAGO,
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-11-01T06:30:00Z')),
  },
  {
    name: 'DST overlap: the UTC fields name the second 01:30 (CST) → that one',
    file: 'read.dst-overlap.utc-second.json',
    timeZone: CHICAGO,
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-11-01T07:30:00Z')),
  },
  {
    name: 'local fields only, 12-hour clock, with the source zone',
    file: 'read.local-only.json',
    timeZone: CHICAGO,
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-03-05T19:05:09Z')),
  },
  {
    name: 'another zone for the same local fields: Europe/Paris',
    file: 'read.local-only.json',
    timeZone: 'Europe/Paris',
    check: (r) => assert.equal(onlyRead(r).observedAt, at('2026-03-05T12:05:09Z')),
  },
  { name: 'local fields only and no zone configured: refused with the fix', file: 'read.local-only.json', error: /carry no time zone.*set the source's timeZone/ },
  {
    name: 'no VehicleID: identity from camera, time and plate; ISO date, fractional seconds, unreadable confidence → 0',
    file: 'read.minimal-no-id.json',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.observedAt, at('2026-03-05T10:00:00.250Z'));
      assert.equal(read.sourceEventId, `Dock 2:${at('2026-03-05T10:00:00.250Z')}:TST9090`);
      assert.equal(read.confidence, 0);
      assert.equal(read.state, 'IL');
      assert.equal(read.location, undefined);
    },
  },
  { name: 'plate-less read (vehicle seen, plate unreadable) is acknowledged as ignored', file: 'read.no-plate.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'no read with plate text' } },
  {
    name: 'an array of reads; a Canadian province as State',
    file: 'array.two-reads.json',
    check: (r) => {
      assert.deepEqual(r.reads.map((x) => [x.plate, x.state]), [['TST0001', 'MO'], ['TST0002', 'ON']]);
    },
  },
  { name: 'impossible date 13/45/2026 is refused, not rolled over', file: 'bad-date.json', timeZone: CHICAGO, error: /is not a real date and time/ },
  { name: 'a time that is not HH:MM:SS', file: 'bad-time.json', error: /is not MM\/DD\/YYYY HH:MM:SS/ },
  { name: 'no date or time at all', file: 'no-time.json', error: /no usable date and time: DateUtc missing/ },
  { name: 'a time in 2099 is a clock error', file: 'future-time.json', error: /before 2000 or in the future/ },
  { name: 'JSON that is not a Genetec read', file: 'not-genetec.json', error: /not a Genetec read/ },
  { name: 'an array of non-objects', file: 'wrong-type.json', error: /\[0\]: expected a JSON object, got number/ },
  { name: 'an HTML error page', file: 'garbage.txt', error: /invalid JSON/ },
  { name: 'hostile: nesting 100 000 deep', file: 'deep-nesting.json', error: /expected a JSON object|invalid JSON/ },
];

decoderCases(genetecDecoder, new URL('./fixtures/', import.meta.url), 'application/json', cases);

test('genetec: a retry decodes to the same sourceEventId, with or without VehicleID', () => {
  for (const file of ['read.fixed.json', 'read.minimal-no-id.json']) {
    assert.equal(decode(fixture(file), CHICAGO).reads[0].sourceEventId, decode(fixture(file), CHICAGO).reads[0].sourceEventId);
  }
});

test('genetec: hostile sizes — more than 100 reads refused; a 1 MB plate is no plate; 5 MB of junk base64 is no image', () => {
  const read = JSON.parse(fixture('read.utc-equals-local.json').toString('utf8'));
  assert.throws(() => decode(Buffer.from(JSON.stringify(Array.from({ length: 101 }, () => read)))), /array of 101 reads/);
  assert.deepEqual(decode(Buffer.from(JSON.stringify({ ...read, Plate: 'A'.repeat(1_000_000) }))).reads, []);
  const junk = decode(Buffer.from(JSON.stringify({ ...read, PlateImage: 'QUFB'.repeat(1_300_000) })));
  assert.equal(junk.reads[0].images, undefined);
});
