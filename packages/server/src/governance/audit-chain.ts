/**
 * Verifies the audit chain as a stream: sequence without gaps, each record linked to its
 * predecessor's hash, each hash recomputed from the record's content, and every published
 * daily root still equal to what the chain says about its day. Memory stays flat whatever the
 * chain's length: one running summary per UTC day, nothing per record.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { AuditVerifyView } from '@openrtcc/domain';
import type { AuditRecord, AuditRoot } from '../store/store.types.ts';
import { GENESIS, hashRecord, utcDay } from './audit-hash.ts';

/**
 * Records checked between two turns of the event loop: SQLite reads are synchronous, so without
 * a pause a long chain would hold a live server's requests until the whole walk is done.
 */
const YIELD_EVERY = 2_000;

/** The first record that does not hold, and why. `id`/`at` are absent for a record that is missing. */
export type BrokenRecord = Omit<NonNullable<AuditVerifyView['broken']>, 'at'> & { at?: number };

/** The chain check as the API shows it (`@openrtcc/domain`), with epoch-ms times. */
export type ChainReport = Omit<AuditVerifyView, 'lastAt' | 'broken' | 'brokenAt' | 'reason'> & { lastAt?: number; broken?: BrokenRecord };

/** What the chain says about one UTC day, built while streaming. */
export interface DaySummary {
  records: number;
  firstSeq: number;
  lastSeq: number;
  root: string;
  lastId: string;
  lastAt: number;
}

/** A root to compare, and where it came from (the store, or an auditor's saved copy). */
export type RootToCheck = Pick<AuditRoot, 'day' | 'records' | 'firstSeq' | 'lastSeq' | 'root'> & { source?: string };

/** Why a record breaks the chain, or undefined when it holds. */
function linkProblem(r: AuditRecord, expectSeq: number, prevHash: string): string | undefined {
  if (r.seq > expectSeq) return `sequence gap: record${r.seq - expectSeq > 1 ? 's' : ''} ${expectSeq}${r.seq - expectSeq > 1 ? `–${r.seq - 1}` : ''} missing before this one`;
  if (r.seq !== expectSeq) return `sequence out of order: expected ${expectSeq}`;
  if (r.prevHash !== prevHash) return 'link to the previous record does not match (a record before it was changed, removed or inserted)';
  const { hash, ...rest } = r;
  if (hashRecord(rest) !== hash) return 'record content does not match its hash (the record was edited)';
  return undefined;
}

/** Compares one published root with the day the chain shows; a problem names the day's last record. */
function rootProblem(root: RootToCheck, day: DaySummary | undefined): BrokenRecord | undefined {
  const from = root.source ? ` (${root.source})` : '';
  const what = `published root of ${root.day}${from}`;
  if (!day) return { seq: root.firstSeq, reason: `${what} covers records ${root.firstSeq}–${root.lastSeq}, but the chain holds no record of that day (records were removed)` };
  const diffs: string[] = [];
  if (day.records !== root.records) diffs.push(`${root.records} records published, ${day.records} now`);
  if (day.firstSeq !== root.firstSeq || day.lastSeq !== root.lastSeq) diffs.push(`seq ${root.firstSeq}–${root.lastSeq} published, ${day.firstSeq}–${day.lastSeq} now`);
  if (day.root !== root.root) diffs.push(`root ${root.root.slice(0, 16)}… published, ${day.root.slice(0, 16)}… now`);
  if (diffs.length === 0) return undefined;
  return { seq: root.lastSeq, id: day.lastSeq === root.lastSeq ? day.lastId : undefined, at: day.lastSeq === root.lastSeq ? day.lastAt : undefined, reason: `${what} no longer matches the chain (${diffs.join('; ')}): the chain was rewritten or cut after publication` };
}

/**
 * Streams `records` (in sequence order) and checks them, then checks each published root
 * against the days seen. Stops reading at the first broken record; roots of days wholly before
 * it are still checked, so a rewrite and an edit are both reported by their earliest record.
 * @example const report = await verifyAuditChain(store.audit.all(), await store.audit.roots.list());
 */
export async function verifyAuditChain(records: AsyncIterable<AuditRecord>, roots: readonly RootToCheck[]): Promise<ChainReport> {
  const days = new Map<string, DaySummary>();
  const report: ChainReport = { ok: true, records: 0, rootsChecked: 0 };
  let prevHash = GENESIS;
  let expectSeq = 1;
  let chainBreak: BrokenRecord | undefined;
  for await (const r of records) {
    const problem = linkProblem(r, expectSeq, prevHash);
    if (problem) {
      chainBreak = { seq: r.seq, id: r.id, at: r.at, reason: problem };
      break;
    }
    report.records++;
    report.firstSeq ??= r.seq;
    report.lastSeq = r.seq;
    report.lastAt = r.at;
    report.lastHash = r.hash;
    noteDay(days, r);
    prevHash = r.hash;
    expectSeq++;
    if (report.records % YIELD_EVERY === 0) await nextTurn();
  }
  let rootBreak: BrokenRecord | undefined;
  for (const root of [...roots].sort((a, b) => a.lastSeq - b.lastSeq)) {
    // a day reaching past the break cannot be judged: the chain after it was not read
    if (chainBreak && root.lastSeq >= chainBreak.seq) continue;
    report.rootsChecked++;
    if (!report.latestRootDay || root.day > report.latestRootDay) report.latestRootDay = root.day;
    rootBreak ??= rootProblem(root, days.get(root.day));
  }
  const broken = [chainBreak, rootBreak].filter((b): b is BrokenRecord => b !== undefined).sort((a, b) => a.seq - b.seq)[0];
  if (broken) {
    report.ok = false;
    report.broken = broken;
  }
  return report;
}

function noteDay(days: Map<string, DaySummary>, r: AuditRecord): void {
  const key = utcDay(r.at);
  const d = days.get(key);
  if (!d) {
    days.set(key, { records: 1, firstSeq: r.seq, lastSeq: r.seq, root: r.hash, lastId: r.id, lastAt: r.at });
    return;
  }
  d.records++;
  d.lastSeq = r.seq;
  d.root = r.hash;
  d.lastId = r.id;
  d.lastAt = r.at;
}
