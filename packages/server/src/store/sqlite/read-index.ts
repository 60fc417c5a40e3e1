/**
 * The in-memory search index of the embedded read store, rebuilt from the partitions at start
 * and updated after every commit: per read its observation time, camera and position (dense
 * columns by read id), and lists of read ids per distinct plate, per camera and per ~1 km grid
 * cell. A search picks the narrowest lists, filters by the columns, and keeps the newest page
 * in a bounded heap, so the cost follows the matching reads, not the table size.
 *
 * Retention forgets deleted reads in place (`forget`, then `reclaim`): a gone read's time reads
 * NaN, which every search path skips, and it leaves the counts at once.
 */
import { PlateDictionary, areaBbox, isInArea } from '@openrtcc/domain';
import type { SearchArea } from '@openrtcc/domain';
import { CHUNK_BITS, ChunkedFloat32, ChunkedFloat64, ChunkedUint } from './columns.ts';
import { PostingPool } from './posting-pool.ts';
import { SnapshotError, type SnapshotReader, type SnapshotWriter } from './snapshot-file.ts';

const CELL = 100; // grid cells of 1/100 degree (~1.1 km of latitude)
const UNKNOWN_SEC = 0xffffffff;

export interface IndexedRead {
  id: number;
  ts: number;
  plateId: number;
  /** Camera key id + 1, or 0 for none. */
  camera: number;
  lon: number;
  lat: number;
}

export interface IndexQuery {
  /** Plate ids to look in; undefined means any plate. */
  plateIds?: ArrayLike<number>;
  /** Camera key ids (as stored); undefined means any camera. */
  cameras?: number[];
  from: number;
  to: number;
  area?: SearchArea;
  limit: number;
  /** Keyset cursor: only reads strictly older than (ts, id). */
  before?: { ts: number; id: number };
}

export interface IndexResult {
  ids: number[];
  total: number;
  /** Matches older than the cursor (the rest of the result set from this page on). */
  remaining: number;
  last?: { ts: number; id: number };
}

export class ReadIndex {
  #plates = new PlateDictionary();
  private readonly ts = new ChunkedFloat64(NaN);
  private readonly camera = new ChunkedUint();
  private readonly lon = new ChunkedFloat32(NaN);
  private readonly lat = new ChunkedFloat32(NaN);
  private readonly byPlate = new PostingPool();
  private readonly byCamera = new PostingPool({ trackTime: true });
  private readonly byCell = new PostingPool({ trackTime: true });
  private readonly cells = new Map<number, number>();
  /**
   * One bit per plate: set once a read of the plate arrived observed earlier than the plate's
   * previous read. Reads nearly always arrive in time order, so for the other plates the posting
   * list (newest id first) is also newest observation first, and a query without filters can
   * stop after the page instead of visiting every read of a busy plate.
   */
  private unordered = new Uint8Array(0);
  /**
   * Per plate, an upper bound of its newest read's time in whole seconds (0xFFFFFFFF: unknown):
   * a search over thousands of plates (a substring, a wildcard) skips every plate whose newest
   * read cannot enter the page without touching its list, 4 bytes a plate.
   */
  private newestSec = new Uint32Array(0);
  private maxId = 0;
  private live = 0;
  /** Whether `forget` ran since the last `save` (a saved copy is scrubbed of the gone reads first). */
  private forgotten = false;
  /** Live reads per column chunk: a chunk is released when retention has emptied it. */
  private chunkLive = new Uint32Array(0);

  get size(): number {
    return this.live;
  }

  /** The distinct plates, whose dense ids the per-plate lists use. */
  get plates(): PlateDictionary {
    return this.#plates;
  }

