/**
 * Drives one subject through the workloads: load, bytes on disk, every query mode (warm-ups,
 * then timed queries one at a time, checked against the oracle), then ingest of the newer rows
 * into the indexed store. Every loop is bounded in count and in time.
 */
import type { Dataset } from './generate.ts';
import type { Hotlist } from './data/hotlist.ts';
import type { Query, QueryClass, QuerySet } from './data/queries.ts';
import type { Truth } from './oracle.ts';
import { median, sig, summarize } from './stats.ts';
import type { AlertLatencyReport, FanoutReport, IngestReport, LoadReport, MemoryReport, Subject } from './subjects/subject.types.ts';

export interface QueryFigures {
  class: QueryClass;
  mode: string;
  how: string;
  /** Timed queries run (fewer than asked when the time budget ran out). */
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  rowsMedian: number;
  rowsMax: number;
  totalMedian: number;
  totalMax: number;
  /** Timed queries whose exact total equals the oracle's. */
  correctTotals: number;
  /** Share of the oracle's matching plates the subject found (plate-resolving modes only). */
  recall?: number;
  /** Fuzzy: timed queries whose source plate was among the matches. */
  truePlateFound?: number;
  truncated: boolean;
  error?: string;
}

export interface SubjectResult {
  name: string;
  settings: Record<string, string>;
  load?: LoadReport & { rowsPerSec: number };
  queries: QueryFigures[];
  storage?: { bytes: number; reads: number; bytesPerRead: number; what: string };
  ingest?: { rows: number; seconds: number; rowsPerSec: number; truncated: boolean; hits?: number; cpu?: IngestReport['cpu']; ack?: IngestReport['ack']; ackBoundMet?: boolean; steps?: IngestReport['steps'] };
  alertLatency?: AlertLatencyReport;
  fanout?: FanoutReport;
  memory?: MemoryReport;
  error?: string;
}

export interface MeasureContext {
  data: Dataset;
  hotlist: Hotlist;
  queries: QuerySet;
  truths: Record<QueryClass, Truth[]>;
  classBudgetMs: number;
  ingestBudgetMs: number;
  /** Time for the alert-latency runs (after ingest). */
  latencyBudgetMs: number;
  log: (line: string) => void;
}

async function runMode(subject: Subject, ctx: MeasureContext, cls: QueryClass, mode: string, how: string): Promise<QueryFigures> {
  const list = ctx.queries.byClass[cls] as Query[];
  const truths = ctx.truths[cls];
  const stop = performance.now() + ctx.classBudgetMs;
  const times: number[] = [];
  const rows: number[] = [];
  const totals: number[] = [];
  let correct = 0;
  let found = 0;
  let wanted = 0;
  let truePlate = 0;
  let resolvesPlates = false;
  let error: string | undefined;
  for (let i = 0; i < list.length && performance.now() < stop; i++) {
    const q = list[i];
    const t = performance.now();
    let answer;
    try {
      answer = await subject.query(q, mode);
    } catch (err) {
      error = (err as Error).message;
      break;
    }
    const ms = performance.now() - t;
    if (i < ctx.queries.warmups) continue;
    times.push(ms);
    rows.push(answer.rows);
    totals.push(answer.total);
    const truth = truths[i];
    if (answer.total === truth.total) correct++;
    if (answer.plates && truth.plates) {
      resolvesPlates = true;
      const got = new Set(answer.plates);
      for (const p of truth.plates) if (got.has(p)) found++;
      wanted += truth.plates.size;
      if (q.class === 'fuzzy' && got.has(q.truth)) truePlate++;
    }
  }
  const s = summarize(times);
  return {
    class: cls,
    mode,
    how,
    n: times.length,
    p50Ms: sig(s.p50),
    p95Ms: sig(s.p95),
    maxMs: sig(s.max),
    rowsMedian: median(rows),
    rowsMax: rows.length ? Math.max(...rows) : NaN,
    totalMedian: median(totals),
    totalMax: totals.length ? Math.max(...totals) : NaN,
    correctTotals: correct,
    recall: resolvesPlates ? sig(wanted === 0 ? 1 : found / wanted, 4) : undefined,
    truePlateFound: cls === 'fuzzy' && resolvesPlates ? truePlate : undefined,
    truncated: times.length < ctx.queries.timed,
    error,
  };
}

