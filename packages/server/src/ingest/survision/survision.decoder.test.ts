import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { survisionDecoder, MAX_EVENTS } from './survision.decoder.ts';
import { RECEIVED, decoderCases, onlyRead, type DecoderCase } from '../decoder-cases.fixture.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const decode = (body: Buffer, contentType = 'application/json') => survisionDecoder.decode({ body, contentType, receivedAt: RECEIVED });
const T = 1772720130252;
const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==';



const cases: DecoderCase[] = [
  {
    name: 'push: @-attributes, all strings, @date epoch ms, @reliability 0–100, USA-TX context, session + id as identity, decision.jpeg',
    file: 'push.json',
    expect: {
      reads: [
        {
          sourceSystem: 'survision',
          sourceEventId: '1f0c2b7a:4812',
          plate: 'TST4821',
          plateRaw: 'TST4821',
          confidence: 0.92,
          observedAt: T,
          state: 'TX',
          sourceCameraKey: 'SRV-0042',
          images: [{ kind: 'vehicle', jpegBase64: JPEG }],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'French plate: hyphens stripped, context F / FR is a country (no state), "" jpeg is no image, no serial → no camera',
    file: 'push.french-plate.json',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plate, 'AB123CD');
      assert.equal(read.plateRaw, 'AB-123-CD');
      assert.equal(read.confidence, 1);
      assert.equal(read.state, undefined);
      assert.equal(read.images, undefined);
      assert.equal(read.sourceCameraKey, undefined);
    },
  },
  { name: 'decision with an empty plate (vehicle, no readable plate) is acknowledged as ignored', file: 'push.no-plate.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'decision without plate text' } },
  {
    name: 'anpr as an array and decision as an array (repeated XML elements): the first decision of each event; unreadable reliability → 0',
    file: 'push.array.json',
    check: (r) => {
      assert.deepEqual(r.reads.map((x) => [x.sourceEventId, x.plate, x.confidence]), [['1f0c2b7a:4815', 'TST0001', 0.92], ['1f0c2b7a:4816', 'TST0002', 0]]);
    },
  },
  {
    name: 'the bare anpr object without its wrapper; base64 that is not a picture is no image',
    file: 'push.bare-anpr.json',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plate, 'TST0003');
      assert.equal(read.images, undefined);
    },
  },
  {
    name: 'no @session/@id: identity from serial, time and plate',
    file: 'push.no-session.json',
    check: (r) => assert.equal(onlyRead(r).sourceEventId, `SRV-0042:${T + 6000}:TST0004`),
  },
  { name: '@date as a date string', file: 'push.bad-date.json', error: /@date "2026-03-05" is not an epoch in milliseconds/ },
  { name: '@date in seconds is a unit error, not 1970', file: 'push.seconds-date.json', error: /is not an epoch in milliseconds/ },
  { name: 'decision that is a string', file: 'push.decision-string.json', error: /"decision" is string, expected an object/ },
  { name: 'JSON that is not a Survision push', file: 'not-survision.json', error: /not a Survision push \(no "anpr"; keys: event, plate\)/ },
  { name: 'a form body that is not JSON', file: 'garbage.txt', contentType: 'application/x-www-form-urlencoded', error: /form body with 2 fields|invalid JSON/ },
  { name: 'hostile: nesting 100 000 deep', file: 'deep-nesting.json', error: /expected an object|invalid JSON/ },
];

decoderCases(survisionDecoder, new URL('./fixtures/', import.meta.url), 'application/json', cases);

test('survision: a re-sent push has the same sourceEventId', () => {
  assert.equal(decode(fixture('push.json')).reads[0].sourceEventId, decode(fixture('push.json')).reads[0].sourceEventId);
});

test(`survision: hostile: more than ${MAX_EVENTS} events in one push are refused; a 1 MB plate is no plate`, () => {
  const push = JSON.parse(fixture('push.json').toString('utf8'));
  assert.throws(() => decode(Buffer.from(JSON.stringify({ anpr: Array.from({ length: MAX_EVENTS + 1 }, () => push.anpr) }))), /101 events in one push/);
  const long = { anpr: { ...push.anpr, decision: { ...push.anpr.decision, '@plate': 'A'.repeat(1_000_000) } } };
  assert.deepEqual(decode(Buffer.from(JSON.stringify(long))).reads, []);
});
