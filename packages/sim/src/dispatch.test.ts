/**
 * The dispatch side of the city on its own: the same seed gives the same EIDO, OsmAnd and gunshot
 * payloads however time is sliced; the calls' types, priorities and daily rhythm follow the
 * settings; units drive only along streets and stand at the call while on scene; every gunshot
 * alert is near its shots-fired incident.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_CALLS } from './calls.ts';
import { buildCity } from './city.ts';
import { shiftsOfDay, simulateShift, type Shift } from './dispatch.ts';
import { DispatchSimulator, type DispatchEvent } from './dispatch-simulator.ts';
import { Itinerary, positionAt, SPEEDS } from './itinerary.ts';
import { createRng } from './random.ts';
import { localDay } from './time.ts';

const city = buildCity(42);
const DAY0 = Date.UTC(2026, 2, 2, 6); // Monday 2 March 2026, 00:00 in the city
const H = 3_600_000;

/** What a sender puts on the wire, for comparing two runs. */
const wire = (e: DispatchEvent) => `${e.kind} ${e.at} ${e.kind === 'position' ? e.query : JSON.stringify(e.body)}`;

function metres(a: [number, number], b: [number, number]): number {
  return Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 111_320);
}

describe('dispatch determinism', () => {
  it('the same seed gives the same EIDO, OsmAnd and gunshot payloads, however the windows slice the day', () => {
    const whole = new DispatchSimulator(buildCity(42)).eventsBetween(DAY0 + 4 * H, DAY0 + 28 * H).map(wire);
    const sliced: string[] = [];
    const sim = new DispatchSimulator(buildCity(42));
    // uneven windows: 7 s up to 47 min
    for (let t = DAY0 + 4 * H, k = 0; t < DAY0 + 28 * H; k++) {
      const to = Math.min(DAY0 + 28 * H, t + ((k * 7919) % 2_820_000) + 7000);
      sliced.push(...sim.eventsBetween(t, to).map(wire));
      t = to;
    }
    assert.equal(sliced.length, whole.length);
    assert.deepEqual(sliced, whole);
    const kinds = new Set(whole.map((w) => w.split(' ')[0]));
    assert.deepEqual([...kinds].sort(), ['eido', 'gunshot', 'position']);
    const other = new DispatchSimulator(buildCity(43)).eventsBetween(DAY0 + 4 * H, DAY0 + 28 * H).map(wire);
    assert.notDeepEqual(other.filter((w) => w.startsWith('eido')), whole.filter((w) => w.startsWith('eido')));
  });
});