/** Measures one subject; a failing phase is recorded in `error` and later phases are skipped. */
export async function measureSubject(subject: Subject, ctx: MeasureContext): Promise<SubjectResult> {
  const result: SubjectResult = { name: subject.name, settings: {}, queries: [] };
  try {
    const load = await subject.load({ data: ctx.data, hotlist: ctx.hotlist, log: ctx.log });
    result.load = { ...load, rowsPerSec: Math.round(load.rows / load.seconds) };
    ctx.log(`${subject.name}: loaded ${load.rows} rows in ${load.seconds.toFixed(1)} s`);
    result.settings = await subject.settings();
    // Bytes on disk before the queries: measuring them folds each SQLite subject's WAL into its
    // file (a TRUNCATE checkpoint), so no subject's queries share the cores with the checkpoint
    // of its own load: the queries run warm and quiet, as the targets are set.
    const st = await subject.storage();
    result.storage = { ...st, bytesPerRead: sig(st.bytes / st.reads) };
    ctx.log(`${subject.name}: ${result.storage.bytesPerRead} B/read`);
    for (const m of subject.queryModes()) {
      const fig = await runMode(subject, ctx, m.class, m.mode, m.how);
      result.queries.push(fig);
      ctx.log(`${subject.name}: ${m.class}/${m.mode} p50 ${fig.p50Ms} p95 ${fig.p95Ms} max ${fig.maxMs} ms, totals ${fig.correctTotals}/${fig.n}${fig.error ? ' ERROR ' + fig.error : ''}`);
    }
    const ing = await subject.ingest(ctx.data.extra, performance.now() + ctx.ingestBudgetMs);
    result.ingest = { ...ing, seconds: sig(ing.seconds), rowsPerSec: Math.round(ing.rows / ing.seconds) };
    for (const st of ing.steps ?? []) {
      ctx.log(`${subject.name}: ingest with ${st.connections} senders: ${st.rowsPerSec} rows/s, ack p50 ${st.ack.p50Ms} p99 ${st.ack.p99Ms} ms${st.cpu ? `; cores busy: server ${st.cpu.serverCores} (main thread ${st.cpu.serverMainThread}), load client ${st.cpu.client}` : ''}`);
    }
    ctx.log(`${subject.name}: ingest ${result.ingest.rowsPerSec} rows/s into the indexed store${ing.hits === undefined ? '' : `, ${ing.hits} hits raised`}${ing.cpu ? `; cores busy: server ${ing.cpu.serverCores} (main thread ${ing.cpu.serverMainThread}), load client ${ing.cpu.client}` : ''}${ing.ack ? `; ack p50 ${ing.ack.p50Ms} p99 ${ing.ack.p99Ms} max ${ing.ack.maxMs} ms (${ing.ack.connections} connections × ${ing.ack.readsPerBatch} reads)` : ''}`);
    // settings learnt while ingesting (e.g. the server process's start-up time) join the report
    result.settings = await subject.settings();
    if (result.settings.serverStartSeconds) ctx.log(`${subject.name}: server process started in ${result.settings.serverStartSeconds}`);
    if (result.settings.serverStartSplit) ctx.log(`${subject.name}: ${result.settings.serverStartSplit}`);
    if (subject.alertLatency) {
      result.alertLatency = await subject.alertLatency(performance.now() + ctx.latencyBudgetMs);
      for (const r of result.alertLatency.runs) {
        ctx.log(`${subject.name}: alert latency ${r.label}: p50 ${r.p50Ms} p99 ${r.p99Ms} max ${r.maxMs} ms, ${r.alertsReceived}/${r.probesSent} alerts`);
      }
    }
    if (subject.fanout) {
      result.fanout = await subject.fanout(performance.now() + ctx.latencyBudgetMs);
      for (const r of result.fanout.runs) {
        ctx.log(`${subject.name}: fan-out ${r.clients} consoles: ${r.deliveredPerSec} reads/s delivered, ${r.cpuUsPerDelivered} µs server CPU each (${r.deliveredPerCpuSecond}/CPU-s), lag p99 ${r.lagP99Ms} ms${r.errors.length ? ' ERRORS ' + r.errors.join(' | ') : ''}`);
      }
    }
    if (subject.memory) {
      result.memory = await subject.memory();
      ctx.log(`${subject.name}: memory ${JSON.stringify(result.memory)}`);
    }
  } catch (err) {
    result.error = (err as Error).stack ?? String(err);
    ctx.log(`${subject.name}: FAILED ${(err as Error).message}`);
  }
  return result;
}
