import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openalprDecoder } from './openalpr.decoder.ts';
import { DecodeError, type DecodeResult } from '../decoder.types.ts';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));
const decode = (body: Buffer, contentType?: string) =>
  openalprDecoder.decode({ body, contentType, receivedAt: 1_800_000_000_000 });

const JPEG = '/9j/4AAQSkZJRgABAQAAAQABAAD/2Q==';
const agent = (n: number) => `AGENTTEST000000000000000000000000000000${n}`;

interface Case {
  name: string;
  file: string;
  contentType?: string;
  expect?: Partial<DecodeResult>;
  check?: (r: DecodeResult) => void;
  error?: RegExp;
}

const cases: Case[] = [
  {
    name: 'alpr_results with a UTF-8 BOM posted as form-urlencoded (alprd)',
    file: 'alpr-results.bom.json',
    contentType: 'application/x-www-form-urlencoded',
    expect: {
      reads: [
        {
          sourceSystem: 'openalpr',
          sourceEventId: `${agent(1)}-7-1767261600123:0`,
          plate: 'TST1234',
          plateRaw: 'TST1234',
          confidence: 0.885,
          observedAt: 1767261600123,
          state: 'TX',
          sourceCameraKey: `${agent(1)}:7`,
          candidates: [{ plate: 'TST12B4', confidence: 0.7025 }],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'camera_id above 2^53 is kept exactly; site_id names the camera when agent_uid is absent',
    file: 'alpr-results.big-camera-id.json',
    check: (r) => {
      assert.equal(r.reads.length, 1);
      assert.equal(r.reads[0].sourceCameraKey, 'site-7:18446744073709551615');
      assert.equal(r.reads[0].sourceEventId, 'site-7-cam18446744073709551615-1767261601000:0');
      assert.equal(r.reads[0].state, 'MO');
    },
  },
  {
    name: 'numbers as strings, [] for objects, duplicate candidates, placeholder crops, plate-less results',
    file: 'alpr-results.tolerant.json',
    expect: {
      reads: [
        {
          sourceSystem: 'openalpr',
          sourceEventId: `${agent(1)}-12-1767261602000:0`,
          plate: 'TST55Q',
          plateRaw: 'tst-55 q',
          confidence: 0.765,
          observedAt: 1767261602000,
          state: 'CA',
          sourceCameraKey: `${agent(1)}:12`,
          candidates: [{ plate: 'TST55O', confidence: 0.6 }],
          images: [{ kind: 'plate', jpegBase64: JPEG }],
        },
        {
          sourceSystem: 'openalpr',
          sourceEventId: `${agent(1)}-12-1767261602000:1`,
          plate: 'TST77',
          plateRaw: 'TST77',
          confidence: 0.64,
          observedAt: 1767261602000,
          sourceCameraKey: `${agent(1)}:12`,
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'alpr_group v2: GPS, vehicle attributes, heading, group candidates, real crop only',
    file: 'alpr-group.v2.json',
    expect: {
      reads: [
        {
          sourceSystem: 'openalpr',
          sourceEventId: `group:${agent(2)}-3-1767261700400:1`,
          plate: 'GRP2024',
          plateRaw: 'GRP2024',
          confidence: 0.9125,
          observedAt: 1767261700000,
          state: 'IL',
          sourceCameraKey: `${agent(2)}:3`,
          location: [-90.19940185546875, 38.62700271606445],
          locationSource: 'device',
          candidates: [{ plate: 'GRP2O24', confidence: 0.725 }],
          vehicle: {
            color: 'blue',
            make: 'toyota',
            model: 'camry',
            bodyType: 'sedan-standard',
            year: '2015-2019',
            heading: 182.5,
          },
          images: [{ kind: 'plate', jpegBase64: JPEG }],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'a preview group is ignored with a reason',
    file: 'alpr-group.preview.json',
    expect: { reads: [], heartbeats: [], alerts: [], ignored: 'preview group (a final group follows)' },
  },
  {
    name: 'alpr_group v3: best_uuid_epoch_ms, overview image, GPS (0,0) dropped, disagreeing make_model dropped',
    file: 'alpr-group.v3.json',
    expect: {
      reads: [
        {
          sourceSystem: 'openalpr',
          sourceEventId: `group:${agent(3)}-2090267338-1767261802250`,
          plate: 'V3TEST9',
          plateRaw: 'V3TEST9',
          confidence: 0.855,
          observedAt: 1767261802250,
          state: 'OH',
          sourceCameraKey: `${agent(3)}:2090267338`,
          vehicle: { color: 'white', make: 'ford', heading: 0 },
          images: [{ kind: 'overview', jpegBase64: JPEG }],
        },
      ],
      heartbeats: [],
      alerts: [],
    },
  },
  {
    name: 'alpr_alert: the group becomes a read (camera from the wrapper) and the alert is returned',
    file: 'alpr-alert.json',
    expect: {
      reads: [
        {
          sourceSystem: 'openalpr',
          sourceEventId: `group:${agent(4)}-5-1767261900000:0`,
          plate: 'ALRT001',
          plateRaw: 'ALRT001',
          confidence: 0.95,
          observedAt: 1767261900000,
          state: 'MO',
          sourceCameraKey: `${agent(4)}:5`,
        },
      ],
      heartbeats: [],
      alerts: [
        { sourceSystem: 'openalpr', plate: 'ALRT001', listName: 'Test stolen list', description: 'synthetic test entry' },
      ],
    },
  },
  {
    name: 'a vehicle event without plate is ignored',
    file: 'vehicle.no-plate.json',
    expect: { reads: [], heartbeats: [], alerts: [], ignored: 'vehicle without plate' },
  },
  {
    name: 'heartbeat: cameras, big integers exact, no license key or stream URL kept',
    file: 'heartbeat.json',
    check: (r) => {
      assert.equal(r.reads.length, 0);
      assert.equal(r.heartbeats.length, 1);
      const hb = r.heartbeats[0];
      assert.equal(hb.sourceSystem, 'openalpr');
      assert.equal(hb.agentId, agent(6));
      assert.equal(hb.at, 1767262100000);
      assert.deepEqual(hb.cameras, [
        {
          sourceCameraKey: `${agent(6)}:18446744073709551615`,
          name: 'North gate',
          isStreaming: true,
          location: [-90.2, 38.6],
        },
        { sourceCameraKey: `${agent(6)}:8`, name: 'South gate', isStreaming: false },
      ]);
      assert.equal(hb.details?.disk_drive_free_bytes, '9223372036854775807');
      assert.equal(hb.details?.disk_drive_total_bytes, 491323654144);
      const text = JSON.stringify(r);
      assert.ok(!text.includes('synthetic-license-key'), 'license key leaked');
      assert.ok(!text.includes('secret@'), 'stream credentials leaked');
    },
  },
  {
    name: 'web-server relay wrapper (data_type null, group under group)',
    file: 'relay-wrapper.json',
    check: (r) => {
      assert.equal(r.reads.length, 1);
      assert.equal(r.reads[0].plate, 'RLY4321');
      assert.equal(r.reads[0].state, 'KS');
      assert.equal(r.reads[0].sourceCameraKey, `${agent(7)}:21`);
      assert.equal(r.reads[0].sourceEventId, `group:${agent(7)}-21-1767262200000:0`);
      assert.equal(r.alerts.length, 0);
    },
  },
  {
    name: 'an array decodes every element; a preview element alone does not mark the batch ignored',
    file: 'array.mixed.json',
    check: (r) => {
      assert.deepEqual(
        r.reads.map((x) => [x.plate, x.sourceEventId]),
        [['ARR0001', `${agent(8)}-1-1767262300000:0`]],
      );
      assert.equal(r.heartbeats.length, 1);
      assert.equal(r.heartbeats[0].at, 1767262300500);
      assert.equal(r.ignored, undefined);
    },
  },
  { name: 'unknown data_type', file: 'unknown-type.json', error: /^unknown data_type "alpr_mystery"$/ },
  { name: 'garbage body', file: 'garbage.txt', contentType: 'text/plain', error: /^invalid JSON at position 0 / },
];

for (const c of cases) {
  test(`fixture ${c.file}: ${c.name}`, () => {
    const body = fixture(c.file);
    if (c.error) {
      assert.throws(() => decode(body, c.contentType), (e: unknown) => e instanceof DecodeError && c.error!.test(e.message));
      return;
    }
    const result = decode(body, c.contentType);
    if (c.expect) assert.deepEqual(result, c.expect);
    c.check?.(result);
  });
}

test('a group wrapped in a json= form field decodes like the bare group', () => {
  const bare = fixture('alpr-group.v2.json');
  const form = Buffer.from(`json=${encodeURIComponent(bare.toString('utf8'))}`);
  assert.deepEqual(decode(form, 'application/x-www-form-urlencoded'), decode(bare));
});

test('resending the same group gives the same sourceEventId; the alert copy of a group matches the plain one', () => {
  const alert = JSON.parse(fixture('alpr-alert.json').toString('utf8'));
  const plain = { ...alert.group, agent_uid: alert.agent_uid, camera_id: alert.camera_number };
  const fromAlert = decode(Buffer.from(JSON.stringify(alert))).reads[0];
  const fromGroup = decode(Buffer.from(JSON.stringify(plain))).reads[0];
  assert.equal(fromAlert.sourceEventId, fromGroup.sourceEventId);
  assert.equal(fromAlert.sourceCameraKey, fromGroup.sourceCameraKey);
});

test('an array element that cannot be decoded fails the payload, naming its index', () => {
  const body = Buffer.from(JSON.stringify([{ data_type: 'heartbeat', agent_uid: 'A1' }, { data_type: 'nope' }]));
  assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && e.message === '[1]: unknown data_type "nope"');
});

test('an array whose elements carry nothing is ignored with every reason', () => {
  const preview = JSON.parse(fixture('alpr-group.preview.json').toString('utf8'));
  const r = decode(Buffer.from(JSON.stringify([preview, { data_type: 'vehicle' }])));
  assert.equal(r.reads.length, 0);
  assert.equal(r.ignored, '[0]: preview group (a final group follows); [1]: vehicle without plate');
  assert.equal(decode(Buffer.from('[]')).ignored, 'empty array');
});

test('the web-server test ping is ignored, not quarantined', () => {
  assert.equal(decode(Buffer.from('{"openalpr_webhook": "test"}')).ignored, 'webhook test ping');
});

test('payloads that cannot be understood are DecodeErrors', () => {
  const bad: [string, RegExp][] = [
    ['', /^empty body$/],
    ['"just a string"', /^expected a JSON object, got string$/],
    ['{"data_type": null, "foo": 1}', /^data_type is null and there is no group$/],
    ['{"foo": 1}', /^missing data_type$/],
    ['{"data_type":"alpr_results","results":[{"plate":"X1"}]}', /^alpr_results without epoch_time$/],
    ['{"data_type":"alpr_alert","group":{}}', /^alpr_alert without plate_number$/],
    ['{"data_type":"heartbeat","timestamp":1}', /^heartbeat without agent_uid$/],
  ];
  for (const [body, message] of bad) {
    assert.throws(() => decode(Buffer.from(body)), (e: unknown) => e instanceof DecodeError && message.test(e.message), body);
  }
});
