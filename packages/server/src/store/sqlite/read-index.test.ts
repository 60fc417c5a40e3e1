// The search index after retention forgets reads in place: every search path returns exactly
// the live reads a brute-force filter finds, with exact totals and cursor paging, before and
// after the freed list space is reused by new reads.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { areaBbox, isInArea, type SearchArea } from '@openrtcc/domain';
import { prng } from '../contract/fixtures.ts';
import { ReadIndex, type IndexQuery, type IndexedRead } from './read-index.ts';

interface Read extends IndexedRead {
  live: boolean;
}

const T0 = Date.UTC(2026, 0, 1);
const PLATES = 300;
const CAMERAS = 20;

/** Reads in id order, mostly in time order, a share `late` (5 %) late; busy and rare plates; some without position. */
function makeReads(rand: () => number, firstId: number, n: number, t0: number, late = 0.05): Read[] {
  const out: Read[] = [];
  for (let i = 0; i < n; i++) {
    const busy = rand() < 0.5;
    const located = rand() < 0.8;
    out.push({
      id: firstId + i,
      ts: t0 + i * 60_000 - (rand() < late ? Math.floor(rand() * 3_600_000) : 0),
      plateId: busy ? Math.floor(rand() * 10) : Math.floor(rand() * PLATES),
      camera: rand() < 0.9 ? 1 + Math.floor(rand() * CAMERAS) : 0,
      lon: located ? -73.9 + rand() * 0.2 : NaN,
      lat: located ? 40.7 + rand() * 0.2 : NaN,
      live: true,
    });
  }
  return out;
}

function addAll(index: ReadIndex, reads: Read[]): void {
  for (const r of reads) index.add({ id: r.id, ts: r.ts, plateId: r.plateId, camera: r.camera, lon: r.lon, lat: r.lat });
}

function forget(index: ReadIndex, r: Read): void {
  assert.equal(index.forget(r.id, r.plateId, r.lon, r.lat), true);
  assert.equal(index.forget(r.id, r.plateId, r.lon, r.lat), false, 'a read is forgotten once');
  r.live = false;
}

/** The brute-force answer: live reads matching `q`, newest first (positions as the index keeps them, 32-bit). */
function bruteForce(reads: Read[], q: Omit<IndexQuery, 'limit' | 'before'>): Read[] {
  const plates = q.plateIds ? new Set(Array.from(q.plateIds)) : undefined;
  const cameras = q.cameras ? new Set(q.cameras.map((c) => c + 1)) : undefined;
  const bbox = q.area ? areaBbox(q.area) : undefined;
  return reads
    .filter((r) => {
      if (!r.live || r.ts < q.from || r.ts >= q.to) return false;
      if (plates && !plates.has(r.plateId)) return false;
      if (cameras && !cameras.has(r.camera)) return false;
      if (q.area) {
        const lon = Math.fround(r.lon);
        const lat = Math.fround(r.lat);
        if (Number.isNaN(lon) || lon < bbox![0] || lon > bbox![2] || lat < bbox![1] || lat > bbox![3]) return false;
        if (!isInArea([lon, lat], q.area)) return false;
      }
      return true;
    })
    .sort((a, b) => b.ts - a.ts || b.id - a.id);
}

/** Pages through `q` with the cursor and compares every page, total and remaining count. */
function assertPages(index: ReadIndex, reads: Read[], q: Omit<IndexQuery, 'limit' | 'before'>, limit: number, label: string): void {
  const want = bruteForce(reads, q);
  let before: IndexQuery['before'];
  let off = 0;
  do {
    const res = index.search({ ...q, limit, before });
    assert.equal(res.total, want.length, `${label}: total`);
    assert.equal(res.remaining, want.length - off, `${label}: remaining at ${off}`);
    assert.deepEqual(res.ids, want.slice(off, off + limit).map((r) => r.id), `${label}: page at ${off}`);
    before = res.last;
    off += limit;
  } while (off < want.length);
}

function assertSearches(index: ReadIndex, reads: Read[], rand: () => number): void {
  const live = reads.filter((r) => r.live);
  assert.equal(index.size, live.length, 'size');
  for (let p = 0; p < PLATES; p++) {
    assert.equal(index.plateCount(p), live.filter((r) => r.plateId === p).length, `plateCount(${p})`);
  }
  const all = { from: -Infinity, to: Infinity };
  const t1 = reads[reads.length - 1].ts;
  const mid = live.length > 0 ? live[Math.floor(live.length / 2)].ts : T0;
  const window = { from: mid - 2 * 3_600_000, to: mid + 5 * 3_600_000 };
  for (const p of [0, 1, 2, 7, 42, 150, 299]) assertPages(index, reads, { ...all, plateIds: [p] }, 7, `plate ${p}`);
  assertPages(index, reads, { ...all, plateIds: [3, 120, 250, 9] }, 25, 'several plates');
  assertPages(index, reads, { ...window, plateIds: [0, 1, 2, 3] }, 10, 'plates in a window');
  for (let i = 0; i < 4; i++) {
    const c = Math.floor(rand() * CAMERAS);
    assertPages(index, reads, { ...window, cameras: [c] }, 9, `camera ${c} in a window`);
  }
  assertPages(index, reads, { ...all, cameras: [0, 5, 11] }, 50, 'cameras');
  const circle: SearchArea = { center: [-73.85, 40.75], radiusMeters: 3_000 };
  assertPages(index, reads, { ...all, area: circle }, 40, 'circle');
  assertPages(index, reads, { ...window, area: circle }, 5, 'circle in a window');
  const polygon: SearchArea = { type: 'Polygon', coordinates: [[[-73.9, 40.7], [-73.8, 40.7], [-73.8, 40.85], [-73.9, 40.7]]] };
  assertPages(index, reads, { ...all, area: polygon, plateIds: [0, 1] }, 15, 'polygon and plates');
  assertPages(index, reads, all, 500, 'no filter');
  assertPages(index, reads, { from: T0, to: t1 }, 33, 'no filter in a window');
}

