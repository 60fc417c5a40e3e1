/**
 * Many append-only lists of read ids (one per plate, one per camera) kept in shared typed
 * arrays instead of one JS array per list: millions of small lists would otherwise cost
 * more in object headers than in ids.
 *
 * A list is a backward-linked chain of blocks whose sizes double (2, 4, … up to MAX_BLOCK),
 * so appends are O(1), waste stays bounded, and iteration runs newest id first. With
 * `trackTime`, every block keeps the min and max observation time of its ids so a time
 * window skips whole blocks (reads arrive roughly in time order).
 */

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

function grow<T extends Int32Array | Uint32Array | Uint16Array | Float64Array>(a: T, need: number, fill = 0): T {
  if (need <= a.length) return a;
  let n = Math.max(16, a.length);
  while (n < need) n *= 2;
  const b = new (a.constructor as { new (n: number): T })(n);
  b.set(a);
  if (fill !== 0) b.fill(fill, a.length);
  return b;
}

export class PostingPool {
  private data: Uint32Array[] = [];
  private chunkUsed = CHUNK; // forces a first chunk
  // per block
  private blockStart = new Uint32Array(0);
  private blockCap = new Uint16Array(0);
  private blockUsed = new Uint16Array(0);
  private blockPrev = new Int32Array(0);
  private blockMin = new Float64Array(0);
  private blockMax = new Float64Array(0);
  private blocks = 0;
  // per list
  private tail = new Int32Array(0);
  private counts = new Uint32Array(0);
  private readonly trackTime: boolean;
  private readonly maxBlock: number;

  constructor(opts: { trackTime?: boolean } = {}) {
    this.trackTime = opts.trackTime ?? false;
    this.maxBlock = this.trackTime ? MAX_TIMED_BLOCK : MAX_BLOCK;
  }

  /** Number of ids in list `list`. */
  count(list: number): number {
    return list < this.counts.length ? this.counts[list] : 0;
  }

  /** The newest id of list `list`, or -1 when the list is empty. */
  last(list: number): number {
    const b = list < this.tail.length ? this.tail[list] : -1;
    if (b < 0) return -1;
    const at = this.blockStart[b] + this.blockUsed[b] - 1;
    return this.data[at >>> CHUNK_BITS][at & (CHUNK - 1)];
  }

  /** Appends `id` (observed at `ts`) to list `list`; ids must arrive in increasing order per list. */
  push(list: number, id: number, ts: number): void {
    if (list >= this.tail.length) {
      const old = this.tail.length;
      this.tail = grow(this.tail, list + 1);
      this.tail.fill(-1, old);
      this.counts = grow(this.counts, list + 1);
    }
    let b = this.tail[list];
    if (b < 0 || this.blockUsed[b] === this.blockCap[b]) {
      const cap = b < 0 ? FIRST_BLOCK : Math.min(this.maxBlock, this.blockCap[b] * 2);
      b = this.newBlock(cap, b);
      this.tail[list] = b;
    }
    const at = this.blockStart[b] + this.blockUsed[b];
    this.data[at >>> CHUNK_BITS][at & (CHUNK - 1)] = id;
    this.blockUsed[b]++;
    this.counts[list]++;
    if (this.trackTime) {
      if (ts < this.blockMin[b]) this.blockMin[b] = ts;
      if (ts > this.blockMax[b]) this.blockMax[b] = ts;
    }
  }

  /**
   * Calls `visit(id)` for the ids of `list`, newest first. With time tracking, blocks whose
   * span lies outside [from, to) are skipped (ids inside still need the caller's own check).
   * Stop early by returning false from `visit`.
   */
  forEach(list: number, visit: (id: number) => boolean | void, from = -Infinity, to = Infinity): void {
    if (list >= this.tail.length) return;
    for (let b = this.tail[list]; b >= 0; b = this.blockPrev[b]) {
      if (this.trackTime && (this.blockMax[b] < from || this.blockMin[b] >= to)) continue;
      const start = this.blockStart[b];
      const chunk = this.data[start >>> CHUNK_BITS];
      const off = start & (CHUNK - 1);
      for (let i = this.blockUsed[b] - 1; i >= 0; i--) {
        if (visit(chunk[off + i]) === false) return;
      }
    }
  }

  clear(): void {
    this.data = [];
    this.chunkUsed = CHUNK;
    this.blocks = 0;
    this.tail = new Int32Array(0);
    this.counts = new Uint32Array(0);
  }

  bytes(): number {
    let n = this.data.length * CHUNK * 4;
    n += this.blockStart.byteLength + this.blockCap.byteLength + this.blockUsed.byteLength + this.blockPrev.byteLength;
    n += this.blockMin.byteLength + this.blockMax.byteLength + this.tail.byteLength + this.counts.byteLength;
    return n;
  }

  private newBlock(cap: number, prev: number): number {
    if (this.chunkUsed + cap > CHUNK) {
      this.data.push(new Uint32Array(CHUNK));
      this.chunkUsed = 0;
    }
    const b = this.blocks++;
    this.blockStart = grow(this.blockStart, this.blocks);
    this.blockCap = grow(this.blockCap, this.blocks);
    this.blockUsed = grow(this.blockUsed, this.blocks);
    this.blockPrev = grow(this.blockPrev, this.blocks);
    this.blockStart[b] = (this.data.length - 1) * CHUNK + this.chunkUsed;
    this.blockCap[b] = cap;
    this.blockUsed[b] = 0;
    this.blockPrev[b] = prev;
    this.chunkUsed += cap;
    if (this.trackTime) {
      this.blockMin = grow(this.blockMin, this.blocks);
      this.blockMax = grow(this.blockMax, this.blocks);
      this.blockMin[b] = Infinity;
      this.blockMax[b] = -Infinity;
    }
    return b;
  }
}
