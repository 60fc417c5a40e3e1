/**
 * In-memory dictionary of distinct plates for read search: dense ids, exact lookup, wildcard
 * patterns and one-edit fuzzy matching over millions of plates in well under a millisecond.
 *
 * Layout, chosen to stay near 50 bytes per plate with nothing per plate on the JS heap:
 * - plates packed in fixed 10-byte slots of one byte buffer, lengths beside them;
 * - an open-addressing hash (Uint32Array of id + 1) from plate to id;
 * - one posting list per trigram of the OCR-folded plate padded with `^` and `$`, so anchored
 *   patterns (`AB?1234`, `ABC*`) and fuzzy prefixes/suffixes have grams to look up. Ids are
 *   dense and only ever appended, so every posting list is sorted without extra work.
 * Postings hold folded grams (O/0/Q/D … share one symbol) so that one index serves both the
 * literal patterns (verified against the raw bytes) and the OCR-folded fuzzy search.
 */
import { normalizePlate, ocrKey } from './plate.ts';

const SLOT = 10;
const MAX_LOAD = 0.7;
const EMPTY = new Uint32Array(0);
/** Once this few candidates remain, verifying them is cheaper than intersecting further. */
const FEW = 16;

/** Byte → folded symbol (0 … n-1), −1 when not a plate character. Built from `ocrKey` so both agree. */
const SYM = new Int8Array(128).fill(-1);
const SYMBOLS = (() => {
  const reps = new Map<string, number>();
  for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') {
    const rep = ocrKey(ch);
    if (!reps.has(rep)) reps.set(rep, reps.size);
    SYM[ch.charCodeAt(0)] = reps.get(rep)!;
  }
  return reps.size;
})();
const START = SYMBOLS;
const END = SYMBOLS + 1;
const BASE = SYMBOLS + 2;
const WILD = -1;

const gram = (a: number, b: number, c: number): number => (a * BASE + b) * BASE + c;

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A wildcard pattern split at `*`; `?` is stored as 0 inside the parts. */
interface Glob {
  parts: Uint8Array[];
  star: boolean;
  minLen: number;
  grams: number[];
}

function compileGlob(p: string): Glob {
  const star = p.includes('*');
  const parts = p.split('*').map((s) => Uint8Array.from(s, (ch) => (ch === '?' ? 0 : ch.charCodeAt(0))));
  const tokens: number[] = p.startsWith('*') ? [] : [START];
  for (let i = 0; i < p.length; i++) tokens.push(p[i] === '?' || p[i] === '*' ? WILD : SYM[p.charCodeAt(i)]);
  if (!p.endsWith('*')) tokens.push(END);
  const grams: number[] = [];
  for (let i = 0; i + 2 < tokens.length; i++) {
    const [a, b, c] = [tokens[i], tokens[i + 1], tokens[i + 2]];
    if (a !== WILD && b !== WILD && c !== WILD) grams.push(gram(a, b, c));
  }
  return { parts, star, minLen: parts.reduce((n, s) => n + s.length, 0), grams };
}

function grown<T extends Uint8Array | Uint32Array>(a: T, length: number): T {
  const next = new (a.constructor as new (n: number) => T)(length);
  next.set(a);
  return next;
}

/** Sorted-list intersection, galloping through `b` because `a` is the shorter list. */
function intersect(a: Uint32Array, b: Uint32Array, bLen: number): Uint32Array {
  const out = new Uint32Array(Math.min(a.length, bLen));
  let k = 0, j = 0;
  for (let i = 0; i < a.length && j < bLen; i++) {
    const x = a[i];
    if (b[j] < x) {
      let step = 1, hi = j + 1;
      while (hi < bLen && b[hi] < x) {
        j = hi;
        step <<= 1;
        hi = j + step;
      }
      let lo = j + 1;
      hi = Math.min(hi, bLen);
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (b[mid] < x) lo = mid + 1;
        else hi = mid;
      }
      j = lo;
    }
    if (j < bLen && b[j] === x) {
      out[k++] = x;
      j++;
    }
  }
  return out.subarray(0, k);
}

/** Merges two ascending id lists, dropping duplicates. */
function union(a: Uint32Array, b: Uint32Array): Uint32Array {
  const out = new Uint32Array(a.length + b.length);
  let i = 0, j = 0, k = 0;
  while (i < a.length && j < b.length) {
    if (a[i] < b[j]) out[k++] = a[i++];
    else if (a[i] > b[j]) out[k++] = b[j++];
    else {
      out[k++] = a[i++];
      j++;
    }
  }
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out.slice(0, k);
}

