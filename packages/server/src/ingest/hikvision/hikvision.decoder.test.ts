import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { hikvisionDecoder } from './hikvision.decoder.ts';
import { RECEIVED, decoderCases, onlyRead, type DecoderCase } from '../decoder-cases.fixture.ts';
import { MAX_XML_BYTES } from './isapi-xml.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const MULTIPART = 'multipart/form-data; boundary=MIME_boundary';
const decode = (body: Buffer, contentType = 'application/xml', timeZone?: string) =>
  hikvisionDecoder.decode({ body, contentType, receivedAt: RECEIVED, ...(timeZone ? { timeZone } : {}) });
const T = Date.parse('2026-03-05T14:15:30Z');
const CAMERA = 'bc:ba:c2:00:00:01:1';



const READ = {
  sourceSystem: 'hikvision',
  sourceEventId: '3f2b1c9e-0d4a-4b6e-8f7a-9c1d2e3f4a5b',
  plate: 'TST4821',
  plateRaw: 'TST4821',
  confidence: 0.98,
  observedAt: T,
  state: 'TX',
  sourceCameraKey: CAMERA,
  // 29° 45′ 37.54″ N, 95° 22′ 11.29″ W
  location: [-(95 + 22 / 60 + 11.29 / 3600), 29 + 45 / 60 + 37.54 / 3600] as [number, number],
  vehicle: { color: 'gray', bodyType: 'SUVMPV' },
};

const cases: DecoderCase[] = [
  {
    name: 'XML alone: dateTime with offset, confidenceLevel 0–100, province, DMS GPS with N/W, MAC + channel as camera, UUID as id',
    file: 'anpr.xml',
    expect: { reads: [READ], heartbeats: [], alerts: [] },
  },
  {
    name: 'multipart: anpr.xml + licensePlatePicture.jpg (plate) + detectionPicture.jpg (overview)',
    file: 'anpr.multipart.bin',
    contentType: MULTIPART,
    expect: {
      reads: [
        {
          ...READ,
          images: [
            { kind: 'plate', jpegBase64: fixture('licensePlatePicture.jpg').toString('base64') },
            { kind: 'overview', jpegBase64: fixture('detectionPicture.jpg').toString('base64') },
          ],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'multipart labelled multipart/mixed (some firmware) is read the same way',
    file: 'anpr.multipart.bin',
    contentType: 'multipart/mixed; boundary=MIME_boundary',
    check: (r) => assert.equal(onlyRead(r).images?.length, 2),
  },
  {
    name: 'a "picture" part that is HTML is not an image; anpr.xml without Content-Type still found by name',
    file: 'anpr.multipart.fake-jpeg.bin',
    contentType: MULTIPART,
    check: (r) => assert.equal(onlyRead(r).images, undefined),
  },
  {
    name: 'isDataRetransmission: the same UUID, so the retry store makes it a duplicate',
    file: 'anpr.retransmission.xml',
    check: (r) => assert.equal(onlyRead(r).sourceEventId, READ.sourceEventId),
  },
  { name: 'licensePlate "unknown": plate-less, acknowledged as ignored', file: 'anpr.unknown-plate.xml', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'ANPR event without a readable plate' } },
  {
    name: 'the camera\'s own blackList becomes a vendor alert; +02:00 offset; no GPS; "US" alone is a country, not a state',
    file: 'anpr.blacklist.no-gps.xml',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plate, 'TST9911');
      assert.equal(read.observedAt, Date.parse('2026-07-04T10:00:00Z'));
      assert.equal(read.location, undefined);
      assert.equal(read.state, undefined);
      assert.deepEqual(r.alerts, [{ sourceSystem: 'hikvision', plate: 'TST9911', listName: 'blackList' }]);
    },
  },
  {
    name: 'dateTime without an offset (older firmware) in the source zone',
    file: 'anpr.no-offset.xml',
    timeZone: 'America/Chicago',
    check: (r) => assert.equal(onlyRead(r).observedAt, T),
  },
  { name: 'dateTime without an offset and no source zone: refused with the fix', file: 'anpr.no-offset.xml', error: /without an offset; set the source's timeZone/ },
  {
    name: 'no UUID: identity from camera, time and plate',
    file: 'anpr.no-uuid.xml',
    check: (r) => assert.equal(onlyRead(r).sourceEventId, `${CAMERA}:${T}:TST0306`),
  },
  {
    name: 'videoloss keep-alive: a heartbeat for the camera, ignored as a read',
    file: 'videoloss.xml',
    expect: {
      reads: [],
      heartbeats: [{ sourceSystem: 'hikvision', agentId: CAMERA, at: RECEIVED, cameras: [{ sourceCameraKey: CAMERA, name: 'Main St NB' }] }],
      alerts: [],
      ignored: 'eventType "videoloss" carries no plate',
    },
  },
  { name: 'hostile: billion laughs (entity expansion) is refused before parsing', file: 'hostile.billion-laughs.xml', error: /DOCTYPE or entity declaration is refused/ },
  { name: 'hostile: external entity (XXE) is refused', file: 'hostile.external-entity.xml', error: /DOCTYPE or entity declaration is refused/ },
  { name: 'hostile: 5 000 nested elements', file: 'hostile.deep-nesting.xml', error: /nested deeper than 32/ },
  { name: 'hostile: a __proto__ element (prototype pollution) is refused', file: 'hostile.proto-pollution.xml', error: /unreadable XML: .*prototype pollution/ },
  { name: 'malformed: unclosed elements', file: 'malformed.unclosed.xml', error: /unreadable XML/ },
  { name: 'XML that is not an EventNotificationAlert (an ISAPI ResponseStatus)', file: 'not-isapi.xml', error: /not an ISAPI EventNotificationAlert \(root: ResponseStatus\)/ },
  { name: 'JSON instead of XML', file: 'garbage.json', error: /not XML: starts with/ },
  { name: 'multipart with pictures but no XML part', file: 'anpr.multipart.no-xml.bin', contentType: MULTIPART, error: /without an XML part such as anpr\.xml \(parts: licensePlatePicture\.jpg \(file\)\)/ },
];

decoderCases(hikvisionDecoder, new URL('./fixtures/', import.meta.url), 'application/xml', cases);

test('hikvision: hostile: XML larger than the limit is refused, and nothing was polluted', async () => {
  const huge = Buffer.from(`<EventNotificationAlert><eventType>ANPR</eventType><x>${'A'.repeat(MAX_XML_BYTES)}</x></EventNotificationAlert>`);
  await assert.rejects(decode(huge), /XML larger than 65536 bytes/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('hikvision: hostile: a tag with thousands of attributes (quadratic for the parser) is refused before parsing, terminated or not', async () => {
  const attributes = Array.from({ length: 5000 }, (_, i) => `b${i}="c"`).join(' ');
  await assert.rejects(decode(Buffer.from(`<EventNotificationAlert><a ${attributes}></a></EventNotificationAlert>`)), /XML tag <a> longer than 2048 bytes/);
  await assert.rejects(decode(Buffer.from(`<EventNotificationAlert><a ${attributes}`)), /XML ends inside a tag longer than 2048 bytes/);
});
