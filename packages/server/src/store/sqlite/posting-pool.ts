/**
 * Many append-only lists of read ids (one per plate, one per camera) kept in shared typed
 * arrays instead of one JS array per list: millions of small lists would otherwise cost
 * more in object headers than in ids.
 *
 * A list is a backward-linked chain of blocks whose sizes double (2, 4, … up to MAX_BLOCK),
 * so appends are O(1), waste stays bounded, and iteration runs newest id first. With
 * `trackTime`, every block keeps the min and max observation time of its ids so a time
 * window skips whole blocks (reads arrive roughly in time order).
 *
 * Retention takes ids out with `forget` (the count drops at once) and `reclaim` (blocks of gone
 * ids go to free lists by size and are reused by later appends), so the pool does not grow with
 * the reads deleted over a long uptime.
 */

import { SnapshotError, type SnapshotReader, type SnapshotWriter } from './snapshot-file.ts';

const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MAX_BLOCK = 512;
/**
 * Time-tracked lists (per camera, per cell) stop growing blocks at 64 ids: a camera's block then
 * spans about an hour of its reads, so a one-hour window visits about a block per camera, for
 * 16 bytes of time bounds per 64 reads.
 */
const MAX_TIMED_BLOCK = 64;
const FIRST_BLOCK = 2;

function grow<T extends Int32Array | Uint32Array | Uint16Array | Uint8Array | Float64Array>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

function grow8(a: Uint8Array<ArrayBuffer>, need: number): Uint8Array<ArrayBuffer> {
  const b = new Uint8Array(Math.max(need, a.length * 2, 1024));
  b.set(a);
  return b;
}

export class PostingPool {
  private data: Uint32Array[] = [];
  private chunkUsed = CHUNK; // forces a first chunk
  /**
   * Per block, two words side by side: where its ids start in `data`, then its capacity (high 16
   * bits) and the ids used (low 16). An append reads and writes both: one cache line, not three
   * arrays' worth of misses.
   */
  private blockHead = new Uint32Array(0);
  private blockPrev = new Int32Array(0);
  private blockMin = new Float64Array(0);
  private blockMax = new Float64Array(0);
  /** 1 while a time-tracked block's ids were pushed in time order (each at or after the one before). */
  private blockOrdered = new Uint8Array(0);
  private blocks = 0;
  /** Per list, side by side: its newest block (-1: none), then its count of live ids. */
  private lists = new Int32Array(0);
  /** Freed blocks by log2 of their capacity, linked through blockPrev. */
  private readonly free = new Int32Array(16).fill(-1);
  /** One bit per list that lost ids since the last `reclaim`. */
  private dirty = new Uint8Array(0);
  private dirtyFrom = Infinity;
  private dirtyTo = -1;
  private chain = new Int32Array(64);
  private readonly trackTime: boolean;
  private readonly maxBlock: number;

  constructor(opts: { trackTime?: boolean } = {}) {
    this.trackTime = opts.trackTime ?? false;
    this.maxBlock = this.trackTime ? MAX_TIMED_BLOCK : MAX_BLOCK;
  }

  /** Number of ids in list `list`. */
  count(list: number): number {
    return list < this.lists.length >> 1 ? this.lists[(list << 1) | 1] : 0;
  }

  /** The newest id of list `list`, or -1 when the list is empty. */
  last(list: number): number {
    const b = this.tail(list);
    if (b < 0) return -1;
    const at = this.startOf(b) + this.usedOf(b) - 1;
    return this.data[at >>> CHUNK_BITS][at & (CHUNK - 1)];
  }

  /** Appends `id` (observed at `ts`) to list `list`; ids must arrive in increasing order per list. */
  push(list: number, id: number, ts: number): void {
    if (list >= this.lists.length >> 1) {
      const old = this.lists.length;
      this.lists = grow(this.lists, (list + 1) << 1);
      for (let k = old; k < this.lists.length; k += 2) this.lists[k] = -1;
    }
    const l = list << 1;
    let b = this.lists[l];
    const head = this.blockHead;
    if (b < 0 || (head[(b << 1) | 1] & 0xffff) === head[(b << 1) | 1] >>> 16) {
      const cap = b < 0 ? FIRST_BLOCK : Math.min(this.maxBlock, (head[(b << 1) | 1] >>> 16) * 2);
      b = this.newBlock(cap, b);
      this.lists[l] = b;
    }
    const meta = (b << 1) | 1;
    const at = this.blockHead[b << 1] + (this.blockHead[meta] & 0xffff);
    this.data[at >>> CHUNK_BITS][at & (CHUNK - 1)] = id;
    this.blockHead[meta]++;
    this.lists[l | 1]++;
    if (this.trackTime) {
      if (ts < this.blockMax[b]) this.blockOrdered[b] = 0;
      if (ts < this.blockMin[b]) this.blockMin[b] = ts;
      if (ts > this.blockMax[b]) this.blockMax[b] = ts;
    }
  }

