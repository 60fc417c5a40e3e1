import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildQueries, defaultParams, generate, generateHotlist, type GenParams } from './generate.ts';
import { ocrKey, withinOneEdit } from './fuzzy.ts';

const small: GenParams = { ...defaultParams('quick', 7), reads: 100_000, plates: 20_000, extraReads: 10_000 };

describe('generate', () => {
  it('gives the same rows for the same seed and different rows for another seed', () => {
    const a = generate(small);
    const b = generate(small);
    assert.deepEqual(a.plates, b.plates);
    assert.deepEqual(a.plateState, b.plateState);
    for (const cols of ['base', 'extra'] as const) {
      assert.deepEqual(a[cols].plate, b[cols].plate);
      assert.deepEqual(a[cols].ts, b[cols].ts);
      assert.deepEqual(a[cols].camera, b[cols].camera);
      assert.deepEqual(a[cols].conf, b[cols].conf);
    }
    assert.deepEqual(a.cameras, b.cameras);
    const c = generate({ ...small, seed: 8 });
    assert.notDeepEqual(c.plates.slice(0, 100), a.plates.slice(0, 100));
    assert.notDeepEqual(c.base.plate.subarray(0, 1000), a.base.plate.subarray(0, 1000));
    assert.notDeepEqual(c.base.camera.subarray(0, 1000), a.base.camera.subarray(0, 1000));
    assert.notDeepEqual(c.base.ts.subarray(0, 1000), a.base.ts.subarray(0, 1000));
    assert.notDeepEqual(c.cameras, a.cameras);
  });

  it('stores exactly the asked reads over exactly the asked distinct plates, with Zipf-like recurrence', () => {
    const d = generate(small);
    assert.equal(d.base.length, small.reads);
    assert.equal(new Set(d.plates).size, d.plates.length, 'plates are distinct');
    const seen = new Uint32Array(d.plates.length);
    for (const p of d.base.plate) seen[p]++;
    const distinctInReads = seen.filter((c) => c > 0).length;
    assert.equal(distinctInReads, small.plates);
    assert.deepEqual(seen.subarray(0, small.plates), d.plateReads.subarray(0, small.plates));

    const counts = [...d.plateReads.subarray(0, small.plates)].sort((x, y) => y - x);
    const mean = small.reads / small.plates;
    assert.ok(counts[0] > 1000, `busiest plate has ${counts[0]} reads`);
    const atMost5 = counts.filter((c) => c <= 5).length;
    assert.ok(atMost5 / small.plates > 0.8, `${atMost5} plates with ≤ 5 reads`);
    assert.ok(counts.filter((c) => c === 1).length > small.plates * 0.1, 'many plates are seen once');
    assert.ok(counts[Math.floor(small.plates / 2)] < mean, 'the median plate is read less than the mean');
  });

  it('orders reads in time within the 30 days, with the ingest set after them', () => {
    const d = generate(small);
    const end = small.start + small.days * 86_400_000;
    for (let i = 1; i < d.base.length; i++) assert.ok(d.base.ts[i] >= d.base.ts[i - 1]);
    assert.ok(d.base.ts[0] >= small.start && d.base.ts[d.base.length - 1] < end);
    assert.ok(d.extra.ts[0] >= end);
    // Diurnal: the busiest local hour carries several times the reads of the quietest.
    const byHour = new Array(24).fill(0);
    for (const t of d.base.ts) byHour[Math.floor((t - small.start) / 3_600_000) % 24]++;
    assert.ok(Math.max(...byHour) > 5 * Math.min(...byHour));
    for (const c of d.base.camera) assert.ok(c >= 1 && c <= small.cameras);
  });
});

describe('generateHotlist and buildQueries', () => {
  it('lists some real plates among fresh ones, and builds queries whose plates exist', () => {
    const d = generate(small);
    const h = generateHotlist(d, 20_000, 7);
    assert.equal(h.plates.length, 20_000);
    assert.equal(new Set(h.plates).size, 20_000);
    const real = new Set(d.plates);
    const listedReal = h.plates.filter((p) => real.has(p)).length;
    assert.equal(listedReal, h.listedPlateIds.length);
    assert.ok(listedReal > 0);

    const q = buildQueries(d, 7);
    const basePlates = new Set(d.plates.slice(0, small.plates));
    for (const e of q.byClass.exact) assert.ok(basePlates.has(e.plate));
    assert.ok(q.byClass.wildcard.some((w) => w.position === 0));
    for (const f of q.byClass.fuzzy) assert.ok(withinOneEdit(ocrKey(f.plate), ocrKey(f.truth)), `${f.plate} from ${f.truth}`);
    for (const c of q.byClass.camera) assert.equal(new Set(c.cameras).size, 10);
    assert.equal(q.byClass.substring.length, q.warmups + q.timed);
  });
});
