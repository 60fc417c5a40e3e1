/**
 * An open-addressing hash table from a key to one integer slot, stored in two typed arrays.
 * Keys are not stored: the owner keeps them in its own columns and answers `equals(slot, key, skip)`.
 * This is what lets the hotlist index hold a million entries without a JS object or Map entry each.
 */

import { ocrFoldCode } from './plate.ts';

/** Whether the key held at `slot` equals `key` read without the character at `skip` (-1: whole key). */
export type SlotEquals = (slot: number, key: string, skip: number) => boolean;

const EMPTY = 0;
const DELETED = -1;

export class SlotTable {
  /** slot + 1, EMPTY or DELETED (a tombstone keeps later probes reachable). */
  #cells: Int32Array;
  #hashes: Int32Array;
  #mask: number;
  #live = 0;
  #used = 0;
  readonly #equals: SlotEquals;

  constructor(equals: SlotEquals) {
    this.#equals = equals;
    this.#cells = new Int32Array(16);
    this.#hashes = new Int32Array(16);
    this.#mask = 15;
  }

  get size(): number {
    return this.#live;
  }

  /** Sizes the table for `count` keys at once, so loading them never rehashes on the way. */
  reserve(count: number): void {
    if (count * 10 > this.#cells.length * 7) this.#rehash(count);
  }

  /** The slot stored under `key` (without the character at `skip`), or -1. */
  find(hash: number, key: string, skip = -1): number {
    const cells = this.#cells;
    const hashes = this.#hashes;
    const mask = this.#mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const c = cells[i];
      if (c === EMPTY) return -1;
      if (c > 0 && hashes[i] === hash && this.#equals(c - 1, key, skip)) return c - 1;
    }
  }

  /** Stores `slot` under `hash`; the caller guarantees its key is not in the table yet. */
  insert(hash: number, slot: number): void {
    // Grow (or just sweep tombstones) at 70% occupancy so probe runs stay short.
    if ((this.#used + 1) * 10 > this.#cells.length * 7) this.#rehash();
    const cells = this.#cells;
    const mask = this.#mask;
    let i = hash & mask;
    while (cells[i] > 0) i = (i + 1) & mask;
    if (cells[i] === EMPTY) this.#used++;
    cells[i] = slot + 1;
    this.#hashes[i] = hash;
    this.#live++;
  }

  /** Puts `next` where `slot` is stored under `hash`, or removes it when `next` < 0. */
  replace(hash: number, slot: number, next: number): boolean {
    const cells = this.#cells;
    const mask = this.#mask;
    for (let i = hash & mask; ; i = (i + 1) & mask) {
      const c = cells[i];
      if (c === EMPTY) return false;
      if (c === slot + 1) {
        if (next >= 0) {
          cells[i] = next + 1;
        } else {
          cells[i] = DELETED;
          this.#live--;
        }
        return true;
      }
    }
  }

  remove(hash: number, slot: number): boolean {
    return this.replace(hash, slot, -1);
  }

  #rehash(count = this.#live + 1): void {
    let capacity = 16;
    while (capacity < count * 2) capacity *= 2;
    const oldCells = this.#cells;
    const oldHashes = this.#hashes;
    const cells = new Int32Array(capacity);
    const hashes = new Int32Array(capacity);
    const mask = capacity - 1;
    for (let j = 0; j < oldCells.length; j++) {
      if (oldCells[j] <= 0) continue;
      let i = oldHashes[j] & mask;
      while (cells[i] !== EMPTY) i = (i + 1) & mask;
      cells[i] = oldCells[j];
      hashes[i] = oldHashes[j];
    }
    this.#cells = cells;
    this.#hashes = hashes;
    this.#mask = mask;
    this.#used = this.#live;
  }
}

/** FNV-1a step; the same sequence of codes always gives the same hash, from a string or from bytes. */
export function hashStep(h: number, code: number): number {
  return Math.imul(h ^ code, 0x01000193);
}

export const HASH_SEED = 0x811c9dc5 | 0;

/** Spreads FNV's weak low bits, which the table masks on. */
export function hashFinish(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** Hash of a string's code units. */
export function textHash(s: string): number {
  let h = HASH_SEED;
  for (let i = 0; i < s.length; i++) h = hashStep(h, s.charCodeAt(i));
  return hashFinish(h);
}

/** Hash of a plate's OCR key without the character at `skip` (-1: whole plate), allocation-free. */
export function foldedHash(plate: string, skip = -1): number {
  let h = HASH_SEED;
  for (let i = 0; i < plate.length; i++) if (i !== skip) h = hashStep(h, ocrFoldCode(plate.charCodeAt(i)));
  return hashFinish(h);
}
