import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateBulk, type BulkParams } from './bulk.ts';
import { bulkCity } from './bulk-city.ts';
import { generateBulkHotlist, LISTED_PLATE_SHARE } from './bulk-hotlist.ts';
import { plateKey, PlateKeySet } from './bulk-plates.ts';
import { DEFAULT_CITY } from './city.ts';
import { isValidPlate, PLATE_STATES } from './plates.ts';
import { createRng } from './random.ts';
import { isArterial, nodeAt } from './streets.ts';
import { zoneOffsetMs } from './time.ts';

const params: BulkParams = {
  seed: 11,
  reads: 60_000,
  plates: 12_000,
  extraReads: 8_000,
  extraNewPlateShare: 0.1,
  cameras: 61,
  days: 14,
  start: Date.UTC(2026, 0, 5, 6), // Monday 00:00 in the city (America/Chicago)
};
const data = generateBulk(params);

test('plates are distinct, in their state formats, mostly from the home state', () => {
  assert.equal(data.plates.length, params.plates + Math.round(params.extraReads * params.extraNewPlateShare * 0.8));
  assert.equal(new Set(data.plates).size, data.plates.length);
  const home = PLATE_STATES.indexOf(DEFAULT_CITY.fleet.homeState);
  let fromHome = 0;
  for (let i = 0; i < data.plates.length; i++) {
    const state = PLATE_STATES[data.plateState[i]];
    assert.ok(isValidPlate(data.plates[i], state), `${data.plates[i]} is not a ${state} plate`);
    if (data.plateState[i] === home) fromHome++;
  }
  const share = fromHome / data.plates.length;
  assert.ok(Math.abs(share - DEFAULT_CITY.fleet.homeStateShare) < 0.02, `home-state share ${share}`);
  assert.ok(new Set(data.plateState).size >= PLATE_STATES.length - 1, 'the other states all occur');
});

test('the cameras are the city’s own, on arterial street edges of its grid', () => {
  assert.equal(data.cameras.length, params.cameras);
  assert.deepEqual(data.cameras.map((c) => c.id), Array.from({ length: params.cameras }, (_, k) => k + 1));
  const g = data.city.streets;
  const [w, s, e, n] = g.bbox;
  for (const cam of data.cameras) {
    const sim = data.city.cameras.find((c) => c.cameraNumber === cam.cameraNumber)!;
    const a = g.nodes[sim.fromNode];
    const b = g.nodes[sim.toNode];
    assert.equal(Math.abs(a.i - b.i) + Math.abs(a.j - b.j), 1, 'a camera watches one block');
    assert.ok(a.j === b.j ? isArterial(g, a.j) : isArterial(g, a.i), `${cam.name} is on an arterial`);
    const lon = a.location[0] + (b.location[0] - a.location[0]) * sim.along;
    const lat = a.location[1] + (b.location[1] - a.location[1]) * sim.along;
    assert.ok(Math.abs(cam.lon - lon) < 1e-6 && Math.abs(cam.lat - lat) < 1e-6, `${cam.name} sits on its street`);
    assert.ok(cam.lon >= w && cam.lon <= e && cam.lat >= s && cam.lat <= n);
  }
  assert.ok(data.cameras.some((c) => c.placement === 'intersection') && data.cameras.some((c) => c.placement === 'midblock'));
  // intersection cameras stand at an arterial crossing
  for (const cam of data.cameras.filter((c) => c.placement === 'intersection')) {
    const at = data.city.streets.nodes[data.city.cameras.find((c) => c.cameraNumber === cam.cameraNumber)!.toNode];
    assert.ok(isArterial(g, at.i) && isArterial(g, at.j));
    assert.deepEqual([cam.lon, cam.lat], nodeAt(g, at.i, at.j).location);
  }
});

test('the benchmark’s 500 cameras fit, whatever the seed', () => {
  for (const seed of [1, 2, 3, 20260105]) {
    const { city, cameras } = bulkCity(seed, 500);
    assert.equal(cameras.length, 500);
    assert.equal(new Set(cameras.map((c) => c.cameraNumber)).size, 500);
    assert.ok(city.streets.settings.cols * city.streets.settings.blockMeters < 25_000, 'a city, not a state');
  }
});

