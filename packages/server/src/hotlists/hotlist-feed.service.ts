/**
 * Scheduled re-import of hotlists: a list's feed names where its file comes from (the newest file
 * of a watched folder under RTCC_HOTLIST_DIR, or a URL) and how often to look. A check imports the
 * file as a new version only when its content changed (sha256; for URLs also ETag and
 * Last-Modified), records the sync time either way, and records failures without touching the
 * list. With `staleAfterHours`, imported records stop matching that long after their import
 * unless a newer import replaces them, so a feed that stops arriving cannot keep raising hits on
 * stale records; an unchanged file is imported again once half that time has passed, to keep
 * current records alive.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { HotlistFeed, HotlistFeedState, HotlistFeedStore, HotlistImportRecord } from '../store/store.types.ts';
import type { HotlistService } from './hotlist.service.ts';
import { getImporter } from './importers/index.ts';

export const MIN_INTERVAL_MINUTES = 5;
export const MAX_INTERVAL_MINUTES = 24 * 60;
/** How often the scheduler looks for feeds that are due. */
const TICK_MS = 60_000;
const FETCH_TIMEOUT_MS = 60_000;

export interface FeedInput {
  source: { kind: 'folder'; path: string; pattern?: string } | { kind: 'url'; url: string };
  format: string;
  mode?: 'replace' | 'append';
  intervalMinutes: number;
  staleAfterHours?: number;
}

export interface FeedSyncResult {
  feed: HotlistFeed;
  /** What the check did: imported a changed file, found it unchanged, or failed. */
  outcome: 'imported' | 'unchanged' | 'failed';
  import?: HotlistImportRecord;
}

export interface HotlistFeedDeps {
  store: HotlistFeedStore;
  hotlists: HotlistService;
  audit: AuditService;
  /** RTCC_HOTLIST_DIR: folder feeds must be inside it. */
  hotlistDir?: string;
  maxBytes: number;
  log?: (msg: string, err?: unknown) => void;
  now?: () => number;
}

/** A file-name pattern with `*` and `?` as a whole-name test. */
function patternTest(pattern: string): (name: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
  return (name) => re.test(name);
}

export class HotlistFeedService {
  private readonly deps: HotlistFeedDeps;
  private readonly now: () => number;
  private readonly running = new Map<string, Promise<FeedSyncResult>>();
  private timer?: NodeJS.Timeout;

