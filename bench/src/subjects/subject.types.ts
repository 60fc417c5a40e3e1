/**
 * What the harness measures. A subject is one back end answering the same workloads on the
 * same data in the same run: the peers (PostgreSQL, SQLite) and the platform itself.
 *
 * Life cycle, driven by run.ts, one subject at a time:
 *   open (factory) → load(data) → query(q, mode) × (warm-ups + timed) per mode
 *   → storage() → ingest(rows) → [alertLatency()] → [memory()] → close()
 * Every method may take as long as it needs, but must stop on its own: the harness bounds
 * query loops by count and time, and passes a deadline to `ingest`.
 */
import type { Dataset, ReadColumns } from '../generate.ts';
import type { Hotlist } from '../data/hotlist.ts';
import type { Query, QueryClass } from '../data/queries.ts';

/** Everything a subject may load: reads, cameras, and the hotlist (peers ignore it). */
export interface LoadInput {
  data: Dataset;
  hotlist: Hotlist;
  /** Progress lines for the console; keep them few. */
  log: (line: string) => void;
}

export interface LoadReport {
  rows: number;
  /** Wall time from an empty store to ready-for-queries, seconds. */
  seconds: number;
  /** Named phases (bulk load, each index build, analyze …), seconds each. */
  phases: Record<string, number>;
}

/** One way a subject answers a query class (e.g. SQLite's wildcard by GLOB or by FTS5). */
export interface QueryMode {
  class: QueryClass;
  /** Short name shown in the tables, e.g. 'glob', 'fts5', 'trgm+levenshtein'. */
  mode: string;
  /** One line on how it is done, for the report. */
  how: string;
}

export interface QueryAnswer {
  /** Reads returned (the page: newest first, at most `limit`). */
  rows: number;
  /** Exact number of matching reads. */
  total: number;
  /** Distinct plates that matched, when the subject resolves plates first (used for recall). */
  plates?: string[];
}

export interface IngestReport {
  rows: number;
  seconds: number;
  /** True when the deadline stopped it before all rows were in. */
  truncated: boolean;
  /** Hotlist hits raised, when the subject matches (peers leave it undefined). */
  hits?: number;
  /**
   * Where the CPU went during the timed ingest, in cores busy (1 = one core all the time): the
   * server process (all its threads), its main thread, and the load client's thread.
   */
  cpu?: { serverCores: number; serverMainThread: number; client: number };
  /** Batch send → response (durable, matched), ms, when the subject ingests over HTTP. */
  ack?: IngestAck;
  /** Whether `rows`/`seconds` come from a step whose p99 ack kept within W1's 100 ms. */
  ackBoundMet?: boolean;
  /** Each part of the ingest set with its number of senders; `rows`/`seconds` are the fastest within the ack bound. */
  steps?: IngestStep[];
}

export interface IngestAck {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  connections: number;
  readsPerBatch: number;
}

export interface IngestStep {
  connections: number;
  rows: number;
  seconds: number;
  rowsPerSec: number;
  ack: IngestAck;
  cpu?: IngestReport['cpu'];
}

export interface StorageReport {
  bytes: number;
  reads: number;
  /** What was counted, e.g. 'pg_total_relation_size(reads)'. */
  what: string;
}

/** Read → alert latency runs (subjects that raise hits and push them to clients). */
export interface AlertLatencyReport {
  how: string;
  runs: {
    label: string;
    offeredReadsPerSec: number;
    probesSent: number;
    alertsReceived: number;
    p50Ms: number;
    p99Ms: number;
    maxMs: number;
    /** Probes timed (after the warm-up probes). */
    timed: number;
    /** Scheduled send → HTTP answer (durable, matched), for comparison. */
    responseP50Ms: number;
    responseP99Ms: number;
    /** How late the client's sends left versus their schedule, p99 (a client-side limit). */
    clientSendLagP99Ms: number;
    seconds: number;
    errors: string[];
  }[];
}

/** Live-map fan-out (W5): reads pushed to many WebSocket consoles, each with a viewport. */
export interface FanoutReport {
  how: string;
  runs: {
    clients: number;
    /** Consoles that connected and subscribed. */
    connected: number;
    offeredReadsPerSec: number;
    readsSent: number;
    /** Reads delivered, summed over consoles. */
    delivered: number;
    deliveredPerSec: number;
    /** Scheduled send of a read → the frame carrying it arrives (frames go out every 250 ms). */
    lagP50Ms: number;
    lagP99Ms: number;
    /** The server process's CPU time (user + system, /proc) over the run. */
    serverCpuSeconds: number;
    /** Server CPU per delivered read, µs (ingest of the offered reads included). */
    cpuUsPerDelivered: number;
    /** Delivered reads per second of server CPU: the "per core" figure. */
    deliveredPerCpuSecond: number;
    serverRssBytes: number;
    seconds: number;
    errors: string[];
  }[];
}

/** In-memory structures of a subject that keeps them (the platform). */
export interface MemoryReport {
  rssBytes: number;
  hotlistEntries?: number;
  hotlistHeapBytes?: number;
  hotlistArrayBufferBytes?: number;
  hotlistBytes?: number;
  reads?: number;
  plates?: number;
  readIndexBytes?: number;
  plateDictionaryBytes?: number;
  keySetBytes?: number;
  indexBytesPerRead?: number;
  dictionaryBytesPerPlate?: number;
  notes: string[];
}

export interface Subject {
  readonly name: string;
  /** Versions and settings that matter for the figures (disclosed in latest.json). */
  settings(): Promise<Record<string, string>>;
  load(input: LoadInput): Promise<LoadReport>;
  /** The query modes this subject runs; the harness calls `query` with one of them. */
  queryModes(): QueryMode[];
  query(q: Query, mode: string): Promise<QueryAnswer>;
  /** Size on disk of everything that holds the stored reads, indexes included. */
  storage(): Promise<StorageReport>;
  /** Appends further reads (newer than the stored ones) into the indexed store, durably. */
  ingest(rows: ReadColumns, deadline: number): Promise<IngestReport>;
  /** Optional: read → alert latency on a live client, after `ingest` (uses its sustained rate). */
  alertLatency?(deadline: number): Promise<AlertLatencyReport>;
  /** Optional: live-map fan-out to many consoles (W5), after `alertLatency`. */
  fanout?(deadline: number): Promise<FanoutReport>;
  /** Optional: memory of the subject's in-process structures. */
  memory?(): Promise<MemoryReport>;
  close(): Promise<void>;
}

/** Creates a subject; may throw an Error whose message says why it cannot run here. */
export type SubjectFactory = (opts: { workDir: string; quick: boolean }) => Promise<Subject>;