/** A dictionary's contents as flat arrays (`toState`), for saving and loading it whole. */
export interface PlateDictionaryState {
  count: number;
  /** 10-byte slots, one per id (at least `count`). */
  bytes: Uint8Array;
  /** Plate length per id; 0 for a reserved id. */
  lens: Uint8Array;
  /** The open-addressing table (id + 1 per slot; a power-of-two length). */
  table: Uint32Array;
  /** Postings per trigram: their lengths, and the lists one after another in trigram order. */
  listLen: Uint32Array;
  postings: Uint32Array;
  /** Ids of plates of at most 4 characters. */
  short: Uint32Array;
}

/**
 * Distinct normalized plates (A–Z0–9, 1–10 characters) with dense ids and indexed search.
 * Adding a known plate is one hash probe; adding a new one appends to one posting list per
 * character. Queries and adds may interleave freely (every call runs to completion).
 * @example
 * const dict = new PlateDictionary();
 * dict.add('ABC1234'); // 0
 * dict.matchPattern('AB?1234'); // Uint32Array [0]
 * dict.matchFuzzy('A8C1Z34'); // Uint32Array [0]  (B/8 folded, one edit)
 */
export class PlateDictionary {
  #bytes: Uint8Array;
  #lens: Uint8Array;
  #count = 0;
  #table: Uint32Array;
  #mask: number;
  #lists: Uint32Array[] = new Array<Uint32Array>(BASE * BASE * BASE).fill(EMPTY);
  #listLen = new Uint32Array(BASE * BASE * BASE);
  #listBytes = 0;
  #allocatedLists = 0;
  /** Plates of ≤ 4 characters: fuzzy queries of ≤ 3 characters have too few grams, so scan these. */
  #short = new Uint32Array(64);
  #shortLen = 0;
  #hash = 0;

  /** @param expectedPlates presizes the buffers (optional; they grow as needed). */
  constructor(expectedPlates = 0) {
    const cap = Math.max(1024, expectedPlates);
    this.#bytes = new Uint8Array(cap * SLOT);
    this.#lens = new Uint8Array(cap);
    let tableSize = 2048;
    while (tableSize * MAX_LOAD < cap) tableSize *= 2;
    this.#table = new Uint32Array(tableSize);
    this.#mask = tableSize - 1;
  }

  get size(): number {
    return this.#count;
  }