  constructor(deps: HotlistFeedDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Checks every due feed once a minute until `stop`. */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.runDue(), TICK_MS);
    this.timer.unref();
    void this.runDue();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await Promise.allSettled([...this.running.values()]);
  }

  /** Syncs every feed whose interval has passed since its last check. */
  async runDue(): Promise<void> {
    try {
      const now = this.now();
      for (const feed of await this.deps.store.list()) {
        if (now - (feed.state.lastCheckAt ?? 0) >= feed.intervalMinutes * 60_000) await this.sync(feed.hotlistId);
      }
    } catch (e) {
      this.deps.log?.('hotlist feed scheduler failed', e);
    }
  }

  get(hotlistId: string): Promise<HotlistFeed | undefined> {
    this.deps.hotlists.get(hotlistId);
    return this.deps.store.get(hotlistId);
  }

  /** Creates or changes a list's feed; the next check runs at once. Audited. */
  async configure(hotlistId: string, input: FeedInput, by: { actor: string; from?: string }): Promise<HotlistFeed> {
    this.deps.hotlists.get(hotlistId);
    getImporter(input.format);
    const problems: { field: string; message: string }[] = [];
    if (!Number.isInteger(input.intervalMinutes) || input.intervalMinutes < MIN_INTERVAL_MINUTES || input.intervalMinutes > MAX_INTERVAL_MINUTES) {
      problems.push({ field: 'intervalMinutes', message: `check every ${MIN_INTERVAL_MINUTES} to ${MAX_INTERVAL_MINUTES} minutes` });
    }
    if (input.staleAfterHours !== undefined && (!Number.isInteger(input.staleAfterHours) || input.staleAfterHours < 1 || input.staleAfterHours > 24 * 90)) {
      problems.push({ field: 'staleAfterHours', message: 'records go stale after 1 to 2160 hours' });
    }
    const source = await this.checkSource(input.source, problems);
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => p.message).join('; '), { details: problems });
    const now = this.now();
    const old = await this.deps.store.get(hotlistId);
    const sameSource = old !== undefined && JSON.stringify(old.source) === JSON.stringify(source) && old.format === input.format.trim().toLowerCase();
    const feed: HotlistFeed = {
      hotlistId,
      source: source!,
      format: input.format.trim().toLowerCase(),
      mode: input.mode ?? 'replace',
      intervalMinutes: input.intervalMinutes,
      createdAt: old?.createdAt ?? now,
      createdBy: old?.createdBy ?? by.actor,
      updatedAt: now,
      // a new source starts afresh; the same source keeps what it knows (and is checked now)
      state: sameSource ? { ...old.state, lastCheckAt: undefined } : {},
    };
    if (input.staleAfterHours !== undefined) feed.staleAfterHours = input.staleAfterHours;
    await this.deps.store.put(feed);
    await this.deps.audit.record({ actor: by.actor, from: by.from, action: 'hotlists.feed_configured', outcome: 'success', details: { hotlistId, source: feed.source, format: feed.format, intervalMinutes: feed.intervalMinutes, staleAfterHours: feed.staleAfterHours } });
    return feed;
  }

  async remove(hotlistId: string, by: { actor: string; from?: string }): Promise<void> {
    this.deps.hotlists.get(hotlistId);
    if (!(await this.deps.store.delete(hotlistId))) throw new AppError('not_found_or_forbidden', `hotlist ${hotlistId} has no feed`);
    await this.deps.audit.record({ actor: by.actor, from: by.from, action: 'hotlists.feed_removed', outcome: 'success', details: { hotlistId } });
  }

  /** Checks a list's feed now (one check at a time per list) and records what it found. */
  sync(hotlistId: string): Promise<FeedSyncResult> {
    const running = this.running.get(hotlistId);
    if (running) return running;
    const job = this.check(hotlistId).finally(() => this.running.delete(hotlistId));
    this.running.set(hotlistId, job);
    return job;
  }

  private async check(hotlistId: string): Promise<FeedSyncResult> {
    const feed = await this.deps.store.get(hotlistId);
    if (!feed) throw new AppError('not_found_or_forbidden', `hotlist ${hotlistId} has no feed`);
    const now = this.now();
    const state: HotlistFeedState = { ...feed.state, lastCheckAt: now };
    try {
      const fetched = await this.fetch(feed);
      const half = feed.staleAfterHours !== undefined ? (feed.staleAfterHours * 3_600_000) / 2 : Infinity;
      const refresh = state.lastImportAt !== undefined && now - state.lastImportAt >= half;
      if (fetched === 'not_modified' || (fetched.hash === state.lastHash && !refresh)) {
        return await this.save(feed, { ...state, lastSyncAt: now, failures: 0, lastError: undefined }, 'unchanged');
      }
      const expiresAt = feed.staleAfterHours !== undefined ? now + feed.staleAfterHours * 3_600_000 : undefined;
      const list = this.deps.hotlists.get(hotlistId);
      const record = await this.deps.hotlists.import(hotlistId, fetched.text, { format: feed.format, mode: feed.mode, by: `feed:${list.name}`, ...(expiresAt ? { expiresAt } : {}) });
      await this.deps.audit.record({ actor: `feed:${list.name}`, action: 'hotlists.import', outcome: 'success', details: { hotlistId, version: record.version, accepted: record.accepted, rejected: record.rejected, feed: feed.source.kind, file: fetched.name } });
      const next: HotlistFeedState = { ...state, lastSyncAt: now, lastImportAt: now, lastImportVersion: record.version, lastHash: fetched.hash, lastFile: fetched.name, failures: 0, lastError: undefined };
      if (fetched.etag) next.etag = fetched.etag;
      if (fetched.lastModified) next.lastModified = fetched.lastModified;
      return { ...(await this.save(feed, next, 'imported')), import: record };
    } catch (e) {
      const message = e instanceof AppError ? e.message : (e as Error).message;
      this.deps.log?.(`hotlist feed of ${hotlistId} failed: ${message}`);
      return this.save(feed, { ...state, lastError: message.slice(0, 500), lastErrorAt: now, failures: (state.failures ?? 0) + 1 }, 'failed');
    }
  }

  private async save(feed: HotlistFeed, state: HotlistFeedState, outcome: FeedSyncResult['outcome']): Promise<FeedSyncResult> {
    for (const k of Object.keys(state) as (keyof HotlistFeedState)[]) if (state[k] === undefined) delete state[k];
    // the feed may have been changed or removed while the file was fetched: keep the newer config
    const current = await this.deps.store.get(feed.hotlistId);
    if (!current || current.updatedAt !== feed.updatedAt) return { feed: current ?? feed, outcome };
    const next = { ...feed, state };
    await this.deps.store.put(next);
    return { feed: next, outcome };
  }

  private async fetch(feed: HotlistFeed): Promise<'not_modified' | { text: string; hash: string; name: string; etag?: string; lastModified?: string }> {
    if (feed.source.kind === 'folder') return this.newestFile(feed.source.path, feed.source.pattern);
    const headers: Record<string, string> = {};
    if (feed.state.etag) headers['if-none-match'] = feed.state.etag;
    if (feed.state.lastModified) headers['if-modified-since'] = feed.state.lastModified;
    const res = await fetch(feed.source.url, { headers, redirect: 'follow', signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
    if (res.status === 304) return 'not_modified';
    if (!res.ok) throw new AppError('unavailable', `${feed.source.url} answered HTTP ${res.status}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > this.deps.maxBytes) throw new AppError('payload_too_large', `${feed.source.url} is ${declared} bytes; RTCC_MAX_IMPORT_BYTES allows ${this.deps.maxBytes}`);
    const body = await this.readLimited(res);
    const out: { text: string; hash: string; name: string; etag?: string; lastModified?: string } = { text: body.toString('utf8'), hash: createHash('sha256').update(body).digest('hex'), name: feed.source.url };
    const etag = res.headers.get('etag');
    const lastModified = res.headers.get('last-modified');
    if (etag) out.etag = etag;
    if (lastModified) out.lastModified = lastModified;
    return out;
  }

  private async readLimited(res: Response): Promise<Buffer> {
    const chunks: Buffer[] = [];
    let size = 0;
    if (!res.body) return Buffer.alloc(0);
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.byteLength;
      if (size > this.deps.maxBytes) throw new AppError('payload_too_large', `the feed is larger than RTCC_MAX_IMPORT_BYTES (${this.deps.maxBytes} bytes)`);
      chunks.push(Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  /** The most recently modified file of the folder that matches the pattern. */
  private async newestFile(dir: string, pattern = '*'): Promise<{ text: string; hash: string; name: string }> {
    const matches = patternTest(pattern);
    let newest: { name: string; mtime: number; size: number } | undefined;
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      if (!entry.isFile() || entry.name.startsWith('.') || !matches(entry.name)) continue;
      const s = await stat(join(dir, entry.name));
      if (!newest || s.mtimeMs > newest.mtime) newest = { name: entry.name, mtime: s.mtimeMs, size: s.size };
    }
    if (!newest) throw new AppError('unavailable', `no file matching ${pattern} in ${dir}`);
    if (newest.size > this.deps.maxBytes) throw new AppError('payload_too_large', `${newest.name} is ${newest.size} bytes; RTCC_MAX_IMPORT_BYTES allows ${this.deps.maxBytes}`);
    const body = await readFile(join(dir, newest.name));
    return { text: body.toString('utf8'), hash: createHash('sha256').update(body).digest('hex'), name: newest.name };
  }

  /** The source as stored, or undefined with the problems pushed. */
  private async checkSource(source: FeedInput['source'], problems: { field: string; message: string }[]): Promise<HotlistFeed['source'] | undefined> {
    if (source.kind === 'url') {
      let ok = false;
      try {
        ok = ['http:', 'https:'].includes(new URL(source.url).protocol);
      } catch {
        ok = false;
      }
      if (!ok) problems.push({ field: 'source.url', message: 'a feed URL is an http:// or https:// URL' });
      return { kind: 'url', url: source.url };
    }
    const root = this.deps.hotlistDir;
    if (!root) {
      problems.push({ field: 'source.path', message: 'folder feeds need RTCC_HOTLIST_DIR, the folder they may watch; use a URL feed or set it' });
      return undefined;
    }
    if (source.pattern !== undefined && !/^[\w.*?\- ]{1,100}$/.test(source.pattern)) problems.push({ field: 'source.pattern', message: 'a file pattern is a file name with * and ? wildcards' });
    try {
      const full = await realpath(isAbsolute(source.path) ? source.path : join(root, source.path));
      const rootReal = await realpath(root);
      const rel = relative(rootReal, full);
      if (rel.startsWith('..') || isAbsolute(rel) || rel.split(sep).includes('..')) {
        problems.push({ field: 'source.path', message: `the folder must be inside RTCC_HOTLIST_DIR (${root})` });
        return undefined;
      }
      if (!(await stat(full)).isDirectory()) problems.push({ field: 'source.path', message: `${source.path} is not a folder` });
      return { kind: 'folder', path: full, ...(source.pattern ? { pattern: source.pattern } : {}) };
    } catch {
      problems.push({ field: 'source.path', message: `the folder ${source.path} does not exist under RTCC_HOTLIST_DIR` });
      return undefined;
    }
  }
}
