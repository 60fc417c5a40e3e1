// The Traccar forwarding decoder over payloads shaped as Traccar 6 forwards them (fields from
// the server's OpenAPI schema in ../shared/samples/traccar); devices and places are invented.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DecodeError } from '../decoder.types.ts';
import { traccarDecoder } from './traccar.decoder.ts';

const RECEIVED = Date.UTC(2024, 4, 10, 11, 0, 0);
const decode = (v: unknown) => traccarDecoder.decode({ body: Buffer.from(typeof v === 'string' ? v : JSON.stringify(v)), receivedAt: RECEIVED });

const device = { id: 7, name: 'Patrol 12', uniqueId: '2B31', status: 'online', lastUpdate: '2024-05-10T10:45:35.000+00:00', positionId: 9001, attributes: {} };
const position = {
  id: 9001,
  deviceId: 7,
  protocol: 'osmand',
  deviceTime: '2024-05-10T10:45:30.000+00:00',
  fixTime: '2024-05-10T10:45:34.984+00:00',
  serverTime: '2024-05-10T10:45:35.100+00:00',
  outdated: false,
  valid: true,
  latitude: 30.2672,
  longitude: -97.7431,
  altitude: 149.2,
  speed: 20,
  course: 87.3,
  address: null,
  accuracy: 4.8,
  network: null,
  geofenceIds: [3],
  attributes: { batteryLevel: 71, ignition: true, motion: true },
};

describe('Traccar forwarding decoder', () => {
  it('reads a forwarded event with its position: the unit is the device uniqueId, speed knots → m/s', () => {
    const r = decode({ event: { id: 55, type: 'geofenceEnter', eventTime: '2024-05-10T10:45:35.000+00:00', deviceId: 7, positionId: 9001, geofenceId: 3, attributes: {} }, device, position });
    assert.deepEqual(r, {
      positions: [
        { unitId: '2B31', location: [-97.7431, 30.2672], at: Date.parse('2024-05-10T10:45:34.984+00:00'), heading: 87.3, speedMps: Math.round(20 * (1852 / 3600) * 100) / 100, altitude: 149.2, accuracy: 4.8, battery: 71, sourceSystem: 'traccar', receivedAt: RECEIVED },
      ],
      dropped: [],
    });
  });

  it('reads JSON position forwarding ({ position, device })', () => {
    assert.equal(decode({ position, device }).positions[0].unitId, '2B31');
  });

  it('falls back to the device name, then to traccar-<deviceId>', () => {
    assert.equal(decode({ position, device: { ...device, uniqueId: undefined } }).positions[0].unitId, 'Patrol 12');
    assert.equal(decode({ position }).positions[0].unitId, 'traccar-7');
    assert.equal(decode(position).positions[0].unitId, 'traccar-7', 'a bare position');
  });

  it('uses deviceTime when fixTime is missing', () => {
    assert.equal(decode({ position: { ...position, fixTime: undefined }, device }).positions[0].at, Date.parse(position.deviceTime));
  });

  it('acknowledges an event without a position (current and older builds) as ignored', () => {
    assert.deepEqual(decode({ event: { id: 1, type: 'deviceOffline', eventTime: '2024-05-10T10:45:35Z', deviceId: 7, attributes: [] }, device }), { positions: [], dropped: [], ignored: 'event deviceOffline without a position' });
    assert.equal(decode({ id: 1, type: 'deviceOnline', eventTime: '2024-05-10T10:45:35Z', deviceId: 7, attributes: [] }).ignored, 'event deviceOnline without a position');
  });

  const dropped: [string, Record<string, unknown>, RegExp][] = [
    ['an invalid fix', { valid: false }, /invalid/],
    ['an outdated position', { outdated: true }, /outdated/],
    ['no coordinates', { latitude: null }, /latitude and longitude/],
    ['0,0', { latitude: 0, longitude: 0 }, /no fix/],
    ['strings for numbers that are not numbers', { latitude: 'north' }, /latitude and longitude/],
    ['no usable time', { fixTime: 'soon', deviceTime: null, serverTime: 17 }, /no usable fixTime/],
  ];
  for (const [what, over, reason] of dropped) {
    it(`drops ${what} with the reason`, () => {
      const r = decode({ position: { ...position, ...over }, device });
      assert.equal(r.positions.length, 0);
      assert.match(r.dropped[0].reason, reason);
    });
  }

  const refused: [string, string, RegExp][] = [
    ['not JSON', 'deviceId=7', /invalid JSON|form body/],
    ['an array', '[]', /expected a JSON object from Traccar, got an array/],
    ['something else entirely', '{"hello":"world"}', /neither a Traccar event/],
    ['an empty body', '', /empty body/],
  ];
  for (const [what, body, message] of refused) {
    it(`refuses ${what} with a DecodeError`, () => {
      assert.throws(() => decode(body), (e: unknown) => e instanceof DecodeError && message.test(e.message));
    });
  }
});
