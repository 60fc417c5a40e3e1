/**
 * Console tables, one per workload, each with the machine's floor beside the subjects and the
 * ratio to it ("× floor": how many times slower, bigger or less productive than the floor).
 */
import type { QueryClass } from './data/queries.ts';
import type { Floor } from './floor.ts';
import type { SubjectResult } from './measure.ts';
import { sig } from './stats.ts';

type Cell = string | number | undefined;

/** Renders rows as an aligned plain-text table. */
export function table(title: string, headers: string[], rows: Cell[][]): string {
  const text = rows.map((r) => r.map((c) => (c === undefined || (typeof c === 'number' && Number.isNaN(c)) ? '—' : String(c))));
  const widths = headers.map((h, i) => Math.max(h.length, ...text.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]): string => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [`\n## ${title}`, line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...text.map(line)].join('\n');
}

const ratio = (x: number | undefined, floor: number): string => (x === undefined || !floor ? '—' : `${sig(x / floor, 3)}×`);

const CLASS_TITLES: Record<QueryClass, string> = {
  exact: 'exact plate: newest 100 reads + exact total',
  wildcard: 'one unknown character (any position, first included): newest 100 + total',
  substring: 'substring (3 characters): newest 100 + total',
  fuzzy: 'fuzzy (one edit or OCR confusion): newest 100 + total',
  camera: 'camera set (10) + 1 hour window: newest 100 + total',
};

/** The floor row shown under each query class, and the figure ratios are taken against. */
function queryFloor(cls: QueryClass, floor: Floor): { label: string; ms: number } {
  if (cls === 'exact' || cls === 'camera') {
    return { label: 'floor: loopback HTTP round trip p50', ms: floor.loopbackHttp.p50Us / 1000 };
  }
  return { label: `floor: JS full scan of ${floor.plateScan.plates} distinct plates`, ms: floor.plateScan.jsScanMs };
}

