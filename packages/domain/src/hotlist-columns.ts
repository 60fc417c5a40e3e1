/**
 * Columnar storage of hotlist entries for the in-memory index: one integer slot per entry,
 * typed-array columns, and the id and plate text packed as bytes in one buffer.
 * A million entries then cost a few typed arrays instead of a million objects and strings.
 */

import { ocrFoldCode } from './plate.ts';

export interface ColumnEntry {
  id: string;
  hotlistId: string;
  plate: string;
  state?: string;
  expiresAt?: number;
}

/** Record header value for an id kept in `#wideIds` (too long, or not Latin-1). */
const WIDE_ID = 255;
const MAX_INLINE_ID = 254;
export const MAX_PLATE_LENGTH = 255;

function isLatin1(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 255) return false;
  return true;
}

export class EntryColumns {
  /** Per record: id length (or WIDE_ID), plate length, id bytes, plate bytes. */
  #text = new Uint8Array(1 << 12);
  #textEnd = 0;
  #garbage = 0;
  #wideIds = new Map<number, string>();

  #offset = new Uint32Array(0);
  /** 1-based number into `#hotlists`; 0 marks a free slot. */
  #hotlist = new Uint32Array(0);
  /** 1-based number into `#states`; 0: state unknown. */
  #state = new Uint16Array(0);
  /** NaN when the entry never expires, which no `<= now` test ever passes. */
  expires = new Float64Array(0);
  /** Free for the index's use: it chains entries that share an OCR key through this column. */
  link = new Int32Array(0);

  #top = 0;
  #free: number[] = [];
  #live = 0;
  #hotlists: string[] = [''];
  #hotlistNumbers = new Map<string, number>();
  #states: string[] = [''];
  #stateNumbers = new Map<string, number>();

  get live(): number {
    return this.#live;
  }

  /** One past the highest slot ever used; slots below it may be free. */
  get top(): number {
    return this.#top;
  }