  add(r: IndexedRead): void {
    // Nearly every read is the newest of its plate, which the plate's newest-time bound shows
    // without reading the time of the plate's last read (a cache miss in a column of millions).
    const bound = r.plateId < this.newestSec.length ? this.newestSec[r.plateId] : 0;
    if (r.ts < bound * 1000) {
      const prev = this.byPlate.last(r.plateId);
      const t = prev >= 0 ? this.ts.get(prev) : -Infinity;
      // a gone newest id hides the time of the live ones before it: assume the worst
      if (t > r.ts || (Number.isNaN(t) && this.byPlate.count(r.plateId) > 0)) this.markUnordered(r.plateId);
    }
    this.raiseNewest(r.plateId, r.ts);
    this.ts.set(r.id, r.ts);
    this.camera.set(r.id, r.camera);
    this.byPlate.push(r.plateId, r.id, r.ts);
    if (r.camera > 0) this.byCamera.push(r.camera - 1, r.id, r.ts);
    if (!Number.isNaN(r.lon) && !Number.isNaN(r.lat)) {
      this.lon.set(r.id, r.lon);
      this.lat.set(r.id, r.lat);
      this.byCell.push(this.cellList(r.lon, r.lat, true), r.id, r.ts);
    }
    if (r.id > this.maxId) this.maxId = r.id;
    this.live++;
    const c = r.id >>> CHUNK_BITS;
    if (c >= this.chunkLive.length) {
      const grown = new Uint32Array(Math.max(c + 1, this.chunkLive.length * 2, 64));
      grown.set(this.chunkLive);
      this.chunkLive = grown;
    }
    this.chunkLive[c]++;
  }

  /**
   * Forgets read `id` after retention deleted it; `plateId`, `lon` and `lat` are the ones it was
   * added with (the columns keep no plate, and positions only as 32-bit floats). Its counts drop
   * at once; its list entries are skipped until `reclaim` frees them. False when it was not live.
   */
  forget(id: number, plateId: number, lon: number, lat: number): boolean {
    if (Number.isNaN(this.ts.get(id))) return false;
    this.byPlate.forget(plateId);
    const camera = this.camera.get(id);
    if (camera > 0) this.byCamera.forget(camera - 1);
    if (!Number.isNaN(lon) && !Number.isNaN(lat)) {
      const cell = this.cellList(lon, lat, false);
      if (cell >= 0) this.byCell.forget(cell);
    }
    this.live--;
    this.forgotten = true;
    const c = id >>> CHUNK_BITS;
    if (--this.chunkLive[c] === 0) {
      for (const col of [this.ts, this.camera, this.lon, this.lat]) col.releaseChunkOf(id);
      return true;
    }
    this.ts.set(id, NaN);
    if (camera > 0) this.camera.set(id, 0);
    if (!Number.isNaN(this.lon.get(id))) {
      this.lon.set(id, NaN);
      this.lat.set(id, NaN);
    }
    return true;
  }

  /** Frees the list space of the reads forgotten since the last call, for later reads to reuse. */
  reclaim(): void {
    const tsOf = (id: number): number => this.ts.get(id);
    this.byPlate.reclaim(tsOf);
    this.byCamera.reclaim(tsOf);
    this.byCell.reclaim(tsOf);
  }

  observedAt(id: number): number {
    return this.ts.get(id);
  }

  /** Reads per plate id (for reporting and query planning). */
  plateCount(plateId: number): number {
    return this.byPlate.count(plateId);
  }

  search(q: IndexQuery): IndexResult {
    const heap = new TopK(q.limit);
    let total = 0;
    let remaining = 0;
    const camSet = q.cameras ? new Set(q.cameras.map((c) => c + 1)) : undefined;
    const area = q.area;
    const bbox = area ? areaBbox(area) : undefined;
    const before = q.before;
    // a read in the time window: the area, the count, the cursor, the page
    const accept = (id: number, t: number): void => {
      if (area) {
        const lon = this.lon.get(id);
        const lat = this.lat.get(id);
        if (Number.isNaN(lon) || lon < bbox![0] || lon > bbox![2] || lat < bbox![1] || lat > bbox![3]) return;
        if (!isInArea([lon, lat], area)) return;
      }
      total++;
      if (before && (t > before.ts || (t === before.ts && id >= before.id))) return;
      remaining++;
      heap.offer(t, id);
    };
    const visit = (id: number): void => {
      const t = this.ts.get(id);
      if (!(t >= q.from && t < q.to)) return;
      if (camSet && !camSet.has(this.camera.get(id))) return;
      accept(id, t);
    };
    const tsOf = (id: number): number => this.ts.get(id);

    if (q.plateIds && q.from === -Infinity && q.to === Infinity && !camSet && !area) {
      return this.newestOfPlates(q.plateIds, heap, before);
    } else if (q.plateIds) {
      for (let i = 0; i < q.plateIds.length; i++) this.byPlate.forEach(q.plateIds[i], visit);
    } else if (camSet) {
      // a camera's own list holds only its reads: no camera check
      for (const c of camSet) this.byCamera.forEachInWindow(c - 1, tsOf, q.from, q.to, accept);
    } else if (bbox) {
      for (const list of this.cellsIn(bbox)) this.byCell.forEachInWindow(list, tsOf, q.from, q.to, accept);
    } else {
      for (let id = this.maxId; id > 0; id--) if (!Number.isNaN(this.ts.get(id))) visit(id);
    }
    return this.result(heap, total, remaining);
  }