/** Builds every table of a run as one printable string. */
export function renderReport(results: SubjectResult[], floor: Floor | undefined, classes: readonly QueryClass[]): string {
  const out: string[] = [];
  if (floor) {
    out.push(
      table('machine floor', ['measure', 'value', 'how'], [
        ['raw append (unindexed SQLite)', `${floor.rawAppend.rowsPerSec} rows/s`, floor.rawAppend.how],
        ['raw table size', `${floor.rawAppend.bytesPerRead} B/read`, 'same file after checkpoint'],
        ['plate scan, JS', `${floor.plateScan.jsScanMs} ms (${floor.plateScan.jsGBps} GB/s)`, `${floor.plateScan.plates} plates × 8 B`],
        ['plate scan, native indexOf', `${floor.plateScan.nativeScanMs} ms (${floor.plateScan.nativeGBps} GB/s)`, 'absent 3-byte needle'],
        ['memory bandwidth', `${floor.memory.GBps} GB/s`, floor.memory.how],
        ['loopback HTTP', `p50 ${floor.loopbackHttp.p50Us} µs, p99 ${floor.loopbackHttp.p99Us} µs`, floor.loopbackHttp.how],
      ]),
    );
  }
  const appendFloor = floor?.rawAppend.rowsPerSec ?? 0;
  out.push(
    table(
      'load and ingest (rows/s; × floor = raw append ÷ subject)',
      ['subject', 'bulk load rows/s', 'load total s', 'ingest into indexed rows/s', '× floor', 'hits raised', 'ack p50 / p99 ms'],
      [
        ...results.map((r): Cell[] => [
          r.name + (r.error ? ' (failed)' : ''),
          r.load ? Math.round(r.load.rows / (Object.values(r.load.phases)[0] ?? r.load.seconds)) : undefined,
          r.load ? sig(r.load.seconds) : undefined,
          r.ingest ? `${r.ingest.rowsPerSec}${r.ingest.truncated ? ' (deadline)' : ''}` : undefined,
          r.ingest && appendFloor ? `${sig(appendFloor / r.ingest.rowsPerSec)}×` : undefined,
          r.ingest?.hits,
          r.ingest?.ack ? `${r.ingest.ack.p50Ms} / ${r.ingest.ack.p99Ms}` : undefined,
        ]),
        ...(floor ? [['floor: raw append, no index', appendFloor, sig(floor.rawAppend.seconds), undefined, '1×'] as Cell[]] : []),
      ],
    ),
  );
  const stepped = results.filter((r) => r.ingest?.steps?.length);
  if (stepped.length > 0) {
    out.push(
      table(
        'ingest by number of senders (W1: the fastest with p99 ack ≤ 100 ms is the figure above)',
        ['subject', 'senders', 'rows', 'rows/s', 'ack p50 / p99 / max ms', 'server cores (main thread)', 'load client cores'],
        stepped.flatMap((r) =>
          r.ingest!.steps!.map((st): Cell[] => [
            r.name,
            st.connections,
            st.rows,
            st.rowsPerSec,
            `${st.ack.p50Ms} / ${st.ack.p99Ms} / ${st.ack.maxMs}`,
            st.cpu ? `${st.cpu.serverCores} (${st.cpu.serverMainThread})` : undefined,
            st.cpu?.client,
          ]),
        ),
      ),
    );
  }
  const bytesFloor = floor?.rawAppend.bytesPerRead ?? 0;
  out.push(
    table('storage (bytes per stored read, indexes included)', ['subject', 'B/read', 'what', '× floor'], [
      ...results.map((r): Cell[] => [r.name, r.storage?.bytesPerRead, r.storage?.what, ratio(r.storage?.bytesPerRead, bytesFloor)]),
      ...(floor ? [['floor: unindexed table', bytesFloor, 'SQLite, no index', '1×'] as Cell[]] : []),
    ]),
  );
  for (const cls of classes) {
    const f = floor ? queryFloor(cls, floor) : undefined;
    const rows: Cell[][] = [];
    for (const r of results) {
      for (const q of r.queries.filter((x) => x.class === cls)) {
        rows.push([
          `${r.name} ${q.mode}`,
          q.p50Ms,
          q.p95Ms,
          q.maxMs,
          `${q.rowsMedian} / ${q.rowsMax}`,
          `${q.totalMedian} / ${q.totalMax}`,
          `${q.correctTotals}/${q.n}${q.truncated ? ' (budget)' : ''}${q.error ? ' ERR' : ''}`,
          q.recall === undefined ? undefined : q.truePlateFound === undefined ? q.recall : `${q.recall} (${q.truePlateFound}/${q.n})`,
          f ? ratio(q.p95Ms, f.ms) : undefined,
        ]);
      }
    }
    if (f) rows.push([f.label, sig(f.ms), undefined, undefined, undefined, undefined, undefined, undefined, '1×']);
    out.push(table(CLASS_TITLES[cls] + ' (ms)', ['subject mode', 'p50', 'p95', 'max', 'rows med/max', 'total med/max', 'totals ok', 'recall', 'p95 × floor'], rows));
  }
  const latencyRows: Cell[][] = [];
  for (const r of results) {
    for (const run of r.alertLatency?.runs ?? []) {
      latencyRows.push([r.name, run.label, run.p50Ms, run.p99Ms, run.maxMs, `${run.alertsReceived}/${run.probesSent}`, run.timed, `${run.responseP50Ms} / ${run.responseP99Ms}`, run.clientSendLagP99Ms]);
    }
  }
  if (latencyRows.length) {
    if (floor) latencyRows.push(['floor', 'loopback HTTP round trip (no store, no match, no WebSocket)', sig(floor.loopbackHttp.p50Us / 1000), sig(floor.loopbackHttp.p99Us / 1000), undefined, undefined, undefined, undefined, undefined]);
    out.push(table('read → alert on a WebSocket client (ms from scheduled send)', ['subject', 'run', 'p50', 'p99', 'max', 'alerts/probes', 'timed', 'HTTP answer p50/p99', 'client send lag p99'], latencyRows));
  }
  const fanRows: Cell[][] = [];
  for (const r of results) {
    for (const run of r.fanout?.runs ?? []) {
      fanRows.push([r.name, `${run.connected}/${run.clients}`, run.offeredReadsPerSec, run.deliveredPerSec, run.cpuUsPerDelivered, run.deliveredPerCpuSecond, `${run.lagP50Ms} / ${run.lagP99Ms}`, `${sig(run.serverRssBytes / 1e6, 3)} MB`, run.errors.length ? run.errors.join(' | ') : undefined]);
    }
  }
  if (fanRows.length) {
    out.push(table('live-map fan-out: reads pushed to consoles, each with a viewport (W5)', ['subject', 'consoles', 'reads/s in', 'delivered/s', 'server CPU µs per delivered', 'delivered per CPU-s', 'lag p50 / p99 ms', 'server RSS', 'errors'], fanRows));
  }
  const memRows: Cell[][] = [];
  const mb = (b: number | undefined): string | undefined => (b === undefined ? undefined : `${sig(b / 1e6, 3)} MB`);
  for (const r of results) {
    const m = r.memory;
    if (!m) continue;
    memRows.push([
      r.name,
      m.hotlistEntries,
      mb(m.hotlistBytes),
      m.indexBytesPerRead,
      m.dictionaryBytesPerPlate,
      m.reads !== undefined && m.readIndexBytes !== undefined && m.plateDictionaryBytes !== undefined
        ? `${mb(m.readIndexBytes + m.plateDictionaryBytes)} (budget ${mb(40 * m.reads + 60 * (m.plates ?? 0))})`
        : undefined,
      mb(m.rssBytes),
    ]);
  }
  if (memRows.length) {
    out.push(table('memory', ['subject', 'hotlist entries', 'hotlist index', 'read index B/read', 'plate dict B/plate', 'search indexes', 'process RSS'], memRows));
  }
  return out.join('\n');
}