test('reads: exact counts, Zipf-like recurrence, busy cameras and the local rush hours', () => {
  assert.equal(data.base.length, params.reads);
  assert.equal(data.extra.length, params.extraReads);
  const seen = new Uint32Array(data.plates.length);
  for (const p of data.base.plate) seen[p]++;
  assert.deepEqual(seen, data.plateReads);
  assert.equal(seen.filter((c) => c > 0).length, params.plates);
  const counts = [...data.plateReads.subarray(0, params.plates)].sort((x, y) => y - x);
  assert.ok(counts[0] > 100 * (params.reads / params.plates), `busiest plate ${counts[0]} reads`);
  assert.ok(counts.filter((c) => c === 1).length > params.plates * 0.1);

  const perCamera = new Array(params.cameras + 1).fill(0);
  for (const c of data.base.camera) perCamera[c]++;
  assert.equal(perCamera[0], 0);
  const sorted = perCamera.slice(1).sort((x, y) => y - x);
  // weights 1/(rank + 20)^0.7: with 61 cameras the busiest sees (80/20)^0.7 ≈ 2.6 × the quietest
  const quietest = sorted[sorted.length - 1];
  assert.ok(sorted[0] > 2.2 * quietest && sorted[0] < 3.1 * quietest, `busiest camera ${sorted[0]}, quietest ${quietest}`);

  const offset = zoneOffsetMs(DEFAULT_CITY.timeZone, params.start);
  const byHour = new Array(24).fill(0);
  for (let i = 0; i < data.base.length; i++) {
    if (i > 0) assert.ok(data.base.ts[i] >= data.base.ts[i - 1]);
    byHour[new Date(data.base.ts[i] + offset).getUTCHours()]++;
  }
  assert.ok(byHour[8] > 5 * byHour[3], `08:00 ${byHour[8]} vs 03:00 ${byHour[3]} local`);
  assert.ok(byHour[17] > 5 * byHour[3]);
  assert.ok(data.extra.ts[0] >= params.start + params.days * 86_400_000);
});

test('the same seed gives the same columns; another seed others', () => {
  const again = generateBulk(params);
  assert.deepEqual(again.plates, data.plates);
  assert.deepEqual(again.base, data.base);
  assert.deepEqual(again.extra, data.extra);
  const other = generateBulk({ ...params, seed: 12 });
  assert.notDeepEqual(other.plates.slice(0, 50), data.plates.slice(0, 50));
  assert.notDeepEqual(other.base.camera.subarray(0, 500), data.base.camera.subarray(0, 500));
});

test('the hotlist: its size, fresh plates in their states’ formats, and the data set’s own plates at the set share', () => {
  const h = generateBulkHotlist(data, 20_000, 5);
  assert.equal(h.size, 20_000);
  assert.equal(h.plates.length, 20_000);
  assert.equal(new Set(h.plates).size, 20_000);
  const ids = new Map(data.plates.map((p, i) => [p, i]));
  const inData = h.plates.map((p, k) => ({ id: ids.get(p), k })).filter((x) => x.id !== undefined);
  assert.equal(inData.length, Math.round(data.plates.length * LISTED_PLATE_SHARE));
  assert.deepEqual(inData.map((x) => x.id).sort((a, b) => a! - b!), h.listedPlateIds);
  for (const { id, k } of inData) assert.equal(h.states[k], data.plateState[id!], 'a listed plate keeps its state');
  for (let k = 0; k < h.size; k++) assert.ok(isValidPlate(h.plates[k], PLATE_STATES[h.states[k]]), `${h.plates[k]} ${PLATE_STATES[h.states[k]]}`);
  // the data set's plates are spread through the list, not bunched at its head
  assert.ok(inData.some((x) => x.k > h.size / 2) && inData.some((x) => x.k < h.size / 2));
  assert.deepEqual(generateBulkHotlist(data, 20_000, 5), h);
});

test('plate keys are one-to-one, and the key set grows past its first size', () => {
  const rng = createRng(3, 'keys');
  const plates = new Set<string>();
  while (plates.size < 5000) plates.add(Array.from({ length: rng.int(1, 8) }, () => '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ'[rng.int(0, 35)]).join(''));
  const keys = new Set([...plates].map(plateKey));
  assert.equal(keys.size, plates.size);
  const set = new PlateKeySet(10);
  for (const p of plates) assert.equal(set.add(plateKey(p)), true);
  for (const p of plates) assert.equal(set.add(plateKey(p)), false);
  assert.equal(set.size, plates.size);
  assert.ok(set.has(plateKey([...plates][0])));
  assert.ok(!set.has(plateKey('ZZZZZZZZZ')), 'nine characters: never drawn above');
  assert.notEqual(plateKey('A'), plateKey('A0'));
});