  /** Makes room for `count` more entries of about `textBytes` of id and plate each, ahead of a bulk load. */
  reserve(count: number, textBytes: number): void {
    const slots = this.#top + count;
    if (slots > this.#offset.length) this.#growSlots(slots);
    this.#reserveText(count * (2 + textBytes));
  }

  isLive(slot: number): boolean {
    return this.#hotlist[slot] !== 0;
  }

  /** Stores an entry whose plate is normalized, 1–255 characters, and returns its slot. */
  alloc(e: ColumnEntry): number {
    // Jurisdictions number a few dozen; this only guards the 16-bit column against garbage input.
    if (e.state !== undefined && this.#states.length > 0xffff && !this.#stateNumbers.has(e.state)) {
      throw new RangeError(`More than ${0xffff} distinct states in one hotlist index.`);
    }
    const state = e.state === undefined ? 0 : intern(e.state, this.#states, this.#stateNumbers);
    const slot = this.#free.length > 0 ? this.#free.pop()! : this.#newSlot();
    const inlineId = e.id.length <= MAX_INLINE_ID && isLatin1(e.id);
    const size = 2 + (inlineId ? e.id.length : 0) + e.plate.length;
    this.#reserveText(size);
    const text = this.#text;
    let at = this.#textEnd;
    this.#offset[slot] = at;
    text[at++] = inlineId ? e.id.length : WIDE_ID;
    text[at++] = e.plate.length;
    if (inlineId) for (let i = 0; i < e.id.length; i++) text[at++] = e.id.charCodeAt(i);
    else this.#wideIds.set(slot, e.id);
    for (let i = 0; i < e.plate.length; i++) text[at++] = e.plate.charCodeAt(i);
    this.#textEnd = at;
    this.#hotlist[slot] = this.hotlistNumber(e.hotlistId, true);
    this.#state[slot] = state;
    this.expires[slot] = e.expiresAt ?? NaN;
    this.#live++;
    return slot;
  }

  free(slot: number): void {
    this.#garbage += this.#recordSize(slot);
    this.#wideIds.delete(slot);
    this.#hotlist[slot] = 0;
    this.#free.push(slot);
    this.#live--;
    // Compacting only once garbage outweighs live text keeps the copying amortized O(1) per removal.
    if (this.#garbage > 1 << 16 && this.#garbage * 2 > this.#textEnd) this.#compact();
  }

  /** The hotlist's number in the `hotlistOf` column; 0 when unknown and `create` is false. */
  hotlistNumber(hotlistId: string, create = false): number {
    const n = this.#hotlistNumbers.get(hotlistId);
    if (n !== undefined || !create) return n ?? 0;
    return intern(hotlistId, this.#hotlists, this.#hotlistNumbers);
  }

  hotlistOf(slot: number): number {
    return this.#hotlist[slot];
  }

  idEquals(slot: number, id: string): boolean {
    const at = this.#offset[slot];
    const len = this.#text[at];
    if (len === WIDE_ID) return this.#wideIds.get(slot) === id;
    if (len !== id.length) return false;
    for (let i = 0; i < len; i++) if (this.#text[at + 2 + i] !== id.charCodeAt(i)) return false;
    return true;
  }

  plateEquals(slot: number, plate: string): boolean {
    const start = this.#plateStart(slot);
    const len = this.#text[this.#offset[slot] + 1];
    if (len !== plate.length) return false;
    for (let i = 0; i < len; i++) if (this.#text[start + i] !== plate.charCodeAt(i)) return false;
    return true;
  }

  /** Whether the slot's OCR key equals `key`'s OCR key read without the character at `skip`. */
  plateFoldEquals(slot: number, key: string, skip: number): boolean {
    const start = this.#plateStart(slot);
    const len = this.#text[this.#offset[slot] + 1];
    if (len !== key.length - (skip >= 0 ? 1 : 0)) return false;
    for (let i = 0; i < len; i++) {
      const k = skip >= 0 && i >= skip ? i + 1 : i;
      if (ocrFoldCode(this.#text[start + i]) !== ocrFoldCode(key.charCodeAt(k))) return false;
    }
    return true;
  }

  idOf(slot: number): string {
    const at = this.#offset[slot];
    const len = this.#text[at];
    return len === WIDE_ID ? this.#wideIds.get(slot)! : this.#decode(at + 2, len);
  }

  plateOf(slot: number): string {
    return this.#decode(this.#plateStart(slot), this.#text[this.#offset[slot] + 1]);
  }

  hotlistIdOf(slot: number): string {
    return this.#hotlists[this.#hotlist[slot]];
  }

  stateOf(slot: number): string | undefined {
    const n = this.#state[slot];
    return n === 0 ? undefined : this.#states[n];
  }

  #plateStart(slot: number): number {
    const at = this.#offset[slot];
    const idLen = this.#text[at];
    return at + 2 + (idLen === WIDE_ID ? 0 : idLen);
  }

  #recordSize(slot: number): number {
    return this.#plateStart(slot) - this.#offset[slot] + this.#text[this.#offset[slot] + 1];
  }

  #decode(start: number, len: number): string {
    let s = '';
    for (let i = 0; i < len; i++) s += String.fromCharCode(this.#text[start + i]);
    return s;
  }

  #newSlot(): number {
    if (this.#top === this.#offset.length) this.#growSlots(Math.max(1024, Math.ceil(this.#offset.length * 1.5)));
    return this.#top++;
  }

  #growSlots(capacity: number): void {
    this.#offset = grow(this.#offset, new Uint32Array(capacity));
    this.#hotlist = grow(this.#hotlist, new Uint32Array(capacity));
    this.#state = grow(this.#state, new Uint16Array(capacity));
    this.expires = grow(this.expires, new Float64Array(capacity));
    this.link = grow(this.link, new Int32Array(capacity));
  }

  #reserveText(size: number): void {
    if (this.#textEnd + size <= this.#text.length) return;
    const capacity = Math.max(this.#textEnd + size, Math.ceil(this.#text.length * 1.5));
    this.#text = grow(this.#text, new Uint8Array(capacity));
  }

  #compact(): void {
    const live = this.#textEnd - this.#garbage;
    const text = new Uint8Array(Math.max(1 << 12, Math.ceil(live * 1.25)));
    let end = 0;
    for (let slot = 0; slot < this.#top; slot++) {
      if (this.#hotlist[slot] === 0) continue;
      const at = this.#offset[slot];
      const size = this.#recordSize(slot);
      text.set(this.#text.subarray(at, at + size), end);
      this.#offset[slot] = end;
      end += size;
    }
    this.#text = text;
    this.#textEnd = end;
    this.#garbage = 0;
  }
}

function grow<T extends Uint8Array | Uint16Array | Uint32Array | Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from as never);
  return to;
}

function intern(value: string, names: string[], numbers: Map<string, number>): number {
  let n = numbers.get(value);
  if (n === undefined) {
    n = names.length;
    names.push(value);
    numbers.set(value, n);
  }
  return n;
}
