/**
 * The in-memory hotlist matcher (DESIGN.md, "Plate matching and search").
 *
 * Entries live in columns (`hotlist-columns.ts`), addressed by an integer slot. Two hash tables
 * find slots: entry id → slot, and OCR key → the first slot of a chain of entries sharing that key.
 * The exact match is a byte comparison inside the OCR chain, so exact and OCR-equivalent matching
 * share one table: every exact match is also an OCR-key match. The optional deletion index adds
 * one-edit neighbours. A match costs a few hash probes, never a pass over the list.
 */

import type { MatchKind } from './types.ts';
import { normalizePlate } from './plate.ts';
import { classifyMatch } from './plate-pattern.ts';
import { EntryColumns, MAX_PLATE_LENGTH } from './hotlist-columns.ts';
import { SlotTable, foldedHash, textHash } from './slot-table.ts';
import { DeletionIndex, repeatsPrevious } from './deletion-index.ts';

export interface IndexedEntry {
  id: string;
  hotlistId: string;
  /** Normalized plate; text that is not normalized is normalized on `add`. */
  plate: string;
  state?: string;
  /** Epoch ms; the entry stops matching once `expiresAt <= now`. */
  expiresAt?: number;
}

export interface HotlistMatch {
  entry: IndexedEntry;
  matchKind: MatchKind;
  /** The read text (the read's plate or one of its candidates) that matched. */
  readPlate: string;
  matchedCandidate: boolean;
}

const RANK: Record<MatchKind, number> = { exact: 3, 'ocr-equivalent': 2, 'one-edit': 1 };

interface Found {
  slot: number;
  kind: MatchKind;
  readPlate: string;
  candidate: boolean;
}

interface Tables {
  cols: EntryColumns;
  ids: SlotTable;
  ocr: SlotTable;
  deletions: DeletionIndex | null;
}

function createTables(oneEdit: boolean): Tables {
  const cols = new EntryColumns();
  return {
    cols,
    ids: new SlotTable((slot, id) => cols.idEquals(slot, id)),
    ocr: new SlotTable((slot, key, skip) => cols.plateFoldEquals(slot, key, skip)),
    deletions: oneEdit ? new DeletionIndex() : null,
  };
}

function isNormalized(plate: string): boolean {
  for (let i = 0; i < plate.length; i++) {
    const c = plate.charCodeAt(i);
    if (!((c >= 48 && c <= 57) || (c >= 65 && c <= 90))) return false;
  }
  return true;
}

/**
 * Matches reads against every loaded hotlist with hash probes only.
 * @example
 * const index = new HotlistIndex();
 * index.add({ id: 'e1', hotlistId: 'ncic', plate: 'KXT4821' });
 * index.match({ plate: 'KXT482I' }, Date.now())[0].matchKind // 'ocr-equivalent'
 */
export class HotlistIndex {
  readonly #oneEdit: boolean;
  #t: Tables;

  /** `oneEdit` adds one-edit matching; off by default because it multiplies false hits on large lists. */
  constructor(opts: { oneEdit?: boolean } = {}) {
    this.#oneEdit = opts.oneEdit ?? false;
    this.#t = createTables(this.#oneEdit);
  }

  get size(): number {
    return this.#t.cols.live;
  }

  /**
   * Adds an entry, replacing the entry with the same id.
   * @throws TypeError when the id or hotlist id is empty, the plate has no letters or digits
   *   (or more than 255), or `expiresAt` is not a finite number.
   */
  add(entry: IndexedEntry): void {
    if (typeof entry.id !== 'string' || entry.id === '') throw new TypeError('A hotlist entry needs an id.');
    if (typeof entry.hotlistId !== 'string' || entry.hotlistId === '') {
      throw new TypeError(`Hotlist entry ${entry.id} needs a hotlistId.`);
    }
    if (entry.expiresAt !== undefined && !Number.isFinite(entry.expiresAt)) {
      throw new TypeError(`Hotlist entry ${entry.id} has an expiresAt that is not a time: ${entry.expiresAt}.`);
    }
    const plate = isNormalized(entry.plate) ? entry.plate : normalizePlate(String(entry.plate));
    if (plate.length === 0 || plate.length > MAX_PLATE_LENGTH) {
      throw new TypeError(`Hotlist entry ${entry.id} has no usable plate: "${entry.plate}".`);
    }
    const t = this.#t;
    const idHash = textHash(entry.id);
    this.#removeSlot(idHash, t.ids.find(idHash, entry.id));
    const slot = t.cols.alloc({ id: entry.id, hotlistId: entry.hotlistId, plate, state: entry.state, expiresAt: entry.expiresAt });
    t.ids.insert(idHash, slot);
    const hash = foldedHash(plate);
    const head = t.ocr.find(hash, plate);
    const link = t.cols.link;
    if (head < 0) {
      link[slot] = -1;
      t.ocr.insert(hash, slot);
    } else {
      link[slot] = link[head];
      link[head] = slot;
    }
    t.deletions?.add(plate, slot);
  }

  /** Removes one entry; false when no entry has that id. */
  remove(entryId: string): boolean {
    const hash = textHash(entryId);
    return this.#removeSlot(hash, this.#t.ids.find(hash, entryId));
  }

