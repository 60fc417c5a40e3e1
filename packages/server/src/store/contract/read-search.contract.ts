/**
 * Contract: read search against a brute-force answer over a few hundred synthetic reads:
 * every plate filter kind, time windows, cameras, areas, and cursor pagination.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import type { PlateRead, SearchArea, VehicleDescription } from '@openrtcc/domain';
import { isInArea } from '@openrtcc/domain';
import type { NewRead, PlateFilter, ReadQuery } from '../store.types.ts';
import { DAY, allPages, era, fuzzyOracle, newRead, newestFirst, patternOracle, prng, uid, type GetStore } from './fixtures.ts';

const OCR_TWINS: Record<string, string> = { B: '8', '8': 'B', O: '0', '0': 'D', Z: '2', '2': 'Z', S: '5', I: '1', G: '6' };
const ALPHABET = 'ABCDEFGHJKMNPRTUVWXY0123456789';

/** Plates near the seeds (OCR twins, one edit, two edits) plus unrelated ones. */
function platePool(rnd: () => number): string[] {
  const pick = (s: string): string => s[Math.floor(rnd() * s.length)];
  const seeds = ['ABC123', 'K7M2Q0', 'SB8Z05'];
  const pool = new Set<string>(seeds);
  for (const s of seeds) {
    for (let i = 0; i < s.length; i++) {
      const twin = OCR_TWINS[s[i]];
      if (twin) pool.add(s.slice(0, i) + twin + s.slice(i + 1)); // OCR confusion
      pool.add(s.slice(0, i) + pick(ALPHABET) + s.slice(i + 1)); // substitution
      pool.add(s.slice(0, i) + s.slice(i + 1)); // deletion
      pool.add(s.slice(0, i) + pick(ALPHABET) + s.slice(i)); // insertion
    }
    pool.add(`${pick(ALPHABET)}${pick(ALPHABET)}${s.slice(2)}`); // two edits away
    pool.add(`${s.slice(0, 3)}${pick(ALPHABET)}${pick(ALPHABET)}${s.slice(5)}9`);
  }
  pool.add('XBC123');
  pool.add('ZC12');
  pool.add('QC12Z7');
  while (pool.size < 90) pool.add(Array.from({ length: 5 + Math.floor(rnd() * 3) }, () => pick(ALPHABET)).join(''));
  return [...pool];
}

const CENTER: [number, number] = [-94.58, 39.1];