  /**
   * Plates with no other filter: the total is the sum of the posting counts, and a plate whose
   * reads arrived in time order stops as soon as its reads can no longer enter the page.
   */
  private newestOfPlates(plateIds: ArrayLike<number>, heap: TopK, before: IndexQuery['before']): IndexResult {
    let total = 0;
    let newer = 0; // reads at or after the cursor, which this page and the next ones skip
    const newest = this.newestSec;
    for (let i = 0; i < plateIds.length; i++) {
      const plate = plateIds[i];
      total += this.byPlate.count(plate);
      // no read of the plate can enter the full page, and none is newer than the cursor (the
      // page holds only older reads): its list is not visited
      const bound = plate < newest.length ? newest[plate] : 0;
      if (heap.full && bound !== UNKNOWN_SEC && !heap.beats(bound * 1000, Number.MAX_SAFE_INTEGER)) continue;
      const ordered = !this.isUnordered(plate);
      this.byPlate.forEach(plate, (id) => {
        const t = this.ts.get(id);
        if (Number.isNaN(t)) return; // forgotten by retention, and not in the count
        if (before && (t > before.ts || (t === before.ts && id >= before.id))) {
          newer++;
          return;
        }
        if (ordered && heap.full && !heap.beats(t, id)) {
          // every later read of this plate is older still; the cursor-skipped ones came first
          return false;
        }
        heap.offer(t, id);
      });
    }
    return this.result(heap, total, total - newer);
  }

  private result(heap: TopK, total: number, remaining: number): IndexResult {
    const ids = heap.sortedIds();
    const lastId = ids[ids.length - 1];
    return { ids, total, remaining, last: lastId === undefined ? undefined : { ts: this.ts.get(lastId), id: lastId } };
  }

  private raiseNewest(plate: number, ts: number): void {
    if (plate >= this.newestSec.length) {
      const grown = new Uint32Array(Math.max(plate + 1, this.newestSec.length * 2, 1024));
      grown.set(this.newestSec);
      this.newestSec = grown;
    }
    // seconds rounded up, so the bound is never below the time; outside 1970–2106 it is unknown
    const sec = ts >= 0 && ts < UNKNOWN_SEC * 1000 ? Math.ceil(ts / 1000) : UNKNOWN_SEC;
    if (sec > this.newestSec[plate]) this.newestSec[plate] = sec;
  }