  /**
   * Makes room for `count` more entries ahead of a bulk load (a start-up's million), so adding
   * them never regrows a column or rehashes a table on the way.
   */
  reserve(count: number): void {
    const t = this.#t;
    // a UUID id and a plate of up to 8 characters: a guess, the text grows past it if need be
    t.cols.reserve(count, 44);
    t.ids.reserve(t.ids.size + count);
    t.ocr.reserve(t.ocr.size + count);
  }

  /** Removes every entry of one hotlist and returns how many there were. */
  removeHotlist(hotlistId: string): number {
    const t = this.#t;
    const n = t.cols.hotlistNumber(hotlistId);
    if (n === 0) return 0;
    let removed = 0;
    for (let slot = 0; slot < t.cols.top; slot++) {
      if (t.cols.hotlistOf(slot) !== n) continue;
      t.ids.remove(textHash(t.cols.idOf(slot)), slot);
      this.#unlink(slot);
      removed++;
    }
    return removed;
  }

  clear(): void {
    this.#t = createTables(this.#oneEdit);
  }

  /**
   * All entries matching the read's plate or any of its candidates, one match per entry with its
   * best kind (exact > ocr-equivalent > one-edit; the read's own plate before a candidate), best first.
   * Entries with `expiresAt <= now` never match; one-edit matches only when enabled.
   */
  match(read: { plate: string; candidates?: { plate: string }[] }, now: number): HotlistMatch[] {
    const found: Found[] = [];
    this.#probe(read.plate, false, now, found);
    for (const c of read.candidates ?? []) if (c.plate !== read.plate) this.#probe(c.plate, true, now, found);
    found.sort((a, b) => RANK[b.kind] - RANK[a.kind] || Number(a.candidate) - Number(b.candidate));
    return found.map((f) => ({
      entry: this.#entryAt(f.slot),
      matchKind: f.kind,
      readPlate: f.readPlate,
      matchedCandidate: f.candidate,
    }));
  }

  #probe(raw: string, candidate: boolean, now: number, found: Found[]): void {
    const plate = isNormalized(raw) ? raw : normalizePlate(String(raw));
    if (plate.length === 0) return;
    const t = this.#t;
    const cols = t.cols;
    for (let slot = t.ocr.find(foldedHash(plate), plate); slot >= 0; slot = cols.link[slot]) {
      if (cols.expires[slot] <= now) continue;
      keepBest(found, slot, cols.plateEquals(slot, plate) ? 'exact' : 'ocr-equivalent', plate, candidate);
    }
    const deletions = t.deletions;
    if (!deletions) return;
    // Listed plates one character longer: one of their deletions is the read.
    this.#confirm(deletions.first(foldedHash(plate)), plate, candidate, now, found);
    for (let d = 0; d < plate.length; d++) {
      if (repeatsPrevious(plate, d)) continue;
      const hash = foldedHash(plate, d);
      // Listed plates one character shorter: the read without one character.
      for (let slot = t.ocr.find(hash, plate, d); slot >= 0; slot = cols.link[slot]) {
        if (cols.expires[slot] <= now) continue;
        keepBest(found, slot, 'one-edit', plate, candidate);
      }
      // Same length, one substitution: both share a deletion. Also yields distance-2 look-alikes, hence the check.
      this.#confirm(deletions.first(hash), plate, candidate, now, found);
    }
  }

  #confirm(posting: number, plate: string, candidate: boolean, now: number, found: Found[]): void {
    const { cols, deletions } = this.#t;
    for (let p = posting; p >= 0; p = deletions!.next(p)) {
      const slot = deletions!.slotOf(p);
      if (cols.expires[slot] <= now) continue;
      const kind = classifyMatch(plate, cols.plateOf(slot));
      if (kind) keepBest(found, slot, kind, plate, candidate);
    }
  }

  #removeSlot(idHash: number, slot: number): boolean {
    if (slot < 0) return false;
    this.#t.ids.remove(idHash, slot);
    this.#unlink(slot);
    return true;
  }

  #unlink(slot: number): void {
    const { cols, ocr, deletions } = this.#t;
    const plate = cols.plateOf(slot);
    const hash = foldedHash(plate);
    const head = ocr.find(hash, plate);
    const link = cols.link;
    if (head === slot) {
      ocr.replace(hash, slot, link[slot]);
    } else {
      let prev = head;
      while (prev >= 0 && link[prev] !== slot) prev = link[prev];
      if (prev >= 0) link[prev] = link[slot];
    }
    deletions?.remove(plate, slot);
    cols.free(slot);
  }

  #entryAt(slot: number): IndexedEntry {
    const cols = this.#t.cols;
    const entry: IndexedEntry = { id: cols.idOf(slot), hotlistId: cols.hotlistIdOf(slot), plate: cols.plateOf(slot) };
    const state = cols.stateOf(slot);
    if (state !== undefined) entry.state = state;
    const expiresAt = cols.expires[slot];
    if (!Number.isNaN(expiresAt)) entry.expiresAt = expiresAt;
    return entry;
  }
}

/** Records a match, keeping per entry the best kind, and the read's own plate over a candidate. */
function keepBest(found: Found[], slot: number, kind: MatchKind, readPlate: string, candidate: boolean): void {
  for (const f of found) {
    if (f.slot !== slot) continue;
    if (RANK[kind] > RANK[f.kind] || (RANK[kind] === RANK[f.kind] && f.candidate && !candidate)) {
      f.kind = kind;
      f.readPlate = readPlate;
      f.candidate = candidate;
    }
    return;
  }
  found.push({ slot, kind, readPlate, candidate });
}
