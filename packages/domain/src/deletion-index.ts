/**
 * Symmetric-deletion index for one-edit matching: every listed plate is filed under the hash of
 * each of its single-character deletions (on the OCR-folded text). Keys are hashes only, so a
 * lookup returns candidates that the caller must confirm; collisions cost a check, never a miss.
 */

import { SlotTable, foldedHash } from './slot-table.ts';
import { ocrFoldCode } from './plate.ts';

export class DeletionIndex {
  /** hash → head posting; every posting under one hash shares the key, so equality is the hash. */
  #heads = new SlotTable(() => true);
  #postSlot = new Int32Array(1024);
  #postNext = new Int32Array(1024);
  #postTop = 0;
  #postFree = -1;

  /** Files `slot` under each distinct deletion of `plate`. */
  add(plate: string, slot: number): void {
    for (let d = 0; d < plate.length; d++) {
      if (repeatsPrevious(plate, d)) continue;
      const hash = foldedHash(plate, d);
      const p = this.#newPosting(slot);
      const head = this.#heads.find(hash, '');
      if (head < 0) {
        this.#postNext[p] = -1;
        this.#heads.insert(hash, p);
      } else {
        // Linking after the head leaves the table cell untouched.
        this.#postNext[p] = this.#postNext[head];
        this.#postNext[head] = p;
      }
    }
  }

  /** Withdraws what `add(plate, slot)` filed. */
  remove(plate: string, slot: number): void {
    for (let d = 0; d < plate.length; d++) {
      if (repeatsPrevious(plate, d)) continue;
      const hash = foldedHash(plate, d);
      const head = this.#heads.find(hash, '');
      if (head < 0) continue;
      if (this.#postSlot[head] === slot) {
        this.#heads.replace(hash, head, this.#postNext[head]);
        this.#freePosting(head);
        continue;
      }
      for (let prev = head, p = this.#postNext[head]; p >= 0; prev = p, p = this.#postNext[p]) {
        if (this.#postSlot[p] !== slot) continue;
        this.#postNext[prev] = this.#postNext[p];
        this.#freePosting(p);
        break;
      }
    }
  }

  /** First posting filed under `hash`, or -1; walk on with `next`, read with `slotOf`. */
  first(hash: number): number {
    return this.#heads.find(hash, '');
  }

  next(posting: number): number {
    return this.#postNext[posting];
  }

  slotOf(posting: number): number {
    return this.#postSlot[posting];
  }

  #newPosting(slot: number): number {
    let p = this.#postFree;
    if (p >= 0) {
      this.#postFree = this.#postNext[p];
    } else {
      if (this.#postTop === this.#postSlot.length) {
        const capacity = Math.ceil(this.#postSlot.length * 1.5);
        const slots = new Int32Array(capacity);
        const next = new Int32Array(capacity);
        slots.set(this.#postSlot);
        next.set(this.#postNext);
        this.#postSlot = slots;
        this.#postNext = next;
      }
      p = this.#postTop++;
    }
    this.#postSlot[p] = slot;
    return p;
  }

  #freePosting(p: number): void {
    this.#postNext[p] = this.#postFree;
    this.#postFree = p;
  }
}

/** Deleting either of two equal neighbours yields the same text; file it once. */
export function repeatsPrevious(plate: string, d: number): boolean {
  return d > 0 && ocrFoldCode(plate.charCodeAt(d)) === ocrFoldCode(plate.charCodeAt(d - 1));
}
