import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { axisDecoder } from './axis.decoder.ts';
import { RECEIVED, decoderCases, onlyRead, type DecoderCase } from '../decoder-cases.fixture.ts';
import { MAX_FILE_BYTES, withoutFileParts } from '../multipart.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const BOUNDARY = 'axisLprBoundary0123456789';
const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
const decode = (body: Buffer, contentType = 'application/json', timeZone?: string) =>
  axisDecoder.decode({ body, contentType, receivedAt: RECEIVED, ...(timeZone ? { timeZone } : {}) });
const T = Date.parse('2026-03-05T14:15:30.252Z');
const PLATE_JPEG = fixture('plate.jpg').toString('base64');
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';



const cases: DecoderCase[] = [
  {
    name: 'event JSON alone: string epoch ms, "0.876" on 0–1, plateRegion "Texas" → TX, geotag, serial number as camera',
    file: 'event.new.json',
    expect: {
      reads: [
        {
          sourceSystem: 'axis',
          sourceEventId: `B8A44F000001:1201:${T}`,
          plate: 'TST4821',
          plateRaw: 'TST4821',
          confidence: 0.876,
          observedAt: T,
          state: 'TX',
          sourceCameraKey: 'B8A44F000001',
          location: [-95.369803, 29.760427],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'multipart: event part + JPEG image part (with CRLF-- inside it) as the plate image (imageType "plate"); carState update is a capture of its own',
    file: 'event.multipart.bin',
    contentType: MULTIPART,
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.sourceEventId, `B8A44F000001:1201:${T + 480}`);
      assert.equal(read.confidence, 0.912);
      assert.deepEqual(read.images, [{ kind: 'plate', jpegBase64: PLATE_JPEG }]);
    },
  },
  {
    name: 'multipart recognised when the Content-Type lies',
    file: 'event.multipart.bin',
    contentType: 'application/octet-stream',
    check: (r) => assert.equal(onlyRead(r).images?.length, 1),
  },
  {
    name: 'multipart: event as a .json file part, PNG labelled octet-stream kept as overview (imageType "full"), HTML part dropped; lower-case plate with a space; CAN-QC → QC',
    file: 'event.multipart.png-and-html.bin',
    contentType: MULTIPART,
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plate, 'TST7731');
      assert.equal(read.plateRaw, 'tst 7731');
      assert.equal(read.state, 'QC');
      assert.deepEqual(read.images, [{ kind: 'overview', jpegBase64: PNG }]);
    },
  },
  { name: 'carState "lost" without plate text is acknowledged as ignored', file: 'event.lost.no-plate.json', expect: { reads: [], heartbeats: [], alerts: [], ignored: 'carState "lost" event without plate text' } },
  {
    name: 'only the camera-local datetime (UTC+3 camera): read in the source zone',
    file: 'event.local-datetime-only.json',
    timeZone: 'Europe/Istanbul',
    check: (r) => assert.equal(onlyRead(r).observedAt, T),
  },
  { name: 'only the camera-local datetime and no source zone: refused with the fix', file: 'event.local-datetime-only.json', error: /datetime is camera-local: set the source's timeZone/ },
  {
    name: 'capture_ts in nanoseconds (beyond 2^53) when capture_timestamp is missing',
    file: 'event.capture-ts-ns-only.json',
    check: (r) => assert.equal(onlyRead(r).observedAt, T),
  },
  {
    name: 'foreign plate: plateCountry DEU gives no state; UTF-8 plate text preferred; confidence "87" read as a percentage; no geotag',
    file: 'event.foreign-plate.json',
    check: (r) => {
      const read = onlyRead(r);
      assert.equal(read.plateRaw, 'B·MW 1234');
      assert.equal(read.plate, 'BMW1234');
      assert.equal(read.state, undefined);
      assert.equal(read.confidence, 0.87);
      assert.equal(read.location, undefined);
    },
  },
  { name: 'no usable time at all', file: 'event.bad-time.json', error: /no usable time: capture_timestamp "soon"/ },
  { name: 'multipart without an event part', file: 'event.multipart.no-event.bin', contentType: MULTIPART, error: /without an "event" part \(parts: note, image \(file\)\)/ },
  { name: 'multipart cut short (no closing boundary)', file: 'event.multipart.unclosed.bin', contentType: MULTIPART, error: /without a closing boundary/ },
  { name: 'hostile: more parts than allowed', file: 'event.multipart.too-many-parts.bin', contentType: MULTIPART, error: /more than 32 (parts|fields)/ },
  { name: 'JSON that is not an Axis LPR event', file: 'not-axis.json', error: /not an Axis LPR event/ },
  { name: 'an array instead of the event object', file: 'event.array.json', error: /expected a JSON object, got an array/ },
  { name: 'not JSON', file: 'garbage.txt', error: /invalid JSON/ },
];

decoderCases(axisDecoder, new URL('./fixtures/', import.meta.url), 'application/json', cases);

test('axis: the same capture sent as JSON and as multipart has the same sourceEventId (a retry is a duplicate)', async () => {
  const json = (await decode(fixture('event.new.json'))).reads[0];
  const again = (await decode(fixture('event.new.json'))).reads[0];
  assert.equal(json.sourceEventId, again.sourceEventId);
});

test(`axis: hostile: an image part above ${MAX_FILE_BYTES} bytes is refused, not buffered without end`, async () => {
  const event = fixture('event.new.json');
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="event"\r\n\r\n`),
    event,
    Buffer.from(`\r\n--${BOUNDARY}\r\nContent-Disposition: form-data; name="image"; filename="big.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    Buffer.alloc(MAX_FILE_BYTES + 1, 0xff),
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  await assert.rejects(decode(body, MULTIPART), /larger than/);
});

test('axis: quarantine copy of a multipart post keeps the text parts (event, HTML) and drops the picture', async () => {
  const out = await withoutFileParts(fixture('event.multipart.png-and-html.bin'), MULTIPART);
  assert.equal(out.droppedFiles, 1);
  assert.ok(out.body.includes('<html>oops</html>'));
  assert.ok(out.body.includes('"carID": "1202"'));
  assert.equal(out.body.includes(Buffer.from([0x89, 0x50, 0x4e, 0x47])), false);
});