  /** Calls `visit(id)` for the ids of `list`, newest first; stop early by returning false. */
  forEach(list: number, visit: (id: number) => boolean | void): void {
    for (let b = this.tail(list); b >= 0; b = this.blockPrev[b]) {
      const start = this.startOf(b);
      const chunk = this.data[start >>> CHUNK_BITS];
      const off = start & (CHUNK - 1);
      for (let i = this.usedOf(b) - 1; i >= 0; i--) {
        if (visit(chunk[off + i]) === false) return;
      }
    }
  }

  /**
   * Calls `visit(id, ts)` for the ids of a time-tracked `list` whose time `tsOf(id)` lies in
   * [from, to), newest block first. Blocks outside the window are skipped, and in a block whose
   * ids were pushed in time order the window's ids are found by binary search: a one-hour window
   * reads the times of its own ids and a few probes, not of every id in the blocks it overlaps
   * (each time is a cache miss in a column of millions). Ids gone to retention (NaN) are skipped;
   * a probe that meets one scans that block instead.
   */
  forEachInWindow(list: number, tsOf: (id: number) => number, from: number, to: number, visit: (id: number, ts: number) => void): void {
    if (!this.trackTime) throw new Error('forEachInWindow needs a time-tracked pool');
    for (let b = this.tail(list); b >= 0; b = this.blockPrev[b]) {
      if (this.blockMax[b] < from || this.blockMin[b] >= to) continue;
      const start = this.startOf(b);
      const chunk = this.data[start >>> CHUNK_BITS];
      const off = start & (CHUNK - 1);
      const used = this.usedOf(b);
      let lo = 0;
      let hi = used;
      if (this.blockOrdered[b] === 1) {
        if (this.blockMin[b] < from) lo = this.firstAtOrAfter(chunk, off, used, tsOf, from);
        if (lo >= 0 && this.blockMax[b] >= to) hi = this.firstAtOrAfter(chunk, off, used, tsOf, to);
        if (lo < 0 || hi < 0) {
          lo = 0;
          hi = used;
        }
      }
      for (let i = hi - 1; i >= lo; i--) {
        const id = chunk[off + i];
        const t = tsOf(id);
        if (t >= from && t < to) visit(id, t);
      }
    }
  }