  private markUnordered(plate: number): void {
    const byte = plate >>> 3;
    if (byte >= this.unordered.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.unordered.length * 2, 1024));
      grown.set(this.unordered);
      this.unordered = grown;
    }
    this.unordered[byte] |= 1 << (plate & 7);
  }

  private isUnordered(plate: number): boolean {
    const byte = plate >>> 3;
    return byte < this.unordered.length && (this.unordered[byte] & (1 << (plate & 7))) !== 0;
  }

  clear(): void {
    for (const c of [this.ts, this.lon, this.lat]) c.clear();
    this.camera.clear();
    this.byPlate.clear();
    this.byCamera.clear();
    this.byCell.clear();
    this.cells.clear();
    this.maxId = 0;
    this.live = 0;
    this.forgotten = false;
    this.chunkLive = new Uint32Array(0);
    this.unordered = new Uint8Array(0);
    this.newestSec = new Uint32Array(0);
  }

  /**
   * Adds the index to a snapshot. Plate texts in `erased` (retention erased them from the
   * store; the dictionary keeps them until the next start) are left out, as a restart from the
   * tables would leave them. After retention has forgotten reads (`forget`), the gone ids are
   * scrubbed from the lists and the per-plate bounds recomputed from the live reads first, so
   * the file holds nothing of a deleted read.
   */
  save(w: SnapshotWriter, erased: ReadonlySet<number>): void {
    const tsOf = (id: number): number => this.ts.get(id);
    if (this.forgotten) {
      for (const pool of [this.byPlate, this.byCamera, this.byCell]) {
        pool.reclaim(tsOf);
        pool.scrub(tsOf);
      }
      this.recomputePlateBounds();
      this.forgotten = false;
    }
    const dict = this.#plates.toState(erased);
    w.value('plates.count', dict.count);
    w.array('plates.bytes', dict.bytes, true);
    w.array('plates.lens', dict.lens, true);
    w.array('plates.table', dict.table, true);
    w.array('plates.listLen', dict.listLen, true);
    w.array('plates.postings', dict.postings, true);
    w.array('plates.short', dict.short, true);
    this.ts.save(w, 'index.ts');
    this.camera.save(w, 'index.camera');
    this.lon.save(w, 'index.lon');
    this.lat.save(w, 'index.lat');
    this.byPlate.save(w, 'index.byPlate', tsOf);
    this.byCamera.save(w, 'index.byCamera', tsOf);
    this.byCell.save(w, 'index.byCell', tsOf);
    const keys = new Uint32Array(this.cells.size);
    const lists = new Uint32Array(this.cells.size);
    let k = 0;
    for (const [key, list] of this.cells) {
      keys[k] = key;
      lists[k++] = list;
    }
    w.array('index.cellKeys', keys, true);
    w.array('index.cellLists', lists, true);
    w.array('index.unordered', this.unordered);
    w.array('index.newestSec', this.newestSec.subarray(0, Math.min(this.newestSec.length, this.#plates.size)));
    w.array('index.chunkLive', this.chunkLive);
    w.value('index.cellsPerDegree', CELL);
    w.value('index.maxId', this.maxId);
    w.value('index.live', this.live);
  }

  /** Replaces everything, the plate dictionary included, with a snapshot's (`save`). */
  restore(r: SnapshotReader): void {
    const plates = PlateDictionary.fromState({
      count: r.number('plates.count'),
      bytes: r.array('plates.bytes', 'u8'),
      lens: r.array('plates.lens', 'u8'),
      table: r.array('plates.table', 'u32'),
      listLen: r.array('plates.listLen', 'u32'),
      postings: r.array('plates.postings', 'u32'),
      short: r.array('plates.short', 'u32'),
    });
    this.clear();
    this.#plates = plates;
    this.ts.restore(r, 'index.ts');
    this.camera.restore(r, 'index.camera');
    this.lon.restore(r, 'index.lon');
    this.lat.restore(r, 'index.lat');
    this.byPlate.restore(r, 'index.byPlate');
    this.byCamera.restore(r, 'index.byCamera');
    this.byCell.restore(r, 'index.byCell');
    if (r.number('index.cellsPerDegree') !== CELL) throw new SnapshotError('snapshot grid cells are of another size');
    const keys = r.array('index.cellKeys', 'u32');
    const lists = r.array('index.cellLists', 'u32');
    if (keys.length !== lists.length) throw new SnapshotError('snapshot cell keys and lists differ in length');
    for (let k = 0; k < keys.length; k++) this.cells.set(keys[k], lists[k]);
    this.unordered = r.array('index.unordered', 'u8');
    this.newestSec = r.array('index.newestSec', 'u32');
    this.chunkLive = r.array('index.chunkLive', 'u32');
    this.maxId = r.number('index.maxId');
    this.live = r.number('index.live');
  }

  /** Per plate, the newest-time bound and the order bit from its live reads alone (after retention). */
  private recomputePlateBounds(): void {
    this.newestSec.fill(0);
    this.unordered.fill(0);
    for (let plate = 0; plate < this.#plates.size; plate++) {
      if (this.byPlate.count(plate) === 0) continue;
      let newer = Infinity;
      this.byPlate.forEach(plate, (id) => {
        const t = this.ts.get(id);
        if (Number.isNaN(t)) return;
        this.raiseNewest(plate, t);
        if (t > newer) this.markUnordered(plate);
        newer = t;
      });
    }
  }

  /** Bytes of the structures per read: the columns and the lists (not the per-plate arrays or the dictionary). */
  bytes(): number {
    return this.ts.bytes() + this.camera.bytes() + this.lon.bytes() + this.lat.bytes() + this.chunkLive.byteLength + this.byPlate.bytes() + this.byCamera.bytes() + this.byCell.bytes();
  }

  /** Bytes of the arrays per plate id (order bits, newest-time bounds), beside the plate dictionary's own. */
  plateBytes(): number {
    return this.unordered.byteLength + this.newestSec.byteLength;
  }

  private cellKey(lon: number, lat: number): number {
    return (Math.floor(lon * CELL) + 18000) * 40000 + (Math.floor(lat * CELL) + 9000);
  }

  private cellList(lon: number, lat: number, create: boolean): number {
    const key = this.cellKey(lon, lat);
    let list = this.cells.get(key);
    if (list === undefined && create) {
      list = this.cells.size;
      this.cells.set(key, list);
    }
    return list ?? -1;
  }

  private *cellsIn(b: [number, number, number, number]): Generator<number> {
    const x0 = Math.floor(b[0] * CELL);
    const x1 = Math.floor(b[2] * CELL);
    const y0 = Math.floor(b[1] * CELL);
    const y1 = Math.floor(b[3] * CELL);
    if ((x1 - x0 + 1) * (y1 - y0 + 1) > this.cells.size) {
      // a wide area: walk the populated cells instead of every cell of the box
      for (const [key, list] of this.cells) {
        const x = Math.floor(key / 40000) - 18000;
        const y = (key % 40000) - 9000;
        if (x >= x0 && x <= x1 && y >= y0 && y <= y1) yield list;
      }
      return;
    }
    for (let x = x0; x <= x1; x++) {
      for (let y = y0; y <= y1; y++) {
        const list = this.cells.get((x + 18000) * 40000 + (y + 9000));
        if (list !== undefined) yield list;
      }
    }
  }
}

/** The newest `k` (ts, id) pairs seen, as a min-heap on (ts, id). */
class TopK {
  private readonly t: number[] = [];
  private readonly i: number[] = [];
  private readonly k: number;

  constructor(k: number) {
    this.k = k;
  }

  get full(): boolean {
    return this.t.length >= this.k;
  }

  /** Whether (ts, id) is newer than the oldest pair kept, i.e. would enter a full heap. */
  beats(ts: number, id: number): boolean {
    return this.t.length === 0 || ts > this.t[0] || (ts === this.t[0] && id > this.i[0]);
  }

  offer(ts: number, id: number): void {
    const n = this.t.length;
    if (n < this.k) {
      this.t.push(ts);
      this.i.push(id);
      this.up(n);
    } else if (n > 0 && (ts > this.t[0] || (ts === this.t[0] && id > this.i[0]))) {
      this.t[0] = ts;
      this.i[0] = id;
      this.down(0);
    }
  }

  sortedIds(): number[] {
    const order = this.t.map((_, j) => j);
    order.sort((a, b) => this.t[b] - this.t[a] || this.i[b] - this.i[a]);
    return order.map((j) => this.i[j]);
  }

  private less(a: number, b: number): boolean {
    return this.t[a] < this.t[b] || (this.t[a] === this.t[b] && this.i[a] < this.i[b]);
  }

  private swap(a: number, b: number): void {
    [this.t[a], this.t[b]] = [this.t[b], this.t[a]];
    [this.i[a], this.i[b]] = [this.i[b], this.i[a]];
  }

  private up(j: number): void {
    while (j > 0) {
      const p = (j - 1) >> 1;
      if (!this.less(j, p)) break;
      this.swap(j, p);
      j = p;
    }
  }

  private down(j: number): void {
    const n = this.t.length;
    for (;;) {
      const l = 2 * j + 1;
      const r = l + 1;
      let m = j;
      if (l < n && this.less(l, m)) m = l;
      if (r < n && this.less(r, m)) m = r;
      if (m === j) return;
      this.swap(j, m);
      j = m;
    }
  }
}