describe('ReadIndex.forget', () => {
  it('answers every search path exactly after forgetting the oldest day and scattered reads, and after reusing the space', () => {
    const rand = prng(7);
    const index = new ReadIndex();
    const reads = makeReads(rand, 1, 20_000, T0);
    addAll(index, reads);
    assertSearches(index, reads, rand);

    // a dropped day (the oldest contiguous ids, one kept), then rows of later days
    for (const r of reads.slice(0, 8_000)) if (r.id !== 4_321) forget(index, r);
    for (const r of reads.slice(8_000)) if (rand() < 0.15) forget(index, r);
    assertSearches(index, reads, rand);
    index.reclaim();
    assertSearches(index, reads, rand);

    // new reads land in freed blocks; lists rewritten or trimmed keep their order
    const more = makeReads(rand, 20_001, 10_000, reads[reads.length - 1].ts + 60_000);
    addAll(index, more);
    reads.push(...more);
    assertSearches(index, reads, rand);

    // a second run: most of what is left of the old reads, a block's worth of every busy plate
    for (const r of reads) if (r.live && r.id < 24_000 && rand() < 0.8) forget(index, r);
    index.reclaim();
    assertSearches(index, reads, rand);
    addAll(index, makeReads(rand, 30_001, 2_000, reads[reads.length - 1].ts + 60_000).map((r) => (reads.push(r), r)));
    assertSearches(index, reads, rand);

    // everything
    for (const r of reads) if (r.live) forget(index, r);
    index.reclaim();
    assertSearches(index, reads, rand);
  });

  it('keeps the plate order bit right when a plate newest read is forgotten', () => {
    const index = new ReadIndex();
    const reads: Read[] = [
      { id: 1, ts: T0 + 1000, plateId: 5, camera: 1, lon: NaN, lat: NaN, live: true },
      { id: 2, ts: T0 + 2000, plateId: 5, camera: 1, lon: NaN, lat: NaN, live: true },
    ];
    addAll(index, reads);
    forget(index, reads[1]);
    index.reclaim();
    // read 3 is older than the live read 1 (the list's last id, 2, is gone and shows no time);
    // an index that took the plate for ordered would stop at 3 and miss 1
    const late = { id: 3, ts: T0 + 50, plateId: 5, camera: 1, lon: NaN, lat: NaN, live: true };
    const next = { id: 4, ts: T0 + 100, plateId: 5, camera: 1, lon: NaN, lat: NaN, live: true };
    addAll(index, [late, next]);
    reads.push(late, next);
    assertPages(index, reads, { from: -Infinity, to: Infinity, plateIds: [5] }, 1, 'plate 5');
  });

  it('marks a plate unordered for a late read in the same second as its newest (the time bound is in whole seconds)', () => {
    const index = new ReadIndex();
    const reads: Read[] = [
      { id: 1, ts: T0 + 10_500, plateId: 7, camera: 1, lon: NaN, lat: NaN, live: true },
      // earlier than read 1 by 300 ms: the plate's bound (second 11) cannot tell, its time can
      { id: 2, ts: T0 + 10_200, plateId: 7, camera: 1, lon: NaN, lat: NaN, live: true },
      { id: 3, ts: T0 + 10_100, plateId: 7, camera: 1, lon: NaN, lat: NaN, live: true },
      { id: 4, ts: T0 + 20_000, plateId: 7, camera: 1, lon: NaN, lat: NaN, live: true },
    ];
    addAll(index, reads);
    assertPages(index, reads, { from: -Infinity, to: Infinity, plateIds: [7] }, 1, 'plate 7');
    assert.deepEqual(index.search({ plateIds: [7], from: -Infinity, to: Infinity, limit: 4 }).ids, [4, 1, 2, 3]);
  });

  it('gives the space of forgotten reads to new ones, so daily retention does not grow the index', () => {
    const rand = prng(11);
    const index = new ReadIndex();
    const reads = makeReads(rand, 1, 200_000, T0);
    addAll(index, reads);
    const start = index.bytes();
    let oldest = 0;
    const sizes: number[] = [];
    for (let day = 0; day < 5; day++) {
      // a day's worth of the oldest reads goes (as a dropped partition), a new day arrives
      for (const r of reads.slice(oldest, oldest + 65_536)) forget(index, r);
      oldest += 65_536;
      index.reclaim();
      const more = makeReads(rand, reads.length + 1, 65_536, reads[reads.length - 1].ts + 60_000);
      addAll(index, more);
      for (const r of more) reads.push(r);
      sizes.push(index.bytes());
    }
    // each list keeps at most one partly gone block; the rest is reused, so no growth per day
    assert.ok(sizes[4] <= sizes[1], `index grew day by day: ${sizes.join(', ')}`);
    assert.ok(sizes[4] <= start * 1.25, `index grew from ${start} to ${sizes[4]} bytes`);
    assertPages(index, reads, { from: -Infinity, to: Infinity, plateIds: [0, 100] }, 100, 'plates after reuse');
    assertPages(index, reads, { from: -Infinity, to: Infinity, cameras: [3] }, 1000, 'camera after reuse');
  });
});