  /** In an ordered block: the first position whose time is ≥ `t`, or -1 when a probe meets a gone id. */
  private firstAtOrAfter(chunk: Uint32Array, off: number, used: number, tsOf: (id: number) => number, t: number): number {
    let lo = 0;
    let hi = used;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const m = tsOf(chunk[off + mid]);
      if (Number.isNaN(m)) return -1;
      if (m < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * Counts one id of `list` as gone (retention deleted it; the caller's `tsOf` now gives NaN for
   * it). The id stays in the list, skipped by the caller, until `reclaim`.
   */
  forget(list: number): void {
    if (this.count(list) === 0) return;
    this.lists[(list << 1) | 1]--;
    const byte = list >>> 3;
    if (byte >= this.dirty.length) this.dirty = grow8(this.dirty, byte + 1);
    this.dirty[byte] |= 1 << (list & 7);
    if (byte < this.dirtyFrom) this.dirtyFrom = byte;
    if (byte > this.dirtyTo) this.dirtyTo = byte;
  }

  /**
   * For every list that lost ids since the last call: frees the blocks at its old end whose ids
   * are all gone (`tsOf(id)` is NaN; retention deletes the oldest reads, which sit there), and
   * rewrites the list when gone ids still outnumber its live ones. Costs the blocks of those
   * lists, not their ids.
   */
  reclaim(tsOf: (id: number) => number): void {
    for (let byte = this.dirtyFrom; byte <= this.dirtyTo; byte++) {
      const bits = this.dirty[byte];
      if (bits === 0) continue;
      this.dirty[byte] = 0;
      for (let j = 0; j < 8; j++) if (bits & (1 << j)) this.trim(byte * 8 + j, tsOf);
    }
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
  }

  clear(): void {
    this.data = [];
    this.chunkUsed = CHUNK;
    this.blocks = 0;
    this.lists = new Int32Array(0);
    this.free.fill(-1);
    this.dirty = new Uint8Array(0);
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
  }

  /**
   * Adds the pool to a snapshot under `name` (after `reclaim`: lists that lost ids since are
   * trimmed first). The arrays are written as they are, past their used length too.
   */
  save(w: SnapshotWriter, name: string, tsOf: (id: number) => number): void {
    this.reclaim(tsOf);
    w.value(`${name}.chunks`, this.data.length);
    w.value(`${name}.chunkUsed`, this.chunkUsed);
    w.value(`${name}.blocks`, this.blocks);
    w.value(`${name}.trackTime`, this.trackTime ? 1 : 0);
    for (let c = 0; c < this.data.length; c++) w.array(`${name}.data.${c}`, this.data[c]);
    // the arrays up to what is in use, not their doubled capacity
    const blocks = this.blocks;
    w.array(`${name}.blockHead`, this.blockHead.subarray(0, blocks * 2));
    w.array(`${name}.blockPrev`, this.blockPrev.subarray(0, blocks));
    if (this.trackTime) {
      w.array(`${name}.blockMin`, this.blockMin.subarray(0, blocks));
      w.array(`${name}.blockMax`, this.blockMax.subarray(0, blocks));
      w.array(`${name}.blockOrdered`, this.blockOrdered.subarray(0, blocks));
    }
    let lists = this.lists.length >> 1;
    while (lists > 0 && this.lists[(lists - 1) << 1] < 0 && this.lists[((lists - 1) << 1) | 1] === 0) lists--;
    w.array(`${name}.lists`, this.lists.subarray(0, lists * 2));
    w.array(`${name}.free`, this.free);
  }

  /** Replaces the pool with a snapshot's (`save`), checking that its parts fit together. */
  restore(r: SnapshotReader, name: string): void {
    if (r.number(`${name}.trackTime`) !== (this.trackTime ? 1 : 0)) throw new SnapshotError(`snapshot pool ${name} tracks time differently`);
    const chunks = r.number(`${name}.chunks`);
    const blocks = r.number(`${name}.blocks`);
    const data: Uint32Array[] = [];
    for (let c = 0; c < chunks; c++) {
      const chunk = r.array(`${name}.data.${c}`, 'u32');
      if (chunk.length !== CHUNK) throw new SnapshotError(`snapshot pool ${name} chunk ${c} has the wrong size`);
      data.push(chunk);
    }
    const blockHead = r.array(`${name}.blockHead`, 'u32');
    const blockPrev = r.array(`${name}.blockPrev`, 'i32');
    if (blockHead.length < blocks * 2 || blockPrev.length < blocks) throw new SnapshotError(`snapshot pool ${name} has fewer blocks than it counts`);
    if (this.trackTime) {
      this.blockMin = r.array(`${name}.blockMin`, 'f64');
      this.blockMax = r.array(`${name}.blockMax`, 'f64');
      this.blockOrdered = r.array(`${name}.blockOrdered`, 'u8');
      if (this.blockMin.length < blocks || this.blockMax.length < blocks || this.blockOrdered.length < blocks) {
        throw new SnapshotError(`snapshot pool ${name} has fewer time bounds than blocks`);
      }
    }
    const free = r.array(`${name}.free`, 'i32');
    if (free.length !== this.free.length) throw new SnapshotError(`snapshot pool ${name} has ${free.length} free lists`);
    this.data = data;
    this.chunkUsed = r.number(`${name}.chunkUsed`);
    this.blocks = blocks;
    this.blockHead = blockHead;
    this.blockPrev = blockPrev;
    this.lists = r.array(`${name}.lists`, 'i32');
    this.free.set(free);
    this.dirty = new Uint8Array(0);
    this.dirtyFrom = Infinity;
    this.dirtyTo = -1;
  }

  /**
   * Overwrites with 0 (never a read id) every id whose read is gone (`tsOf` NaN) and every slot
   * not in use, freed blocks included: what retention deleted leaves no id behind in a saved
   * copy. Readers already skip gone ids, and id 0 reads as gone, so searches are unchanged.
   */
  scrub(tsOf: (id: number) => number): void {
    for (let b = 0; b < this.blocks; b++) {
      const start = this.startOf(b);
      const chunk = this.data[start >>> CHUNK_BITS];
      const off = start & (CHUNK - 1);
      const used = this.usedOf(b);
      for (let i = 0; i < used; i++) if (Number.isNaN(tsOf(chunk[off + i]))) chunk[off + i] = 0;
      chunk.fill(0, off + used, off + (this.blockHead[(b << 1) | 1] >>> 16));
    }
  }

  bytes(): number {
    let n = this.data.length * CHUNK * 4;
    n += this.blockHead.byteLength + this.blockPrev.byteLength;
    n += this.blockMin.byteLength + this.blockMax.byteLength + this.blockOrdered.byteLength + this.lists.byteLength;
    return n;
  }

  private trim(list: number, tsOf: (id: number) => number): void {
    // the chain, newest block first
    let k = 0;
    for (let b = this.tail(list); b >= 0; b = this.blockPrev[b]) {
      if (k === this.chain.length) this.chain = grow(this.chain, k + 1);
      this.chain[k++] = b;
    }
    const live = this.count(list);
    let keep = k;
    if (live === 0) keep = 0;
    else while (keep > 1 && this.allGone(this.chain[keep - 1], tsOf)) keep--;
    for (let i = keep; i < k; i++) this.freeBlock(this.chain[i]);
    if (keep === 0) this.lists[list << 1] = -1;
    else if (keep < k) this.blockPrev[this.chain[keep - 1]] = -1;
    let stored = 0;
    for (let i = 0; i < keep; i++) stored += this.usedOf(this.chain[i]);
    if (stored - live > live) this.rewrite(list, keep, live, tsOf);
  }

  /** Rebuilds `list` (its first `k` blocks in `chain`) from its `live` ids alone, oldest first. */
  private rewrite(list: number, k: number, live: number, tsOf: (id: number) => number): void {
    const ids = new Uint32Array(live);
    let n = 0;
    for (let i = k - 1; i >= 0; i--) {
      const b = this.chain[i];
      const start = this.startOf(b);
      const chunk = this.data[start >>> CHUNK_BITS];
      const off = start & (CHUNK - 1);
      for (let j = 0; j < this.usedOf(b); j++) {
        const id = chunk[off + j];
        if (!Number.isNaN(tsOf(id)) && n < live) ids[n++] = id;
      }
    }
    for (let i = 0; i < k; i++) this.freeBlock(this.chain[i]);
    this.lists[list << 1] = -1;
    this.lists[(list << 1) | 1] = 0;
    for (let i = 0; i < n; i++) this.push(list, ids[i], tsOf(ids[i]));
  }

  private allGone(b: number, tsOf: (id: number) => number): boolean {
    const start = this.startOf(b);
    const chunk = this.data[start >>> CHUNK_BITS];
    const off = start & (CHUNK - 1);
    for (let j = 0; j < this.usedOf(b); j++) if (!Number.isNaN(tsOf(chunk[off + j]))) return false;
    return true;
  }

  /** The newest block of `list`, or -1. */
  private tail(list: number): number {
    return list < this.lists.length >> 1 ? this.lists[list << 1] : -1;
  }

  private startOf(b: number): number {
    return this.blockHead[b << 1];
  }

  private usedOf(b: number): number {
    return this.blockHead[(b << 1) | 1] & 0xffff;
  }

  private freeBlock(b: number): void {
    const size = 31 - Math.clz32(this.blockHead[(b << 1) | 1] >>> 16);
    // capacity kept, nothing used
    this.blockHead[(b << 1) | 1] &= 0xffff0000;
    this.blockPrev[b] = this.free[size];
    this.free[size] = b;
  }

  private newBlock(cap: number, prev: number): number {
    const size = 31 - Math.clz32(cap);
    const reused = this.free[size];
    if (reused >= 0) {
      this.free[size] = this.blockPrev[reused];
      this.blockPrev[reused] = prev;
      if (this.trackTime) {
        this.blockMin[reused] = Infinity;
        this.blockMax[reused] = -Infinity;
        this.blockOrdered[reused] = 1;
      }
      return reused;
    }
    if (this.chunkUsed + cap > CHUNK) {
      this.data.push(new Uint32Array(CHUNK));
      this.chunkUsed = 0;
    }
    const b = this.blocks++;
    this.blockHead = grow(this.blockHead, this.blocks << 1);
    this.blockPrev = grow(this.blockPrev, this.blocks);
    this.blockHead[b << 1] = (this.data.length - 1) * CHUNK + this.chunkUsed;
    this.blockHead[(b << 1) | 1] = cap << 16;
    this.blockPrev[b] = prev;
    this.chunkUsed += cap;
    if (this.trackTime) {
      this.blockMin = grow(this.blockMin, this.blocks);
      this.blockMax = grow(this.blockMax, this.blocks);
      this.blockOrdered = grow(this.blockOrdered, this.blocks);
      this.blockMin[b] = Infinity;
      this.blockMax[b] = -Infinity;
      this.blockOrdered[b] = 1;
    }
    return b;
  }
}
