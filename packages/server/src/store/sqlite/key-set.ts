/**
 * The idempotency index of the embedded store: (source, sourceEventId) → read id, for every
 * stored read, in 8 bytes a slot (a 32-bit hash and the 32-bit id) instead of a string map
 * (which would cost ~100 bytes a read) or a unique B-tree on disk (which would halve ingest).
 *
 * A hash is not proof: a candidate is confirmed through `keyOf(id)`, which reads the stored
 * key back, so a collision costs a lookup, never a lost read.
 */

import { SnapshotError, type SnapshotReader, type SnapshotWriter } from './snapshot-file.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, FNV_PRIME);
  }
  return h;
}

function finish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** 32-bit FNV-1a with a murmur3 finalizer, over the UTF-16 code units of `s`. */
export function hash32(s: string): number {
  return finish(fnv(FNV_OFFSET, s));
}

/**
 * `hash32` of a read's key, `${source}\u0000${eventId}`, without building the string: at ingest
 * the string is needed only when a hash is already taken (a duplicate, rarely a collision).
 */
export function eventKeyHash(source: number, eventId: string): number {
  return finish(fnv(Math.imul(fnv(FNV_OFFSET, String(source)), FNV_PRIME), eventId));
}

/** Shards, chosen by the hash's top bits: each grows on its own, so a resize stalls ingest for
 * 1/256 of the keys (milliseconds at 10M reads) instead of rehashing them all at once (a second). */
const SHARD_BITS = 8;
const SHARDS = 1 << SHARD_BITS;

export class KeySet {
  private readonly hashes: Uint32Array[] = [];
  private readonly ids: Uint32Array[] = [];
  private readonly masks = new Uint32Array(SHARDS);
  private readonly used = new Uint32Array(SHARDS);
  private total = 0;

  constructor(initialCapacity = 1 << 12) {
    let cap = 1 << 4;
    while (cap * SHARDS < initialCapacity) cap <<= 1;
    for (let s = 0; s < SHARDS; s++) {
      this.hashes.push(new Uint32Array(cap));
      this.ids.push(new Uint32Array(cap));
      this.masks[s] = cap - 1;
    }
  }

  get size(): number {
    return this.total;
  }

  /** The id stored under `key`, or 0. `keyOf(id)` returns the key stored for an id. */
  find(key: string, keyOf: (id: number) => string | undefined): number {
    return this.findHash(hash32(key), (id) => keyOf(id) === key);
  }

  /** The id stored under the key whose hash is `h` and for whose id `isKey(id)` is true, or 0. */
  findHash(h: number, isKey: (id: number) => boolean): number {
    const s = h >>> (32 - SHARD_BITS);
    const hashes = this.hashes[s];
    const ids = this.ids[s];
    const mask = this.masks[s];
    for (let i = h & mask; ; i = (i + 1) & mask) {
      const id = ids[i];
      if (id === 0) return 0;
      if (hashes[i] === h && isKey(id)) return id;
    }
  }

  /** Records `key` → `id` (id > 0). The caller has checked that the key is new. */
  add(key: string, id: number): void {
    this.addHash(hash32(key), id);
  }

  /** `add` for a key already hashed (`hash32` or `eventKeyHash`). */
  addHash(h: number, id: number): void {
    const s = h >>> (32 - SHARD_BITS);
    if ((this.used[s] + 1) * 10 > (this.masks[s] + 1) * 7) this.resize(s);
    this.put(s, h, id);
    this.used[s]++;
    this.total++;
  }

  /**
   * Forgets `key` → `id` (retention deleted the read), so the key is new again. Later entries of
   * the probe run shift back into the hole, so lookups never meet tombstones. False when absent.
   */
  remove(key: string, id: number): boolean {
    return this.removeHash(hash32(key), id);
  }

  /** `remove` for a key already hashed (`hash32` or `eventKeyHash`). */
  removeHash(h: number, id: number): boolean {
    const s = h >>> (32 - SHARD_BITS);
    const hashes = this.hashes[s];
    const ids = this.ids[s];
    const mask = this.masks[s];
    let hole = h & mask;
    for (; ; hole = (hole + 1) & mask) {
      if (ids[hole] === 0) return false;
      if (ids[hole] === id && hashes[hole] === h) break;
    }
    for (let j = (hole + 1) & mask; ids[j] !== 0; j = (j + 1) & mask) {
      // the entry at j may fill the hole when its home slot is not after the hole (cyclically)
      const home = hashes[j] & mask;
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        hashes[hole] = hashes[j];
        ids[hole] = ids[j];
        hole = j;
      }
    }
    hashes[hole] = 0;
    ids[hole] = 0;
    this.used[s]--;
    this.total--;
    return true;
  }

  bytes(): number {
    let n = 0;
    for (let s = 0; s < SHARDS; s++) n += this.hashes[s].byteLength + this.ids[s].byteLength;
    return n;
  }

  /** Adds the set to a snapshot: every shard's slots one after another, and the shards' sizes. */
  save(w: SnapshotWriter, name: string): void {
    const hashes = new Uint32Array(this.bytes() / 8);
    const ids = new Uint32Array(hashes.length);
    let at = 0;
    for (let s = 0; s < SHARDS; s++) {
      hashes.set(this.hashes[s], at);
      ids.set(this.ids[s], at);
      at += this.hashes[s].length;
    }
    w.array(`${name}.hashes`, hashes, true);
    w.array(`${name}.ids`, ids, true);
    w.array(`${name}.masks`, this.masks);
    w.array(`${name}.used`, this.used);
  }

  /** A set with a snapshot's contents (`save`); each shard is a view into the loaded slots until it grows. */
  static restore(r: SnapshotReader, name: string): KeySet {
    const hashes = r.array(`${name}.hashes`, 'u32');
    const ids = r.array(`${name}.ids`, 'u32');
    const masks = r.array(`${name}.masks`, 'u32');
    const used = r.array(`${name}.used`, 'u32');
    if (masks.length !== SHARDS || used.length !== SHARDS || ids.length !== hashes.length) throw new SnapshotError(`snapshot key set ${name} has the wrong shape`);
    const set = new KeySet(0);
    let at = 0;
    for (let s = 0; s < SHARDS; s++) {
      const cap = masks[s] + 1;
      if ((cap & masks[s]) !== 0 || at + cap > hashes.length) throw new SnapshotError(`snapshot key set ${name} shard ${s} does not fit`);
      set.hashes[s] = hashes.subarray(at, at + cap);
      set.ids[s] = ids.subarray(at, at + cap);
      at += cap;
    }
    if (at !== hashes.length) throw new SnapshotError(`snapshot key set ${name} has slots left over`);
    set.masks.set(masks);
    set.used.set(used);
    set.total = used.reduce((n, u) => n + u, 0);
    return set;
  }

  private put(s: number, h: number, id: number): void {
    const hashes = this.hashes[s];
    const ids = this.ids[s];
    const mask = this.masks[s];
    let i = h & mask;
    while (ids[i] !== 0) i = (i + 1) & mask;
    hashes[i] = h;
    ids[i] = id;
  }

  private resize(s: number): void {
    const oldH = this.hashes[s];
    const oldI = this.ids[s];
    const cap = oldH.length * 2;
    this.hashes[s] = new Uint32Array(cap);
    this.ids[s] = new Uint32Array(cap);
    this.masks[s] = cap - 1;
    for (let i = 0; i < oldI.length; i++) if (oldI[i] !== 0) this.put(s, oldH[i], oldI[i]);
  }
}
