// The OsmAnd decoder: what Traccar Client, OsmAnd and trackers send, as Traccar's own decoder
// reads it; plus malformed and hostile requests. Device ids and places are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodeError } from '../decoder.types.ts';
import { osmandDecoder } from './osmand.decoder.ts';

const RECEIVED = Date.UTC(2026, 2, 14, 12, 0, 0);
const KNOT = 1852 / 3600;
const decode = (query: string, body = '', contentType?: string) => osmandDecoder.decode({ query, body: Buffer.from(body), contentType, receivedAt: RECEIVED });

describe('OsmAnd decoder', () => {
  const table: [string, string, string, Record<string, unknown> | string][] = [
    [
      'Traccar Client GET: epoch seconds, speed in knots, bearing, altitude, accuracy, battery',
      'id=2B31&timestamp=1773489600&lat=38.8895&lon=-77.0353&speed=10.0&bearing=271.5&altitude=21.0&accuracy=6.5&batt=84.0&key=secret',
      '',
      { unitId: '2B31', location: [-77.0353, 38.8895], at: 1773489600000, speedMps: Math.round(10 * KNOT * 100) / 100, heading: 271.5, altitude: 21, accuracy: 6.5, battery: 84, sourceSystem: 'osmand', receivedAt: RECEIVED },
    ],
    ['epoch milliseconds', 'id=2B31&timestamp=1773489600123&lat=38.9&lon=-77', '', { at: 1773489600123 }],
    ['ISO 8601', 'id=2B31&timestamp=2026-03-14T11:59:00Z&lat=38.9&lon=-77', '', { at: Date.UTC(2026, 2, 14, 11, 59) }],
    ['"yyyy-MM-dd HH:mm:ss", read as UTC', 'id=2B31&timestamp=2026-03-14%2011:59:00&lat=38.9&lon=-77', '', { at: Date.UTC(2026, 2, 14, 11, 59) }],
    ['no timestamp: the receive time', 'id=2B31&lat=38.9&lon=-77', '', { at: RECEIVED }],
    ['deviceid and location=lat,lon and heading', 'deviceid=car-7&location=38.9,-77.1&heading=90', '', { unitId: 'car-7', location: [-77.1, 38.9], heading: 90 }],
    ['a form body when the URL has no parameters', 'key=secret', 'id=F12&lat=40.1&lon=-75.2&timestamp=1773489600', { unitId: 'F12', location: [-75.2, 40.1] }],
    ['URL parameters win over a form body', 'id=URL1&lat=1&lon=1', 'id=BODY1&lat=2&lon=2', { unitId: 'URL1' }],
    [
      'Traccar Client 9 JSON: m/s, battery 0–1',
      '',
      JSON.stringify({ device_id: 'P-104', location: { timestamp: '2026-03-14T11:58:00.000Z', coords: { latitude: 41.88, longitude: -87.63, speed: 12.5, heading: 180, altitude: 180, accuracy: 5 }, battery: { level: 0.42, is_charging: false } } }),
      { unitId: 'P-104', location: [-87.63, 41.88], at: Date.UTC(2026, 2, 14, 11, 58), speedMps: 12.5, heading: 180, altitude: 180, accuracy: 5, battery: 42, sourceSystem: 'osmand', receivedAt: RECEIVED },
    ],
    ['JSON speed -1 (unknown) is left out', '', JSON.stringify({ device_id: 'P-1', location: { coords: { latitude: 41.88, longitude: -87.63, speed: -1, heading: -1 } } }), { speedMps: undefined, heading: undefined }],
    ['impossible values are left out', 'id=X1&lat=38.9&lon=-77&speed=99999&bearing=720&batt=150&accuracy=-3', '', { speedMps: undefined, heading: undefined, battery: undefined, accuracy: undefined }],
    ['no id', 'lat=38.9&lon=-77', '', 'no device id (`id`)'],
    ['no position', 'id=2B31&timestamp=1773489600', '', 'no usable lat and lon (missing, not numbers, or out of range)'],
    ['latitude out of range', 'id=2B31&lat=91&lon=-77', '', 'no usable lat and lon (missing, not numbers, or out of range)'],
    ['a word for a number', 'id=2B31&lat=north&lon=-77', '', 'no usable lat and lon (missing, not numbers, or out of range)'],
    ['0,0: no fix', 'id=2B31&lat=0&lon=0', '', 'lat 0, lon 0: the device has no fix'],
    ['valid=false', 'id=2B31&lat=38.9&lon=-77&valid=false', '', 'the device marked the fix invalid'],
    ['a timestamp that is not a time', 'id=2B31&lat=38.9&lon=-77&timestamp=yesterday', '', 'timestamp "yesterday" is not a time (epoch seconds or ms, or ISO 8601 with a zone)'],
    ['a time far in the future', 'id=2B31&lat=38.9&lon=-77&timestamp=4102444800', '', 'timestamp "4102444800" is not a time (epoch seconds or ms, or ISO 8601 with a zone)'],
  ];
  for (const [what, query, body, want] of table) {
    it(what, () => {
      const r = decode(query, body);
      if (typeof want === 'string') {
        assert.deepEqual(r, { positions: [], dropped: [{ index: 0, reason: want }] });
        return;
      }
      assert.equal(r.positions.length, 1, JSON.stringify(r.dropped));
      const p = r.positions[0] as unknown as Record<string, unknown>;
      if ('sourceSystem' in want) assert.deepEqual(p, want);
      else for (const [k, v] of Object.entries(want)) assert.deepEqual(p[k], v, k);
    });
  }

  it('takes a JSON batch, dropping the entries it cannot use with their index', () => {
    const r = decode('', JSON.stringify({ device_id: 'P-7', location: [{ coords: { latitude: 1, longitude: 1 }, timestamp: 1773489600 }, { coords: {} }, 'x'] }));
    assert.equal(r.positions.length, 1);
    assert.deepEqual(r.dropped.map((d) => d.index), [1, 2]);
  });

  it('caps the id at 100 characters', () => {
    assert.equal(decode(`id=${'A'.repeat(5000)}&lat=1&lon=1`).positions[0].unitId.length, 100);
  });

  const refused: [string, string, string, RegExp][] = [
    ['nothing at all', '', '', /no OsmAnd parameters/],
    ['only the key', 'key=secret', '', /no OsmAnd parameters/],
    ['broken JSON', '', '{"device_id": "P', /invalid JSON/],
    ['JSON that is not an object', '', '[1,2,3]', /expected a JSON object with device_id and location, got an array/],
    ['a JSON batch of 1001', '', JSON.stringify({ device_id: 'x', location: Array.from({ length: 1001 }, () => ({})) }), /at most 1000/],
  ];
  for (const [what, query, body, message] of refused) {
    it(`refuses ${what} with a DecodeError`, () => {
      assert.throws(() => decode(query, body), (e: unknown) => e instanceof DecodeError && message.test(e.message));
    });
  }
});
