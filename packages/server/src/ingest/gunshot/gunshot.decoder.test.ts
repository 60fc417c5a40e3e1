// The gunshot webhook decoder: the platform's fields, vendors' common names, malformed and
// hostile bodies. Alerts and places are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodeError } from '../decoder.types.ts';
import { gunshotDecoder, MAX_ALERTS } from './gunshot.decoder.ts';

const RECEIVED = Date.UTC(2026, 2, 14, 7, 0, 0);
const decode = (v: unknown) => gunshotDecoder.decode({ body: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), receivedAt: RECEIVED });

const ours = {
  vendor: 'Acme-Acoustics',
  id: 'AC-2026-000123',
  detectedAt: '2026-03-14T02:11:09.250-05:00',
  location: [-87.6512, 41.8523],
  address: '1200 S Example Ave',
  rounds: 4,
  confidence: 0.93,
  humanReviewed: true,
  classification: 'multiple_gunshots',
  sensorCount: 6,
  updatedAt: '2026-03-14T02:12:30Z',
};

describe('gunshot decoder', () => {
  it('reads the platform format', () => {
    assert.deepEqual(decode(ours), {
      alerts: [
        {
          vendor: 'acme-acoustics',
          sourceEventId: 'AC-2026-000123',
          detectedAt: Date.parse('2026-03-14T02:11:09.250-05:00'),
          location: [-87.6512, 41.8523],
          address: '1200 S Example Ave',
          rounds: 4,
          confidence: 0.93,
          humanReviewed: true,
          classification: 'multiple_gunshots',
          sensorCount: 6,
          updatedAt: Date.parse('2026-03-14T02:12:30Z'),
        },
      ],
    });
  });

  it('reads vendors\' common names: incidentId, latitude/longitude, numberOfRounds, reviewed, 0–100 confidence, epoch seconds', () => {
    const [a] = decode({ incidentId: 'SS-77', latitude: '41.85', longitude: '-87.65', datetime: 1773472269, numberOfRounds: '3', reviewed: 'true', confidence: 87, type: 'single_gunshot' }).alerts;
    assert.deepEqual(a, { vendor: 'unspecified', sourceEventId: 'SS-77', detectedAt: 1773472269000, location: [-87.65, 41.85], humanReviewed: true, updatedAt: 1773472269000, rounds: 3, confidence: 0.87, classification: 'single_gunshot' });
  });

  it('reads a GeoJSON point, a {lat, lng} object, an array and an { alerts } wrapper', () => {
    const base = { id: 'g1', time: '2026-03-14T06:00:00Z' };
    assert.deepEqual(decode({ ...base, geometry: { type: 'Point', coordinates: [-87.6, 41.8] } }).alerts[0].location, [-87.6, 41.8]);
    assert.deepEqual(decode({ ...base, position: { lat: 41.8, lng: -87.6 } }).alerts[0].location, [-87.6, 41.8]);
    assert.equal(decode([{ ...base, location: [-87.6, 41.8] }, { ...base, id: 'g2', location: [-87.5, 41.7] }]).alerts.length, 2);
    assert.equal(decode({ alerts: [{ ...base, location: [-87.6, 41.8] }] }).alerts.length, 1);
  });

  it('leaves out values that cannot be true: negative or fractional rounds, confidence over 100', () => {
    const [a] = decode({ ...ours, rounds: -2, confidence: 250, sensorCount: 1.5 }).alerts;
    assert.equal(a.rounds, undefined);
    assert.equal(a.confidence, undefined);
    assert.equal(a.sensorCount, undefined);
    assert.equal(decode({ ...ours, humanReviewed: 'maybe' }).alerts[0].humanReviewed, false);
  });

  const refused: [string, unknown, RegExp][] = [
    ['no id', { ...ours, id: undefined }, /no alert id/],
    ['an id of the wrong type', { ...ours, id: { x: 1 } }, /no alert id/],
    ['no time', { ...ours, detectedAt: undefined }, /no detection time/],
    ['a time without zone', { ...ours, detectedAt: '2026-03-14 02:11:09' }, /detectedAt is not a time/],
    ['no position', { ...ours, location: undefined }, /no usable position/],
    ['a position out of range', { ...ours, location: [-87.6, 141.8] }, /no usable position/],
    ['a bad alert in a batch, by index', [ours, { id: 'x' }], /^\[1\]: no detection time/],
    ['an empty array', [], /no alerts/],
    ['a string', '"shots fired"', /expected a gunshot alert object, got string/],
    ['not JSON', 'shots fired', /invalid JSON/],
    ['too many alerts', Array.from({ length: MAX_ALERTS + 1 }, () => ours), /at most 500/],
  ];
  for (const [what, body, message] of refused) {
    it(`refuses ${what} with a DecodeError`, () => {
      assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && message.test(e.message));
    });
  }
});
