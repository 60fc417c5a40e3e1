import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCity, DEFAULT_CITY } from './city.ts';
import { CitySimulator } from './simulator.ts';
import { SimClock } from './clock.ts';
import { localDay } from './time.ts';

const small = { fleet: { ...DEFAULT_CITY.fleet, vehicles: 1500 } };
const T0 = Date.UTC(2026, 2, 10, 12, 30); // 07:30 in Bosque City (CDT), a Tuesday
const strip = (reads: ReturnType<CitySimulator['eventsBetween']>) => reads.map((r) => ({ ...r, vehicle: r.vehicle.id }));

test('the same seed builds the same city; another seed a different one', () => {
  assert.deepEqual(buildCity(42, small), buildCity(42, small));
  const a = buildCity(42, small);
  const b = buildCity(43, small);
  assert.notDeepEqual(a.vehicles.map((v) => v.plate), b.vehicles.map((v) => v.plate));
  assert.notDeepEqual(a.cameras, b.cameras);
});

test('the city is placed in a real-looking box with cameras on arterials, beats, units and pairs', () => {
  const c = buildCity(42, small);
  const [w, s, e, n] = c.streets.bbox;
  assert.ok(w < e && s < n && e - w < 0.2 && n - s < 0.2 && w > -180 && n < 90);
  assert.equal(c.cameras.length, DEFAULT_CITY.cameraIntersections * 2 + DEFAULT_CITY.midblockPairs * 2);
  assert.equal(new Set(c.cameras.map((x) => x.cameraNumber)).size, c.cameras.length);
  for (const cam of c.cameras) {
    assert.ok(cam.location[0] >= w && cam.location[0] <= e && cam.location[1] >= s && cam.location[1] <= n);
    assert.equal((cam.heading + 180) % 360, cam.travelDirection);
  }
  assert.equal(c.beats.length, 6);
  assert.equal(c.units.filter((u) => u.mobileLpr).length, 3);
  assert.ok(c.vehicles.some((v) => v.flag === 'stolen') && c.vehicles.some((v) => v.flag === 'wanted'));
  assert.ok(c.vehicles.some((v) => v.follows !== undefined));
  assert.equal(new Set(c.vehicles.map((v) => `${v.state}:${v.plate}`)).size, c.vehicles.length);
});

test('the same seed gives the same events, however the time is sliced into ticks', () => {
  const whole = new CitySimulator(buildCity(42, small)).eventsBetween(T0, T0 + 3_600_000);
  assert.ok(whole.length > 100, `only ${whole.length} events in the rush hour`);
  const sliced = new CitySimulator(buildCity(42, small));
  const parts = [];
  for (let t = T0; t < T0 + 3_600_000; t += 7_000) parts.push(...sliced.eventsBetween(t, Math.min(t + 7_000, T0 + 3_600_000)));
  assert.deepEqual(strip(parts), strip(whole));
  const other = new CitySimulator(buildCity(43, small)).eventsBetween(T0, T0 + 3_600_000);
  assert.notDeepEqual(strip(other.slice(0, 50)), strip(whole.slice(0, 50)));
});

test('traffic has a daily rhythm, co-travellers pass the same cameras, and a window across midnight works', () => {
  const sim = new CitySimulator(buildCity(42, small));
  const day = localDay('America/Chicago', T0);
  const reads = sim.eventsBetween(day.start, day.start + 86_400_000);
  const hour = (h: number) => reads.filter((r) => r.at >= day.start + h * 3_600_000 && r.at < day.start + (h + 1) * 3_600_000 && r.kind === 'fixed').length;
  assert.ok(hour(7) > 3 * hour(3), `rush hour ${hour(7)} vs night ${hour(3)}`);
  const pair = sim.city.vehicles.find((v) => v.follows !== undefined && reads.some((r) => r.vehicle.id === v.id && r.kind === 'fixed'))!;
  const cams = (id: number) => reads.filter((r) => r.vehicle.id === id && r.kind === 'fixed').map((r) => r.cameraNumber);
  assert.deepEqual(cams(pair.id), cams(pair.follows!));
  const across = sim.eventsBetween(day.start + 86_400_000 - 1_800_000, day.start + 86_400_000 + 1_800_000);
  assert.ok(across.every((r, k) => k === 0 || across[k - 1].at <= r.at));
  assert.deepEqual(sim.eventsBetween(T0, T0), []);
  assert.deepEqual(sim.eventsBetween(T0, T0 - 1000), []);
});

test('the clock runs at its speed and stays continuous when the speed changes', () => {
  let real = 1_000;
  const clock = new SimClock(T0, 10, () => real);
  real += 2_000;
  assert.equal(clock.now(), T0 + 20_000);
  clock.setSpeed(100);
  real += 1_000;
  assert.equal(clock.now(), T0 + 120_000);
  assert.throws(() => clock.setSpeed(0), RangeError);
  assert.throws(() => new SimClock(Number.NaN), RangeError);
});