  /** Returns the dense id (0, 1, 2 …) of the plate, adding it if new. Throws RangeError on a non-normalized plate. */
  add(plate: string): number {
    const found = this.#lookup(plate);
    if (found >= 0) return found;
    if (found === -2) throw new RangeError(`not a normalized plate (A-Z0-9, 1-${SLOT} characters): ${JSON.stringify(plate)}`);
    const id = this.#count;
    if (id === this.#lens.length) this.#growSlots();
    if (id + 1 > this.#table.length * MAX_LOAD) this.#growTable();
    const n = plate.length;
    const o = id * SLOT;
    for (let i = 0; i < n; i++) this.#bytes[o + i] = plate.charCodeAt(i);
    this.#lens[id] = n;
    this.#count = id + 1;
    this.#insert(this.#hash, id);
    let a = START;
    let b = SYM[plate.charCodeAt(0)];
    for (let i = 1; i <= n; i++) {
      const c = i < n ? SYM[plate.charCodeAt(i)] : END;
      this.#append(gram(a, b, c), id);
      a = b;
      b = c;
    }
    if (n <= 4) {
      if (this.#shortLen === this.#short.length) this.#short = grown(this.#short, this.#short.length * 2);
      this.#short[this.#shortLen++] = id;
    }
    return id;
  }

  /**
   * Takes the next id without a plate: the place of a plate whose text was erased (retention),
   * so the ids after it keep their numbers. Nothing finds it; its text is the empty string.
   */
  reserve(): number {
    const id = this.#count;
    if (id === this.#lens.length) this.#growSlots();
    this.#lens[id] = 0;
    this.#count = id + 1;
    return id;
  }

  /** The id of a plate already added, or undefined. */
  id(plate: string): number | undefined {
    const found = this.#lookup(plate);
    return found >= 0 ? found : undefined;
  }

  /** The plate text of an id returned by `add`. */
  plate(id: number): string {
    if (!Number.isInteger(id) || id < 0 || id >= this.#count) throw new RangeError(`unknown plate id ${id}`);
    const o = id * SLOT;
    let s = '';
    for (let i = 0; i < this.#lens[id]; i++) s += String.fromCharCode(this.#bytes[o + i]);
    return s;
  }

  /**
   * Ids (ascending) of plates matching a pattern: `?` exactly one character, `*` any run
   * (possibly empty); no wildcard means exact. Letters are upper-cased; characters other than
   * A–Z, 0–9, `?` and `*` are ignored. Patterns without three consecutive known characters
   * (counting the plate's start and end as one) are answered by a scan.
   * @example dict.matchPattern('*C12*') // every plate containing C12
   */
  matchPattern(pattern: string): Uint32Array {
    const p = pattern.toUpperCase().replace(/[^A-Z0-9?*]/g, '').replace(/\*+/g, '*');
    if (!/[?*]/.test(p)) {
      const found = this.#lookup(p);
      return found >= 0 ? Uint32Array.of(found) : new Uint32Array(0);
    }
    const glob = compileGlob(p);
    if (glob.grams.length === 0) return this.#scan(glob);
    const cand = this.#candidates(glob.grams);
    const out = new Uint32Array(cand.length);
    let k = 0;
    for (let i = 0; i < cand.length; i++) if (this.#matchesGlob(glob, cand[i])) out[k++] = cand[i];
    return out.slice(0, k);
  }

  /**
   * Ids (ascending) of plates P with Levenshtein(ocrKey(Q), ocrKey(P)) ≤ 1: exact,
   * OCR-equivalent and one-edit readings, with full recall. The query is normalized first.
   * @example dict.matchFuzzy('ABC1Z34') // ABC1234, A8C1234, ABC134, ABC12345 …
   */
  matchFuzzy(plate: string): Uint32Array {
    const text = normalizePlate(plate);
    const m = text.length;
    if (m > SLOT + 1) return new Uint32Array(0);
    const q = Int8Array.from(text, (ch) => SYM[ch.charCodeAt(0)]);
    if (m <= 3) return this.#verifyFuzzy(q, this.#short.subarray(0, this.#shortLen)).slice();
    // A one-edit neighbour keeps either the first k or the last m − k characters intact, so
    // it starts with ^q[0,k) or ends with q[k,m)$; pick the k whose rarest grams are rarest.
    const pre = [gram(START, q[0], q[1])];
    for (let i = 2; i < m; i++) pre.push(gram(q[i - 2], q[i - 1], q[i]));
    const suf = [gram(q[m - 2], q[m - 1], END)];
    for (let i = m - 3; i >= 0; i--) suf.push(gram(q[i], q[i + 1], q[i + 2]));
    let best = 2;
    let bestCost = Infinity;
    for (let k = 2; k <= m - 2; k++) {
      const cost = this.#rarest(pre.slice(0, k - 1)) + this.#rarest(suf.slice(0, m - k - 1));
      if (cost < bestCost) {
        bestCost = cost;
        best = k;
      }
    }
    const head = this.#verifyFuzzy(q, this.#candidates(pre.slice(0, best - 1)));
    const tail = this.#verifyFuzzy(q, this.#candidates(suf.slice(0, m - best - 1)));
    return union(head, tail);
  }

  /**
   * The contents as flat arrays, copied. Ids in `without` come out reserved, as if their text
   * had been erased: no text, no postings, not in the table.
   */
  toState(without: ReadonlySet<number> = new Set()): PlateDictionaryState {
    const gone = new Uint8Array(this.#count);
    for (const id of without) if (id >= 0 && id < this.#count) gone[id] = 1;
    const bytes = this.#bytes.slice();
    const lens = this.#lens.slice();
    for (let id = 0; id < this.#count; id++) {
      if (gone[id] === 0) continue;
      bytes.fill(0, id * SLOT, id * SLOT + SLOT);
      lens[id] = 0;
    }
    const listLen = new Uint32Array(this.#listLen.length);
    let total = 0;
    for (let g = 0; g < listLen.length; g++) total += this.#listLen[g];
    const postings = new Uint32Array(total);
    let k = 0;
    for (let g = 0; g < listLen.length; g++) {
      const list = this.#lists[g];
      const start = k;
      for (let i = 0; i < this.#listLen[g]; i++) if (gone[list[i]] === 0) postings[k++] = list[i];
      listLen[g] = k - start;
    }
    const short = this.#short.slice(0, this.#shortLen).filter((id) => gone[id] === 0);
    let table: Uint32Array = this.#table.slice();
    if (without.size > 0) {
      // a table that finds only the plates kept
      const kept = new PlateDictionary();
      kept.#bytes = bytes;
      kept.#lens = lens;
      kept.#count = this.#count;
      kept.#table = new Uint32Array(this.#table.length);
      kept.#mask = this.#mask;
      kept.#rehash();
      table = kept.#table;
    }
    return { count: this.#count, bytes, lens, table, listLen, postings: k === total ? postings : postings.slice(0, k), short };
  }

  /** A dictionary with the contents of `toState` (the arrays are taken over, not copied). */
  static fromState(s: PlateDictionaryState): PlateDictionary {
    const n = BASE * BASE * BASE;
    const size = s.table.length;
    if (s.listLen.length !== n || size < 2048 || (size & (size - 1)) !== 0 || s.lens.length < s.count || s.bytes.length < s.lens.length * SLOT) {
      throw new RangeError('plate dictionary state does not fit together');
    }
    const d = new PlateDictionary();
    d.#bytes = s.bytes.length === s.lens.length * SLOT ? s.bytes : s.bytes.slice(0, s.lens.length * SLOT);
    d.#lens = s.lens;
    d.#count = s.count;
    d.#table = s.table;
    d.#mask = size - 1;
    let at = 0;
    for (let g = 0; g < n; g++) {
      const len = s.listLen[g];
      if (len === 0) continue;
      if (at + len > s.postings.length) throw new RangeError('plate dictionary postings cut short');
      // each list its own array with room to grow, as `add` leaves them
      const list = new Uint32Array(len + (len >>> 1) + 4);
      list.set(s.postings.subarray(at, at + len));
      d.#lists[g] = list;
      d.#listLen[g] = len;
      d.#listBytes += list.byteLength;
      d.#allocatedLists++;
      at += len;
    }
    if (at !== s.postings.length) throw new RangeError('plate dictionary postings do not add up');
    d.#short = new Uint32Array(Math.max(64, s.short.length * 2));
    d.#short.set(s.short);
    d.#shortLen = s.short.length;
    return d;
  }

  /** Approximate bytes held by the buffers, postings and their object headers. */
  memoryBytes(): number {
    return (
      this.#bytes.byteLength +
      this.#lens.byteLength +
      this.#table.byteLength +
      this.#listLen.byteLength +
      this.#lists.length * 8 +
      this.#listBytes +
      this.#allocatedLists * 96 +
      this.#short.byteLength
    );
  }

  /** Id when present, −1 when absent (leaving its hash in #hash), −2 when not a normalized plate. */
  #lookup(plate: string): number {
    const n = plate.length;
    if (n === 0 || n > SLOT) return -2;
    let h = 0x811c9dc5;
    for (let i = 0; i < n; i++) {
      const c = plate.charCodeAt(i);
      if (c >= 128 || SYM[c] < 0) return -2;
      h = Math.imul(h ^ c, 0x01000193);
    }
    h = fmix(h);
    this.#hash = h;
    const table = this.#table;
    const bytes = this.#bytes;
    for (let i = h & this.#mask; ; i = (i + 1) & this.#mask) {
      const e = table[i];
      if (e === 0) return -1;
      const id = e - 1;
      if (this.#lens[id] !== n) continue;
      const o = id * SLOT;
      let same = true;
      for (let k = 0; k < n && same; k++) same = bytes[o + k] === plate.charCodeAt(k);
      if (same) return id;
    }
  }

  #insert(h: number, id: number): void {
    let i = h & this.#mask;
    while (this.#table[i] !== 0) i = (i + 1) & this.#mask;
    this.#table[i] = id + 1;
  }

  #growSlots(): void {
    this.#bytes = grown(this.#bytes, this.#bytes.length * 2);
    this.#lens = grown(this.#lens, this.#lens.length * 2);
  }

  #growTable(): void {
    this.#table = new Uint32Array(this.#table.length * 2);
    this.#mask = this.#table.length - 1;
    this.#rehash();
  }

  /** Enters every plate into the (empty) table. */
  #rehash(): void {
    for (let id = 0; id < this.#count; id++) {
      if (this.#lens[id] === 0) continue; // a reserved id: nothing to find
      const o = id * SLOT;
      let h = 0x811c9dc5;
      for (let k = 0; k < this.#lens[id]; k++) h = Math.imul(h ^ this.#bytes[o + k], 0x01000193);
      this.#insert(fmix(h), id);
    }
  }

  #append(g: number, id: number): void {
    const len = this.#listLen[g];
    let list = this.#lists[g];
    if (len > 0 && list[len - 1] === id) return; // gram repeated within one plate
    if (len === list.length) {
      // 1.5× growth: amortized O(1) copies with less slack than doubling.
      const next = grown(list, len < 4 ? 4 : len + (len >>> 1));
      this.#listBytes += next.byteLength - list.byteLength;
      if (len === 0) this.#allocatedLists++;
      this.#lists[g] = list = next;
    }
    list[len] = id;
    this.#listLen[g] = len + 1;
  }

  #rarest(grams: number[]): number {
    let min = Infinity;
    for (const g of grams) min = Math.min(min, this.#listLen[g]);
    return min;
  }

  /** Ids holding every gram: intersect from the rarest list up while candidates are many. */
  #candidates(grams: number[]): Uint32Array {
    const order = [...new Set(grams)].sort((x, y) => this.#listLen[x] - this.#listLen[y]);
    let cand = this.#lists[order[0]].subarray(0, this.#listLen[order[0]]);
    for (let i = 1; i < order.length && cand.length > FEW; i++) {
      cand = intersect(cand, this.#lists[order[i]], this.#listLen[order[i]]);
    }
    return cand;
  }

  #matchesGlob(g: Glob, id: number): boolean {
    const n = this.#lens[id];
    const o = id * SLOT;
    const parts = g.parts;
    if (!g.star) return n === g.minLen && this.#partAt(parts[0], o);
    if (n < g.minLen) return false;
    const last = parts[parts.length - 1];
    const end = n - last.length;
    if (!this.#partAt(parts[0], o) || !this.#partAt(last, o + end)) return false;
    // Leftmost placement of each middle part is optimal for `*`-separated globs.
    let pos = parts[0].length;
    for (let s = 1; s < parts.length - 1; s++) {
      const part = parts[s];
      while (pos + part.length <= end && !this.#partAt(part, o + pos)) pos++;
      if (pos + part.length > end) return false;
      pos += part.length;
    }
    return true;
  }

  #partAt(part: Uint8Array, o: number): boolean {
    for (let k = 0; k < part.length; k++) if (part[k] !== 0 && this.#bytes[o + k] !== part[k]) return false;
    return true;
  }

  #scan(glob: Glob): Uint32Array {
    const out = new Uint32Array(this.#count);
    let k = 0;
    // a reserved id (length 0) has no text to match, not even `*`
    for (let id = 0; id < this.#count; id++) if (this.#lens[id] > 0 && this.#matchesGlob(glob, id)) out[k++] = id;
    return out.slice(0, k);
  }

  #verifyFuzzy(q: Int8Array, cand: Uint32Array): Uint32Array {
    const out = new Uint32Array(cand.length);
    let k = 0;
    for (let i = 0; i < cand.length; i++) if (this.#withinOneEdit(q, cand[i])) out[k++] = cand[i];
    return out.subarray(0, k);
  }

  /** Levenshtein ≤ 1 between folded symbols, in one pass: skip the common prefix, then align the rest. */
  #withinOneEdit(q: Int8Array, id: number): boolean {
    const m = q.length;
    const n = this.#lens[id];
    if (n > m + 1 || n + 1 < m) return false;
    const o = id * SLOT;
    const bytes = this.#bytes;
    let i = 0;
    while (i < m && i < n && q[i] === SYM[bytes[o + i]]) i++;
    if (n === m) {
      for (let j = i + 1; j < m; j++) if (q[j] !== SYM[bytes[o + j]]) return false;
      return true;
    }
    if (n > m) {
      for (let j = i; j < m; j++) if (q[j] !== SYM[bytes[o + j + 1]]) return false;
      return true;
    }
    for (let j = i; j < n; j++) if (q[j + 1] !== SYM[bytes[o + j]]) return false;
    return true;
  }
}