describe('ReadIndex over many plates', () => {
  it('pages the newest reads of hundreds of plates exactly, skipping plates by their newest time, with sub-second times and late reads', () => {
    const rand = prng(23);
    const index = new ReadIndex();
    // four reads a second, so many plates' newest reads fall in the same second
    const reads = makeReads(rand, 1, 20_000, T0, 0.03).map((r) => ({ ...r, ts: T0 + Math.floor((r.ts - T0) / 240) + Math.floor(rand() * 7) }));
    // the last read of five busy plates arrives late, observed long before their newest
    for (let p = 0; p < 5; p++) reads.push({ ...reads[reads.length - 1], id: reads.length + 1, plateId: p, ts: T0 + p });
    addAll(index, reads);
    const all = { from: -Infinity, to: Infinity };
    // the busy plates (0–9) last, when the page is already full
    const every = Array.from({ length: PLATES }, (_, p) => PLATES - 1 - p);
    const some = every.filter((p) => p < 10 || rand() < 0.3);
    for (const limit of [1, 7, 60]) {
      assertPages(index, reads, { ...all, plateIds: every }, limit, `every plate, pages of ${limit}`);
      assertPages(index, reads, { ...all, plateIds: some }, limit, `a third of the plates, pages of ${limit}`);
    }
    for (const r of reads) if (rand() < 0.3) forget(index, r);
    assertPages(index, reads, { ...all, plateIds: every }, 13, 'every plate after forgetting');
    index.reclaim();
    assertPages(index, reads, { ...all, plateIds: some }, 13, 'a third of the plates after reclaiming');
  });
});

describe('ReadIndex time windows over cameras and areas', () => {
  /** Windows whose edges fall on read times, between them, and outside the data. */
  function assertWindows(index: ReadIndex, reads: Read[], rand: () => number, label: string, near: Read[] = reads): void {
    const times = near.map((r) => r.ts);
    const circle: SearchArea = { center: [-73.85, 40.75], radiusMeters: 4_000 };
    for (let i = 0; i < 24; i++) {
      const a = times[Math.floor(rand() * times.length)];
      const b = i % 3 === 0 ? a + 1 + Math.floor(rand() * 3 * 3_600_000) : times[Math.floor(rand() * times.length)];
      const w = { from: Math.min(a, b), to: Math.max(a, b) + (i % 2) };
      const cameras = [Math.floor(rand() * CAMERAS), Math.floor(rand() * CAMERAS), Math.floor(rand() * CAMERAS)];
      assertPages(index, reads, { ...w, cameras }, 6, `${label}: cameras ${cameras} in [${w.from}, ${w.to})`);
      assertPages(index, reads, { ...w, area: circle }, 8, `${label}: circle in [${w.from}, ${w.to})`);
    }
    assertPages(index, reads, { from: times[0] - 10, to: times[0] - 5, cameras: [1, 2] }, 5, `${label}: before every read`);
    assertPages(index, reads, { from: -Infinity, to: Infinity, cameras: [3, 3, 4] }, 50, `${label}: a camera named twice counts once`);
  }

  it('finds exactly the reads of the window in blocks that arrived in time order, with ties, gone reads and late reads', () => {
    const rand = prng(11);
    const index = new ReadIndex();
    // in time order, several reads sharing a time
    const reads = makeReads(rand, 1, 12_000, T0, 0).map((r) => ({ ...r, ts: T0 + Math.floor((r.ts - T0) / 180_000) * 180_000 }));
    addAll(index, reads);
    assertWindows(index, reads, rand, 'in order');

    // gone reads inside ordered blocks, where a binary search may probe them
    for (const r of reads) if (rand() < 0.2) forget(index, r);
    assertWindows(index, reads, rand, 'after forgetting');
    index.reclaim();
    assertWindows(index, reads, rand, 'after reclaiming');

    // late reads make some blocks unordered; the rest keep their search
    const more = makeReads(rand, 12_001, 6_000, reads[reads.length - 1].ts + 60_000, 0.03);
    addAll(index, more);
    reads.push(...more);
    assertWindows(index, reads, rand, 'with late reads', more);
  });
});