describe('dispatch plausibility', () => {
  const days = 21;
  const shifts: Shift[] = [];
  for (let d = 0; d < days; d++) for (const w of shiftsOfDay(city, DAY0 + d * 24 * H)) shifts.push(simulateShift(city, DEFAULT_CALLS, w));
  const incidents = shifts.flatMap((s) => s.incidents);
  const n = incidents.length;
  const within = (observed: number, p: number, label: string, of = n) => {
    const sd = Math.sqrt((p * (1 - p)) / of);
    assert.ok(Math.abs(observed - p) <= 4 * sd + 0.002, `${label}: ${(observed * 100).toFixed(1)}% against ${(p * 100).toFixed(1)}% set`);
  };

  it('about the set number of calls a day, more on weekends', () => {
    const weekdays = 15;
    const expected = DEFAULT_CALLS.callsPerDay * (weekdays + (days - weekdays) * DEFAULT_CALLS.weekendFactor);
    assert.ok(Math.abs(n - expected) < 4 * Math.sqrt(expected), `${n} calls in ${days} days, ${expected} expected`);
  });

  it('the call-type mix and the priority mix match the settings', () => {
    const total = DEFAULT_CALLS.types.reduce((a, t) => a + t.weight, 0);
    const expectedPriority = [0, 0, 0, 0];
    for (const t of DEFAULT_CALLS.types) {
      within(incidents.filter((i) => i.call.type.code === t.code).length / n, t.weight / total, t.code);
      t.priorities.forEach((p, k) => (expectedPriority[k] += (p * t.weight) / total));
    }
    expectedPriority.forEach((p, k) => within(incidents.filter((i) => i.call.priority === k + 1).length / n, p, `P${k + 1}`));
    // and within a type: shots fired are always emergencies, noise complaints never
    assert.ok(incidents.filter((i) => i.call.type.code === 'SHOTS').every((i) => i.call.priority === 1));
    assert.ok(incidents.filter((i) => i.call.type.code === 'NOISE').every((i) => i.call.priority >= 3));
  });

  it('calls follow the daily rhythm: evenings busiest, before dawn quietest', () => {
    const byHour = new Array(24).fill(0);
    for (const i of incidents) byHour[Math.floor((i.call.receivedAt - localDay(city.settings.timeZone, i.call.receivedAt).start) / H)]++;
    const evening = (byHour[18] + byHour[19] + byHour[20]) / 3;
    const dawn = (byHour[4] + byHour[5]) / 2;
    assert.ok(evening > 3 * dawn, `evening ${evening.toFixed(1)} an hour against ${dawn.toFixed(1)} before dawn`);
    const w = DEFAULT_CALLS.hourWeights;
    const total = w.reduce((a, b) => a + b, 0);
    for (let h = 0; h < 24; h++) within(byHour[h] / n, w[h] / total, `hour ${h}`);
  });

  it('each call goes received → dispatched → en route → on scene → cleared, emergencies fastest', () => {
    const responseMin = (p: number) => {
      const list = incidents.filter((i) => i.call.priority === p).map((i) => (Math.min(...i.assignments.map((a) => a.onSceneAt)) - i.call.receivedAt) / 60_000).sort((a, b) => a - b);
      return list[Math.floor(list.length / 2)];
    };
    for (const i of incidents) {
      assert.ok(i.assignments.length >= 1 && i.createdAt > i.call.receivedAt);
      for (const a of i.assignments) assert.ok(i.createdAt < a.dispatchedAt && a.dispatchedAt < a.enrouteAt && a.enrouteAt < a.onSceneAt && a.onSceneAt < a.clearedAt, i.incidentId);
      assert.equal(i.closedAt, Math.max(...i.assignments.map((a) => a.clearedAt)));
      assert.ok(i.call.type.dispositions.includes(i.disposition) || (i.gunshot && i.disposition === 'Evidence Collected'));
    }
    assert.ok(incidents.filter((i) => i.call.priority === 1).filter((i) => i.assignments.length === 2).length > 0.8 * incidents.filter((i) => i.call.priority === 1).length, 'emergencies get a backup unit');
    assert.ok(responseMin(1) < responseMin(3), `P1 median ${responseMin(1).toFixed(1)} min, P3 ${responseMin(3).toFixed(1)} min`);
    assert.ok(responseMin(1) > 2 && responseMin(1) < 12, `P1 median ${responseMin(1).toFixed(1)} min`);
  });

  it('every gunshot alert is near its shots-fired incident and comes just before the call', () => {
    const shots = incidents.filter((i) => i.call.type.code === 'SHOTS');
    const detected = shots.filter((i) => i.gunshot);
    assert.ok(detected.length > 0 && incidents.every((i) => !i.gunshot || i.call.type.code === 'SHOTS'));
    within(detected.length / shots.length, DEFAULT_CALLS.gunshotDetectionRate, 'shots fired calls a sensor detected', shots.length);
    for (const i of detected) {
      const g = i.gunshot!;
      assert.ok(metres(g.location, i.call.place.location) <= 50, `${g.id} ${metres(g.location, i.call.place.location).toFixed(0)} m from its incident`);
      assert.ok(g.detectedAt < i.call.receivedAt && i.call.receivedAt - g.detectedAt < 3 * 60_000);
      assert.ok(g.reviewedAt > g.detectedAt);
    }
  });

  it('units drive only along streets, never faster than a response allows, and stand at the call while on scene', () => {
    const g = city.streets;
    const lons = new Set(g.nodes.filter((x) => x.j === 0).map((x) => x.location[0]));
    const lats = new Set(g.nodes.filter((x) => x.i === 0).map((x) => x.location[1]));
    const [w, s, e, nn] = g.bbox;
    const maxMps = SPEEDS.emergency[1] * 1.3;
    const sim = new DispatchSimulator(city);
    const positions = sim.eventsBetween(DAY0, DAY0 + 48 * H, { position: true }) as Extract<DispatchEvent, { kind: 'position' }>[];
    assert.ok(positions.length > 48 * 240 * city.units.length * 0.9, `${positions.length} positions`);
    const last = new Map<string, (typeof positions)[number]>();
    for (const p of positions) {
      const [lon, lat] = p.location;
      assert.ok(lons.has(Math.round(lon * 1e6) / 1e6) || lats.has(Math.round(lat * 1e6) / 1e6), `${p.callSign} off the streets at ${p.location}`);
      assert.ok(lon >= w && lon <= e && lat >= s && lat <= nn);
      const q = last.get(p.callSign);
      if (q) assert.ok(metres(q.location, p.location) <= maxMps * ((p.at - q.at) / 1000) + 1, `${p.callSign} jumped ${metres(q.location, p.location).toFixed(0)} m in ${(p.at - q.at) / 1000} s`);
      last.set(p.callSign, p);
    }
    for (const sh of shifts.slice(0, 4)) {
      const byCallSign = new Map(sh.units.map((u) => [u.callSign, u]));
      for (const i of sh.incidents) {
        for (const a of i.assignments) {
          const legs = byCallSign.get(a.callSign)!.legs;
          for (const t of [a.onSceneAt, (a.onSceneAt + a.clearedAt) / 2, a.clearedAt - 1]) assert.ok(metres(positionAt(legs, t)!.location, i.call.place.location) < 1, `${a.callSign} not at ${i.incidentId}`);
        }
      }
      // every unit leaves the station at the start of its shift and is back there at the end
      for (const u of sh.units) {
        assert.deepEqual(u.legs[0].from, u.legs[u.legs.length - 1].to);
        for (let k = 1; k < u.legs.length; k++) assert.equal(u.legs[k].t0, u.legs[k - 1].t1);
      }
    }
  });
});

describe('a car\'s itinerary', () => {
  it('sent elsewhere at any instant, it carries on from exactly where it was, along the streets', () => {
    const g = city.streets;
    const rng = createRng(1, 'itinerary-test');
    for (let k = 0; k < 300; k++) {
      const it = new Itinerary(g, g.nodes[rng.int(0, g.nodes.length - 1)], 0);
      it.patrol(rng, city.beats[k % city.beats.length], rng.int(1, 3 * H));
      if (k % 3 === 0) it.driveToPlace(rng, { a: 0, b: 1, f: 0.3 }, 'response');
      it.wait(it.t + rng.int(0, 600_000));
      const cutAt = rng.int(1, it.t);
      it.cut(cutAt);
      assert.equal(it.t, cutAt);
      it.driveTo(rng, g.nodes[rng.int(0, g.nodes.length - 1)], 'emergency');
      for (let i = 1; i < it.legs.length; i++) {
        const [p, q] = [it.legs[i - 1], it.legs[i]];
        assert.equal(q.t0, p.t1);
        assert.ok(metres(p.to, q.from) < 0.01, `leg ${i} of ${it.legs.length} starts ${metres(p.to, q.from).toFixed(1)} m from where the car was (case ${k})`);
      }
    }
  });
});
