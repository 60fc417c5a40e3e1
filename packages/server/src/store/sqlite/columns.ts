/**
 * Growable numeric columns in fixed-size chunks, so 10M+ values never need one huge
 * reallocation and whole leading chunks can be released when retention drops old reads.
 */
import { SnapshotError, type Section, type SnapshotReader, type SnapshotWriter } from './snapshot-file.ts';

/** log2 of the indexes per chunk. */
export const CHUNK_BITS = 16;
const CHUNK = 1 << CHUNK_BITS;
const MASK = CHUNK - 1;

type TypedCtor<T> = { new (n: number): T };

class Chunked<T extends Float64Array | Float32Array | Uint16Array | Uint32Array> {
  private readonly chunks: (T | undefined)[] = [];
  private readonly ctor: TypedCtor<T>;
  private readonly fill: number;

  constructor(ctor: TypedCtor<T>, fill: number) {
    this.ctor = ctor;
    this.fill = fill;
  }

  get(i: number): number {
    const c = this.chunks[i >>> CHUNK_BITS];
    return c === undefined ? this.fill : c[i & MASK];
  }

  set(i: number, v: number): void {
    const ci = i >>> CHUNK_BITS;
    let c = this.chunks[ci];
    if (c === undefined) {
      c = new this.ctor(CHUNK);
      if (this.fill !== 0) c.fill(this.fill);
      this.chunks[ci] = c;
    }
    c[i & MASK] = v;
  }

  /** Makes chunk `ci` 32-bit (for ChunkedUint), keeping its values. */
  protected widen(ci: number): void {
    const c = this.chunks[ci];
    if (c instanceof Uint16Array) this.chunks[ci] = Uint32Array.from(c) as T;
    else if (c === undefined) this.chunks[ci] = new Uint32Array(CHUNK) as T;
  }

  /** Releases the chunk holding index `i`: its indexes read as the fill value again. */
  releaseChunkOf(i: number): void {
    this.chunks[i >>> CHUNK_BITS] = undefined;
  }

  /** Releases every chunk that holds only indexes below `i`. */
  releaseBelow(i: number): void {
    const last = (i >>> CHUNK_BITS) - 1;
    for (let ci = 0; ci <= last; ci++) this.chunks[ci] = undefined;
  }

  clear(): void {
    this.chunks.length = 0;
  }

  /** Adds the chunks held to a snapshot, as `name.<chunk>`. */
  save(w: SnapshotWriter, name: string): void {
    w.value(`${name}.chunks`, this.chunks.length);
    for (let ci = 0; ci < this.chunks.length; ci++) {
      const c = this.chunks[ci];
      if (c) w.array(`${name}.${ci}`, c);
    }
  }

  /** Replaces the chunks with a snapshot's (`save`); a chunk of another type or size is refused. */
  restore(r: SnapshotReader, name: string): void {
    const n = r.number(`${name}.chunks`);
    this.chunks.length = 0;
    for (let ci = 0; ci < n; ci++) {
      if (!r.has(`${name}.${ci}`)) {
        this.chunks[ci] = undefined;
        continue;
      }
      const c = r.array(`${name}.${ci}`);
      if (c.length !== CHUNK || !this.accepts(c)) throw new SnapshotError(`snapshot column ${name} chunk ${ci} has the wrong shape`);
      this.chunks[ci] = c as T;
    }
  }

  /** Whether a snapshot chunk's array type is one this column holds. */
  protected accepts(c: Section): boolean {
    return c instanceof this.ctor;
  }

  bytes(): number {
    let n = 0;
    for (const c of this.chunks) if (c) n += c.byteLength;
    return n;
  }
}

export class ChunkedFloat64 extends Chunked<Float64Array> {
  constructor(fill = 0) {
    super(Float64Array, fill);
  }
}

export class ChunkedFloat32 extends Chunked<Float32Array> {
  constructor(fill = 0) {
    super(Float32Array, fill);
  }
}


/**
 * Unsigned integers that are nearly always below 65,536 (camera keys): a chunk holds 16-bit
 * values and widens to 32 bits only when a larger value arrives in it, so an agency's few
 * thousand cameras cost two bytes a read instead of four.
 */
export class ChunkedUint extends Chunked<Uint16Array | Uint32Array> {
  constructor() {
    super(Uint16Array, 0);
  }

  override set(i: number, v: number): void {
    if (v > 0xffff) this.widen(i >>> CHUNK_BITS);
    super.set(i, v);
  }

  protected override accepts(c: Section): boolean {
    return c instanceof Uint16Array || c instanceof Uint32Array;
  }
}
