/**
 * Hotlists: the lists, their entries (typed in, BOLOs, or imported from NCIC/state files) and
 * the in-memory matcher every read is checked against. The matcher is rebuilt from the store
 * at start and after every change to a list, so it never disagrees with what is stored.
 */
import { randomUUID } from 'node:crypto';
import { HotlistIndex, normalizePlate, normalizeState } from '@openrtcc/domain';
import type { HotlistMatch, Hotlist, HotlistEntry, HotlistKind, MatchKind, Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { HotlistImportRecord, HotlistStore } from '../store/store.types.ts';
import { getImporter } from './importers/index.ts';

export const HOTLIST_KINDS: readonly HotlistKind[] = ['ncic', 'state', 'custom', 'bolo'];
const MATCH_KINDS: readonly MatchKind[] = ['exact', 'ocr-equivalent', 'one-edit'];
/** A BOLO is short-lived by nature: it must expire, at most this far ahead. */
const MAX_BOLO_MS = 90 * 86_400_000;
/** The import version of entries typed in by a person: imports never retire them. */
export const MANUAL_VERSION = 0;

export interface HotlistInput {
  name: string;
  kind: HotlistKind;
  priority?: number;
  matchKinds?: MatchKind[];
  description?: string;
}

export interface EntryInput {
  plate: string;
  state?: string;
  reason: string;
  expiresAt?: number;
  recordId?: string;
  vehicle?: HotlistEntry['vehicle'];
}

export interface ImportOptions {
  format: string;
  mode: 'replace' | 'append';
  by: string;
  /**
   * When the file's records stop matching unless a newer import replaces them (epoch ms): a hot
   * file that is not refreshed must not keep raising hits on stale records. A line's own expiry,
   * when its format has one, wins if earlier.
   */
  expiresAt?: number;
}

export class HotlistService {
  private readonly store: HotlistStore;
  private readonly bus: Bus;
  private readonly index: HotlistIndex;
  private readonly oneEditEnabled: boolean;
  private lists = new Map<string, Hotlist>();
  private readonly locks = new Map<string, Promise<unknown>>();

  constructor(store: HotlistStore, bus: Bus, opts: { oneEdit: boolean }) {
    this.store = store;
    this.bus = bus;
    this.oneEditEnabled = opts.oneEdit;
    this.index = new HotlistIndex({ oneEdit: opts.oneEdit });
  }

  /** Loads every list and active entry into the matcher. */
  async load(now = Date.now()): Promise<void> {
    this.lists = new Map((await this.store.list()).map((l) => [l.id, l]));
    this.index.clear();
    // every list's count, expired entries included: room enough that the load never regrows
    this.index.reserve([...this.lists.values()].reduce((n, l) => n + l.entryCount, 0));
    for await (const batch of this.store.activeEntries(now)) for (const e of batch) this.index.add(e);
  }

  get indexSize(): number {
    return this.index.size;
  }

  /** Matches a read against every list, keeping only the match kinds each list allows. */
  match(read: { plate: string; candidates?: { plate: string }[] }, now: number): HotlistMatch[] {
    const found = this.index.match(read, now);
    if (found.length === 0) return found;
    return found.filter((m) => this.lists.get(m.entry.hotlistId)?.matchKinds.includes(m.matchKind) ?? false);
  }

  list(): Hotlist[] {
    return [...this.lists.values()].sort((a, b) => a.priority - b.priority || a.name.localeCompare(b.name));
  }

  find(id: string): Hotlist | undefined {
    return this.lists.get(id);
  }

  get(id: string): Hotlist {
    const l = this.lists.get(id);
    if (!l) throw new AppError('not_found_or_forbidden', `hotlist ${id} not found`);
    return l;
  }

  async create(input: HotlistInput): Promise<Hotlist> {
    const problems: string[] = [];
    if (!input.name?.trim()) problems.push('name is required');
    if (!HOTLIST_KINDS.includes(input.kind)) problems.push(`kind must be one of ${HOTLIST_KINDS.join(', ')}`);
    const priority = input.priority ?? 3;
    if (!Number.isInteger(priority) || priority < 1 || priority > 5) problems.push('priority must be 1 (highest) to 5');
    const matchKinds = input.matchKinds ?? ['exact', 'ocr-equivalent'];
    if (matchKinds.length === 0 || matchKinds.some((k) => !MATCH_KINDS.includes(k))) problems.push(`matchKinds must be a non-empty subset of ${MATCH_KINDS.join(', ')}`);
    if (matchKinds.includes('one-edit') && !this.oneEditEnabled) problems.push('one-edit matching is switched off on this server (RTCC_MATCH_ONE_EDIT)');
    if ([...this.lists.values()].some((l) => l.name.toLowerCase() === input.name?.trim().toLowerCase())) problems.push(`a hotlist named '${input.name}' already exists`);
    if (problems.length) throw new AppError('validation_failed', problems.join('; '), { details: problems });
    const list = await this.store.create({
      id: randomUUID(),
      name: input.name.trim(),
      kind: input.kind,
      priority,
      matchKinds,
      description: input.description,
      createdAt: Date.now(),
    });
    this.lists.set(list.id, list);
    return list;
  }

  async addEntries(hotlistId: string, inputs: EntryInput[], by: string): Promise<HotlistEntry[]> {
    const list = this.get(hotlistId);
    const now = Date.now();
    const problems: { index: number; message: string }[] = [];
    const entries: HotlistEntry[] = [];
    inputs.forEach((e, i) => {
      const plate = normalizePlate(e.plate ?? '');
      if (plate.length < 2 || plate.length > 10) problems.push({ index: i, message: 'plate must have 2 to 10 letters or digits' });
      const state = e.state ? normalizeState(e.state) : undefined;
      if (e.state && !state) problems.push({ index: i, message: `state '${e.state}' is not a US state or Canadian province code` });
      if (!e.reason?.trim()) problems.push({ index: i, message: 'reason is required (why the plate is wanted)' });
      if (e.expiresAt !== undefined && !Number.isFinite(e.expiresAt)) problems.push({ index: i, message: 'expiresAt must be an ISO 8601 time with a zone, e.g. 2027-01-01T00:00:00Z' });
      else if (e.expiresAt !== undefined && e.expiresAt <= now) problems.push({ index: i, message: 'expiresAt is in the past' });
      if (list.kind === 'bolo') {
        if (e.expiresAt === undefined) problems.push({ index: i, message: 'a BOLO needs an expiry (expiresAt)' });
        else if (e.expiresAt - now > MAX_BOLO_MS) problems.push({ index: i, message: 'a BOLO may run at most 90 days' });
      }
      entries.push({
        id: randomUUID(),
        hotlistId,
        plate,
        plateRaw: e.plate,
        state,
        reason: e.reason?.trim(),
        recordId: e.recordId,
        expiresAt: e.expiresAt,
        vehicle: e.vehicle,
        importVersion: MANUAL_VERSION,
        createdAt: now,
        createdBy: by,
      });
    });
    if (problems.length) {
      throw new AppError('validation_failed', problems.map((p) => `[${p.index}] ${p.message}`).join('; '), { details: problems });
    }
    await this.serial(hotlistId, async () => {
      await this.store.addEntries(hotlistId, entries);
      for (const e of entries) this.index.add(e);
      await this.refreshList(hotlistId);
    });
    return entries;
  }

  async removeEntry(hotlistId: string, entryId: string): Promise<void> {
    this.get(hotlistId);
    const removed = await this.serial(hotlistId, async () => {
      const ok = await this.store.removeEntry(hotlistId, entryId);
      if (ok) this.index.remove(entryId);
      await this.refreshList(hotlistId);
      return ok;
    });
    if (!removed) throw new AppError('not_found_or_forbidden', `entry ${entryId} not found in hotlist ${hotlistId}`);
  }

  listEntries(hotlistId: string, opts: { limit: number; offset: number }): Promise<Page<HotlistEntry>> {
    this.get(hotlistId);
    return this.store.listEntries(hotlistId, opts);
  }

  getEntry(entryId: string): Promise<HotlistEntry | undefined> {
    return this.store.getEntry(entryId);
  }

  listImports(hotlistId: string): Promise<HotlistImportRecord[]> {
    this.get(hotlistId);
    return this.store.listImports(hotlistId);
  }

  /**
   * Imports a hotlist file as a new version of the list. `replace` retires the imported entries
   * of earlier versions (a fresh NCIC extract) but never what people typed in; `append` keeps them. Rejected lines are reported
   * with their reasons and never stop the good ones.
   */
  async import(hotlistId: string, text: string, opts: ImportOptions): Promise<HotlistImportRecord> {
    this.get(hotlistId);
    const importer = getImporter(opts.format);
    if (opts.expiresAt !== undefined && !(opts.expiresAt > Date.now())) {
      throw new AppError('validation_failed', 'expiresAt must be an ISO 8601 time in the future', { details: { field: 'expiresAt' } });
    }
    return this.serial(hotlistId, async () => {
      const list = this.get(hotlistId);
      const parsed = importer.parse(text);
      const now = Date.now();
      const version = list.version + 1;
      const seen = new Set<string>();
      const entries: HotlistEntry[] = [];
      let expiredSkipped = 0;
      let duplicates = 0;
      for (const p of parsed.entries) {
        const expiresAt = p.expiresAt === undefined ? opts.expiresAt : Math.min(p.expiresAt, opts.expiresAt ?? Infinity);
        if (expiresAt !== undefined && expiresAt <= now) {
          expiredSkipped++;
          continue;
        }
        const key = `${p.plate}|${p.state ?? ''}|${p.recordId ?? ''}`;
        if (seen.has(key)) {
          duplicates++;
          continue;
        }
        seen.add(key);
        entries.push({
          id: randomUUID(),
          hotlistId,
          plate: p.plate,
          plateRaw: p.plateRaw,
          state: p.state,
          reason: p.reason,
          fileCode: p.fileCode,
          recordId: p.recordId,
          ori: p.ori,
          enteredAt: p.enteredAt,
          expiresAt,
          vehicle: p.vehicle,
          importVersion: version,
          createdAt: now,
          createdBy: opts.by,
        });
      }
      if (opts.mode === 'replace') await this.store.replaceEntries(hotlistId, version, entries, now);
      else {
        await this.store.addEntries(hotlistId, entries);
        await this.store.setVersion(hotlistId, version, now);
      }
      const record: HotlistImportRecord = {
        id: randomUUID(),
        hotlistId,
        version,
        format: importer.format,
        mode: opts.mode,
        importedAt: now,
        importedBy: opts.by,
        accepted: entries.length,
        rejected: parsed.rejections.length,
        expiredSkipped,
        rejections: parsed.rejections.slice(0, 1000),
      };
      if (duplicates > 0) record.rejections.push({ line: 0, reason: `${duplicates} duplicate lines skipped`, text: '' });
      await this.store.recordImport(record);
      await this.reindexList(hotlistId, now);
      this.bus.publish('hotlist.updated', { hotlistId, version });
      return record;
    });
  }

  private async reindexList(hotlistId: string, now: number): Promise<void> {
    this.index.removeHotlist(hotlistId);
    for await (const batch of this.store.activeEntries(now, hotlistId)) for (const e of batch) this.index.add(e);
    await this.refreshList(hotlistId);
  }

  private async refreshList(hotlistId: string): Promise<void> {
    const fresh = await this.store.get(hotlistId);
    if (fresh) this.lists.set(hotlistId, fresh);
  }

  /** Runs changes to one list one at a time, so versions and the matcher stay in step. */
  private serial<T>(hotlistId: string, fn: () => Promise<T>): Promise<T> {
    const prev = this.locks.get(hotlistId) ?? Promise.resolve();
    const next = prev.then(fn, fn);
    this.locks.set(hotlistId, next.catch(() => undefined));
    return next;
  }
}