export function readSearchContract(store: GetStore): void {
  describe('reads: search', () => {
    const start = era();
    const end = start + 3 * DAY;
    const cameras = [uid('cam'), uid('cam'), uid('cam'), uid('cam')];
    let reads: PlateRead[] = [];

    before(async () => {
      const rnd = prng(20240611);
      const pool = platePool(rnd);
      const inputs: NewRead[] = [];
      for (let i = 0; i < 320; i++) {
        const plate = rnd() < 0.3 ? pool[Math.floor(rnd() * 8)] : pool[Math.floor(rnd() * pool.length)];
        const located = rnd() < 0.7;
        const cam = rnd() < 0.85 ? cameras[Math.floor(rnd() * cameras.length)] : undefined;
        inputs.push(
          newRead({
            // Minute resolution over three days: some reads share a time, to exercise the id tie-break.
            observedAt: start + Math.floor(rnd() * (3 * DAY) / 60_000) * 60_000,
            plate,
            plateRaw: plate,
            confidence: Math.round(rnd() * 100) / 100,
            ...(cam ? { cameraId: cam } : {}),
            ...(located
              ? { location: [CENTER[0] + (rnd() - 0.5) * 0.1, CENTER[1] + (rnd() - 0.5) * 0.1], locationSource: 'device' as const }
              : {}),
          }),
        );
      }
      const first = await store().reads.append(inputs.slice(0, 200));
      const second = await store().reads.append(inputs.slice(200));
      reads = [...first.stored, ...second.stored];
      assert.equal(reads.length, 320);
      assert.ok(new Set(reads.map((r) => r.observedAt)).size < reads.length, 'the data set has equal times');
    });

    /** Brute force: the reads of this data set a query must return, newest first. */
    const expected = (keep: (r: PlateRead) => boolean): PlateRead[] => reads.filter(keep).sort(newestFirst);

    async function check(q: Omit<ReadQuery, 'limit'>, keep: (r: PlateRead) => boolean, pageSize = 1000): Promise<PlateRead[]> {
      const want = expected(keep);
      const got = await allPages((cursor) => store().reads.search({ ...q, limit: pageSize, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(got.items.map((r) => r.id), want.map((r) => r.id));
      for (const total of got.totals) assert.equal(total, want.length, 'every page reports the exact total');
      assert.deepEqual(got.items, want);
      return want;
    }

    const window = { from: start, to: end };
    const plateCases: [string, PlateFilter, (p: string) => boolean][] = [
      ['exact', { kind: 'exact', plate: 'ABC123' }, (p) => p === 'ABC123'],
      ['one unknown character', { kind: 'pattern', pattern: 'AB?123' }, patternOracle('AB?123')],
      ['first character unknown', { kind: 'pattern', pattern: '?BC123' }, patternOracle('?BC123')],
      ['substring', { kind: 'pattern', pattern: '*C12*' }, patternOracle('*C12*')],
      ['prefix', { kind: 'pattern', pattern: 'ABC*' }, patternOracle('ABC*')],
      ['suffix', { kind: 'pattern', pattern: '*Z05' }, patternOracle('*Z05')],
      ['`?` and `*` together', { kind: 'pattern', pattern: 'A?C*3' }, patternOracle('A?C*3')],
      ['several `?`, fixed length', { kind: 'pattern', pattern: 'K?M?Q?' }, patternOracle('K?M?Q?')],
      ['`*` between literals', { kind: 'pattern', pattern: 'S*05' }, patternOracle('S*05')],
      ['`?` right after a `*`', { kind: 'pattern', pattern: '*2?' }, patternOracle('*2?')],
      ['fuzzy', { kind: 'fuzzy', plate: 'ABC123' }, fuzzyOracle('ABC123')],
      ['fuzzy from an OCR-confused query', { kind: 'fuzzy', plate: 'A8C1Z3' }, fuzzyOracle('A8C1Z3')],
      ['fuzzy from a short query', { kind: 'fuzzy', plate: 'K7M2Q' }, fuzzyOracle('K7M2Q')],
      ['fuzzy with confusions on both halves', { kind: 'fuzzy', plate: '5B8205' }, fuzzyOracle('5B8205')],
    ];

    for (const [name, filter, oracle] of plateCases) {
      it(`plate filter: ${name}`, async () => {
        const want = await check({ plate: filter, ...window }, (r) => oracle(r.plate));
        assert.ok(want.length > 0, 'the data set has matches');
        assert.ok(want.length < reads.length, 'the data set has non-matches');
      });
    }

    it('fuzzy finds OCR confusions and one edit, not two edits', async () => {
      const want = await check({ plate: { kind: 'fuzzy', plate: 'ABC123' }, ...window }, (r) => fuzzyOracle('ABC123')(r.plate));
      const plates = new Set(want.map((r) => r.plate));
      const present = new Set(reads.map((r) => r.plate));
      for (const p of ['A8C123', 'BC123', 'XBC123']) if (present.has(p)) assert.ok(plates.has(p), `${p} matches`);
      for (const r of reads) if (!fuzzyOracle('ABC123')(r.plate)) assert.ok(!plates.has(r.plate));
    });

    it('a pattern or plate nothing matches gives an empty page and a total of 0', async () => {
      for (const plate of [
        { kind: 'pattern', pattern: 'QQQ?QQQ' },
        { kind: 'pattern', pattern: '*QQQQ*' },
        { kind: 'exact', plate: 'QQQQQQ' },
        { kind: 'fuzzy', plate: 'QQQQQQ' },
      ] as PlateFilter[]) {
        assert.deepEqual(await store().reads.search({ plate, ...window, limit: 5 }), { items: [], total: 0, nextCursor: null });
      }
    });

    it('fuzzy finds every true match for each plate of the data set as the query', async () => {
      // Recall over many queries, not just the seeds: a missed OCR twin or one-edit neighbour fails here.
      const queries = [...new Set(reads.map((r) => r.plate))].sort().filter((_, i) => i % 6 === 0);
      assert.ok(queries.length >= 12);
      for (const q of queries) await check({ plate: { kind: 'fuzzy', plate: q }, ...window }, (r) => fuzzyOracle(q)(r.plate));
    });

    it("plate filter 'any' returns everything in the window", async () => {
      await check({ plate: { kind: 'any' }, ...window }, () => true);
    });

    it('time window: from inclusive, to exclusive', async () => {
      const sorted = [...reads].sort((a, b) => a.observedAt - b.observedAt);
      const from = sorted[40].observedAt;
      const to = sorted[200].observedAt;
      await check({ plate: { kind: 'any' }, from, to }, (r) => r.observedAt >= from && r.observedAt < to);
      await check({ plate: { kind: 'pattern', pattern: '*1*' }, from, to: end }, (r) => r.observedAt >= from && r.plate.includes('1'));
    });

    it('cameras: only reads from the listed cameras', async () => {
      const set = new Set(cameras.slice(0, 2));
      await check({ plate: { kind: 'any' }, ...window, cameraIds: [...set] }, (r) => r.cameraId !== undefined && set.has(r.cameraId));
      await check(
        { plate: { kind: 'fuzzy', plate: 'ABC123' }, ...window, cameraIds: [cameras[3]] },
        (r) => r.cameraId === cameras[3] && fuzzyOracle('ABC123')(r.plate),
      );
      await check({ plate: { kind: 'any' }, ...window, cameraIds: [uid('no-such-camera')] }, () => false);
    });

    it('cameras and a time window together, paged', async () => {
      const set = new Set([cameras[0], cameras[2]]);
      const from = start + DAY / 2;
      const to = start + 2 * DAY + 3_600_000;
      const inWindow = (r: PlateRead) => r.observedAt >= from && r.observedAt < to;
      const want = await check(
        { plate: { kind: 'any' }, from, to, cameraIds: [...set] },
        (r) => inWindow(r) && r.cameraId !== undefined && set.has(r.cameraId),
        5,
      );
      assert.ok(want.length > 0);
      await check(
        { plate: { kind: 'pattern', pattern: '*1*' }, from, to, cameraIds: [...set, uid('no-such-camera')] },
        (r) => inWindow(r) && r.cameraId !== undefined && set.has(r.cameraId) && r.plate.includes('1'),
        4,
      );
    });

    const circle: SearchArea = { center: CENTER, radiusMeters: 3_000 };
    const polygon: SearchArea = {
      type: 'Polygon',
      coordinates: [
        [
          [-94.63, 39.06],
          [-94.55, 39.07],
          [-94.58, 39.14],
          [-94.63, 39.06],
        ],
      ],
    };
    const inside = (area: SearchArea) => (r: PlateRead) => r.location !== undefined && isInArea(r.location, area);
    const patternOracleOf = (p: string) => (r: PlateRead) => patternOracle(p)(r.plate);

    it('area: a circle counts only reads inside it', async () => {
      const want = await check({ plate: { kind: 'any' }, ...window, area: circle }, inside(circle), 9);
      assert.ok(want.length > 0 && want.length < reads.filter((r) => r.location).length);
    });

    it('area: a polygon, with a plate filter and cameras', async () => {
      await check({ plate: { kind: 'any' }, ...window, area: polygon }, inside(polygon), 7);
      const cams = new Set(cameras.slice(1));
      await check(
        { plate: { kind: 'pattern', pattern: '*1*' }, ...window, area: polygon, cameraIds: [...cams] },
        (r) => inside(polygon)(r) && r.cameraId !== undefined && cams.has(r.cameraId) && r.plate.includes('1'),
        3,
      );
    });

    it('pagination: pages of 7, 2 and 1 cover every match once, newest first, with the exact total', async () => {
      await check({ plate: { kind: 'any' }, ...window }, () => true, 7);
      await check({ plate: { kind: 'fuzzy', plate: 'ABC123' }, ...window }, (r) => fuzzyOracle('ABC123')(r.plate), 2);
      await check({ plate: { kind: 'pattern', pattern: 'K7M*' }, ...window }, patternOracleOf('K7M*'), 1);
      await check({ plate: { kind: 'any' }, ...window, area: circle, cameraIds: [cameras[1]] }, (r) => inside(circle)(r) && r.cameraId === cameras[1], 1);
      const page = await store().reads.search({ plate: { kind: 'any' }, ...window, limit: reads.length });
      assert.equal(page.nextCursor, null, 'no cursor when the page holds the last match');
    });

    it('finds an exact plate with no other filter', async () => {
      const plate = `Q${Date.now().toString(36).toUpperCase()}`.slice(0, 8);
      const t = era();
      const { stored } = await store().reads.append([newRead({ observedAt: t, plate }), newRead({ observedAt: t + 1, plate })]);
      const page = await store().reads.search({ plate: { kind: 'exact', plate }, limit: 1 });
      assert.equal(page.total, 2);
      assert.deepEqual(page.items, [stored[1]]);
      assert.notEqual(page.nextCursor, null);
      const next = await store().reads.search({ plate: { kind: 'exact', plate }, limit: 1, cursor: page.nextCursor! });
      assert.deepEqual(next.items, [stored[0]]);
      assert.equal(next.nextCursor, null);
    });
  });

  describe('reads: search by vehicle description', () => {
    // how cameras spell the same vehicles: OpenALPR, Plate Recognizer, Genetec free text
    const VEHICLES: (VehicleDescription | undefined)[] = [
      { make: 'chevrolet', model: 'silverado', color: 'silver-gray', bodyType: 'pickup-fullsize' },
      { make: 'Chevy', model: 'Malibu', color: 'White', bodyType: 'Sedan' },
      { make: 'Ford', model: 'F-150', color: 'Grey', bodyType: 'Pickup Truck' },
      { make: 'ford', model: 'explorer', color: 'black', bodyType: 'suv-standard' },
      { make: 'TOYOTA', model: 'RAV4', color: 'red', bodyType: 'suv-crossover' },
      { color: 'white' },
      { make: 'Honda' },
      undefined,
    ];
    const start = era();
    const window = { from: start, to: start + 2 * DAY };
    const cams = [uid('cam'), uid('cam')];
    const center: [number, number] = [-95.37, 29.76];
    let reads: PlateRead[] = [];

    before(async () => {
      const rnd = prng(7_2026);
      const inputs: NewRead[] = [];
      for (let i = 0; i < 160; i++) {
        const vehicle = VEHICLES[i % VEHICLES.length];
        const plate = ['VEH100', 'VEH200', 'VEH300', 'WXY400'][Math.floor(rnd() * 4)];
        inputs.push(
          newRead({
            observedAt: start + Math.floor((rnd() * 2 * DAY) / 60_000) * 60_000,
            plate,
            plateRaw: plate,
            cameraId: cams[i % 2],
            location: [center[0] + (rnd() - 0.5) * 0.05, center[1] + (rnd() - 0.5) * 0.05],
            locationSource: 'device',
            ...(vehicle ? { vehicle } : {}),
          }),
        );
      }
      reads = (await store().reads.append(inputs)).stored;
      assert.equal(reads.length, 160);
    });

    async function check(q: Omit<ReadQuery, 'limit'>, keep: (r: PlateRead) => boolean, pageSize: number): Promise<PlateRead[]> {
      const want = reads.filter(keep).sort(newestFirst);
      const got = await allPages((cursor) => store().reads.search({ ...q, limit: pageSize, ...(cursor ? { cursor } : {}) }));
      assert.deepEqual(got.items.map((r) => r.id), want.map((r) => r.id));
      for (const total of got.totals) assert.equal(total, want.length, 'every page reports the exact total');
      assert.deepEqual(got.items, want);
      return want;
    }
    const veh = (r: PlateRead) => r.vehicle ?? {};

    it('finds every spelling of a make, colour and body type, case-insensitive', async () => {
      const grayPickups = await check(
        { plate: { kind: 'pattern', pattern: 'VEH*' }, ...window, vehicle: { color: 'GRAY', bodyType: 'pickup' } },
        (r) => r.plate.startsWith('VEH') && ['silverado', 'F-150'].includes(veh(r).model ?? ''),
        4,
      );
      assert.deepEqual(new Set(grayPickups.map((r) => veh(r).make)), new Set(['chevrolet', 'Ford']), 'silver-gray and Grey pickups, fullsize and truck');
      await check({ plate: { kind: 'any' }, ...window, cameraIds: cams, vehicle: { make: 'chevrolet' } }, (r) => /^chev/i.test(veh(r).make ?? ''), 7);
      await check({ plate: { kind: 'any' }, ...window, cameraIds: cams, vehicle: { make: 'FORD', model: 'f150' } }, (r) => veh(r).model === 'F-150', 5);
      await check({ plate: { kind: 'any' }, ...window, cameraIds: cams, vehicle: { bodyType: 'SUV' } }, (r) => /^suv/.test(veh(r).bodyType ?? ''), 6);
    });

    it('combines with an exact plate, a time window, cameras and an area; never matches a read without that field', async () => {
      const sorted = [...reads].sort((a, b) => a.observedAt - b.observedAt);
      const from = sorted[30].observedAt;
      const to = sorted[120].observedAt;
      const area: SearchArea = { center, radiusMeters: 1_500 };
      const white = (r: PlateRead) => /^white$/i.test(veh(r).color ?? '');
      const want = await check(
        { plate: { kind: 'exact', plate: 'VEH200' }, from, to, cameraIds: [cams[1]], area, vehicle: { color: 'white' } },
        (r) => r.plate === 'VEH200' && r.observedAt >= from && r.observedAt < to && r.cameraId === cams[1] && r.location !== undefined && isInArea(r.location, area) && white(r),
        2,
      );
      assert.ok(want.length > 0, 'the data set has matches');
      await check({ plate: { kind: 'fuzzy', plate: 'VEH100' }, ...window, vehicle: { make: 'honda', color: 'white' } }, () => false, 3);
      await check({ plate: { kind: 'any' }, ...window, area, vehicle: { model: 'camry' } }, () => false, 3);
    });
  });
}
