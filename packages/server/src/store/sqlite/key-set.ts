/**
 * The idempotency index of the embedded store: (source, sourceEventId) → read id, for every
 * stored read, in 8 bytes a slot (a 32-bit hash and the 32-bit id) instead of a string map
 * (which would cost ~100 bytes a read) or a unique B-tree on disk (which would halve ingest).
 *
 * A hash is not proof: a candidate is confirmed through `keyOf(id)`, which reads the stored
 * key back, so a collision costs a lookup, never a lost read.
 */

/** 32-bit FNV-1a with a murmur3 finalizer, over the UTF-16 code units of `s`. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export class KeySet {
  private hashes: Uint32Array;
  private ids: Uint32Array;
  private mask: number;
  private used = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 1 << 4;
    while (cap < initialCapacity) cap <<= 1;
    this.hashes = new Uint32Array(cap);
    this.ids = new Uint32Array(cap);
    this.mask = cap - 1;
  }

  get size(): number {
    return this.used;
  }

  /** The id stored under `key`, or 0. `keyOf(id)` returns the key stored for an id. */
  find(key: string, keyOf: (id: number) => string | undefined): number {
    const h = hash32(key);
    for (let i = h & this.mask; ; i = (i + 1) & this.mask) {
      const id = this.ids[i];
      if (id === 0) return 0;
      if (this.hashes[i] === h && keyOf(id) === key) return id;
    }
  }

  /** Records `key` → `id` (id > 0). The caller has checked that the key is new. */
  add(key: string, id: number): void {
    if ((this.used + 1) * 10 > (this.mask + 1) * 7) this.resize();
    this.put(hash32(key), id);
    this.used++;
  }

  /** Forgets every id for which `drop(id)` is true (after retention), rebuilding the table. */
  removeWhere(drop: (id: number) => boolean): void {
    const oldH = this.hashes;
    const oldI = this.ids;
    this.hashes = new Uint32Array(oldH.length);
    this.ids = new Uint32Array(oldI.length);
    this.used = 0;
    for (let i = 0; i < oldI.length; i++) {
      if (oldI[i] !== 0 && !drop(oldI[i])) {
        this.put(oldH[i], oldI[i]);
        this.used++;
      }
    }
  }

  bytes(): number {
    return this.hashes.byteLength + this.ids.byteLength;
  }

  private put(h: number, id: number): void {
    let i = h & this.mask;
    while (this.ids[i] !== 0) i = (i + 1) & this.mask;
    this.hashes[i] = h;
    this.ids[i] = id;
  }

  private resize(): void {
    const oldH = this.hashes;
    const oldI = this.ids;
    const cap = oldH.length * 2;
    this.hashes = new Uint32Array(cap);
    this.ids = new Uint32Array(cap);
    this.mask = cap - 1;
    for (let i = 0; i < oldI.length; i++) if (oldI[i] !== 0) this.put(oldH[i], oldI[i]);
  }
}
