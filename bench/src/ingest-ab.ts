/**
 * Interleaved A/B of the platform's HTTP ingest: `npm run bench:ingest-ab [-- --configs=...]`.
 *
 * On this shared 2-core VM two full runs differ by ±15 % in ingest, more than most changes
 * move it, so a setting is judged against another on one loaded folder, one after the other:
 * the full data set (seeded as `npm run bench`) and the 1M-entry hotlist are loaded once, then
 * for each configuration the server is started as `npm start` starts it, warmed with 50,000
 * reads, and timed on fresh reads of the ingest set. Printed per configuration: reads/s, cores
 * busy (server process, its main thread, the load client) and the main thread's CPU per read.
 *
 * A configuration is `NAME=value` pairs joined by `,`; `C` is the number of sender
 * connections, any other name an environment variable of the server process (RTCC_DECODE_THREADS,
 * BENCH_SERVER_ARGS …); configurations are joined by `;`. `BENCH_SERVER_MAIN` runs the server of
 * another checkout (its `packages/server/src/main.ts`, e.g. a `git worktree` of an earlier
 * commit), so two commits are compared on one folder.
 *
 * With `--alert=RATE` each configuration, once warmed, runs the bench's read → alert latency
 * instead (RATE reads/s in 10 ms batches with a hotlisted probe in each, then single reads every
 * 20 ms), and prints p50/p99/max from scheduled send to `hit.raised` on a WebSocket.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { loadConfig } from '../../packages/server/src/config/config.ts';
import { createContext } from '../../packages/server/src/bootstrap.ts';
import type { NewRead } from '../../packages/server/src/store/store.types.ts';
import { STATES, defaultParams, generate, generateHotlist, type Dataset } from './generate.ts';
import type { ClientJob, LatencyResult, SustainedResult } from './subjects/openrtcc.client.ts';
import { startServerProcess } from './subjects/server-process.ts';
import { summarize } from './stats.ts';

const { values: args } = parseArgs({
  options: {
    configs: { type: 'string', default: 'RTCC_DECODE_THREADS=0,C=4;RTCC_DECODE_THREADS=1,C=4' },
    reads: { type: 'string', default: '10000000' },
    timed: { type: 'string', default: '200000' },
    seed: { type: 'string', default: '20260105' },
    /** Instead of timed ingest: read → alert latency at this many reads/s (as the bench's half load), then idle. */
    alert: { type: 'string' },
    /** Keep the loaded folder here and reuse it on later runs with the same data (experiments only: each run adds its reads). */
    folder: { type: 'string' },
  },
});
const WARM = 50_000;
const BATCH = 1_000;

interface Setting {
  label: string;
  env: Record<string, string>;
  connections: number;
}

function parseConfigs(text: string): Setting[] {
  return text.split(';').map((label) => {
    const env: Record<string, string> = {};
    let connections = 4;
    for (const pair of label.split(',')) {
      const at = pair.indexOf('=');
      if (at <= 0) throw new Error(`--configs: "${pair}" is not NAME=value`);
      const [name, value] = [pair.slice(0, at), pair.slice(at + 1)];
      if (name === 'C') connections = Number(value);
      else env[name] = value;
    }
    return { label, env, connections };
  });
}

/** A loaded data folder: where, its admin token, its camera ids, the first hotlisted plates (alert probes). */
interface Loaded {
  dataDir: string;
  token: string;
  cameraIds: string[];
  hotPlates: string[];
}

/**
 * Loads the reads and the hotlist into a fresh data folder, or into `folder` (kept, with what was
 * loaded noted beside it, and taken as it is when a later run finds that note).
 */
async function load(d: Dataset, seed: number, folder?: string): Promise<Loaded> {
  const saved = folder && join(folder, 'ingest-ab.json');
  if (saved && existsSync(saved)) return JSON.parse(readFileSync(saved, 'utf8')) as Loaded;
  if (folder) mkdirSync(folder, { recursive: true });
  const dataDir = folder ?? mkdtempSync(join(tmpdir(), 'openrtcc-ingest-ab-'));
  const token = `bench_admin_${randomBytes(18).toString('hex')}`;
  const config = loadConfig({ RTCC_DATA_DIR: dataDir, RTCC_ADMIN_TOKEN: token, RTCC_LOG_LEVEL: 'silent', RTCC_HOST: '127.0.0.1', RTCC_PORT: '0' });
  const ctx = await createContext(config, {});
  const cameraIds: string[] = [];
  for (const c of d.cameras) cameraIds.push((await ctx.cameras.create({ name: `bench camera ${c.id}`, location: [c.lon, c.lat], sourceKeys: [`bench:${c.id}`] })).id);
  for (let start = 0; start < d.base.length; start += 20_000) {
    const batch: NewRead[] = [];
    for (let i = start; i < Math.min(d.base.length, start + 20_000); i++) {
      const p = d.base.plate[i];
      const c = d.base.camera[i] - 1;
      const plate = d.plates[p];
      const location: [number, number] = [d.cameras[c].lon, d.cameras[c].lat];
      batch.push({ sourceSystem: 'bench', sourceEventId: `s${i}`, plate, plateRaw: plate, state: STATES[d.plateState[p]], confidence: d.base.conf[i] / 100, observedAt: d.base.ts[i], cameraId: cameraIds[c], location, locationSource: 'registry', receivedAt: d.base.ts[i] + 1500 });
    }
    await ctx.store.reads.append(batch);
  }
  const hotlist = generateHotlist(d, 1_000_000, seed);
  const list = await ctx.hotlists.create({ name: 'bench hotlist', kind: 'ncic', priority: 2, matchKinds: ['exact', 'ocr-equivalent'] });
  for (let start = 0; start < hotlist.plates.length; start += 50_000) {
    const entries = [];
    for (let i = start; i < Math.min(hotlist.plates.length, start + 50_000); i++) entries.push({ plate: hotlist.plates[i], state: STATES[hotlist.states[i]], reason: 'stolen vehicle', recordId: `R${i}` });
    await ctx.hotlists.addEntries(list.id, entries, 'bench');
  }
  await ctx.store.close();
  const loaded = { dataDir, token, cameraIds, hotPlates: hotlist.plates.slice(0, 5000) };
  if (saved) writeFileSync(saved, JSON.stringify(loaded));
  return loaded;
}

/** JSON bodies of `count` reads of the ingest set from `from`, with event ids under `prefix`. */
function bodies(d: Dataset, cameraIds: string[], from: number, count: number, prefix: string): string[] {
  const out: string[] = [];
  for (let start = from; start < from + count; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(from + count, start + BATCH); i++) {
      const p = d.extra.plate[i];
      batch.push({ plate: d.plates[p], state: STATES[d.plateState[p]], confidence: d.extra.conf[i] / 100, observedAt: new Date(d.extra.ts[i]).toISOString(), cameraId: cameraIds[d.extra.camera[i] - 1], sourceEventId: `${prefix}${i}` });
    }
    out.push(JSON.stringify(batch));
  }
  return out;
}

/** Runs one load-client job in a worker; resolves with its result (SustainedResult, LatencyResult). */
function send<R = SustainedResult>(job: ClientJob): Promise<R> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./subjects/openrtcc.client.ts', import.meta.url), { workerData: job });
    w.once('message', (m: { ok: boolean; result?: R; error?: string }) => {
      void w.terminate();
      if (m.ok && m.result) resolve(m.result);
      else reject(new Error(`load client failed: ${m.error}`));
    });
    w.once('error', reject);
  });
}

async function main(): Promise<void> {
  const seed = Number(args.seed);
  const reads = Number(args.reads);
  const timed = Number(args.timed);
  const settings = parseConfigs(args.configs!);
  const d = generate({ ...defaultParams('full', seed), reads, plates: Math.round(reads / 5) });
  if (settings.length * (WARM + timed) > d.extra.length) throw new Error(`${settings.length} configurations × ${WARM + timed} reads exceed the ${d.extra.length} reads of the ingest set; lower --timed`);
  const t0 = performance.now();
  const { dataDir, token, cameraIds, hotPlates } = await load(d, seed, args.folder);
  // event ids unique to this run, so a kept folder takes every read again
  const run = args.folder ? `${Date.now().toString(36)}-` : '';
  console.log(`loaded ${reads} reads and a 1M-entry hotlist in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  try {
    let next = 0;
    for (const s of settings) {
      // the server process takes its settings from this process's environment
      const saved = Object.fromEntries(Object.keys(s.env).map((k) => [k, process.env[k]]));
      Object.assign(process.env, s.env);
      const server = await startServerProcess(dataDir, token);
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
      try {
        const deadline = performance.timeOrigin + performance.now() + 600_000;
        await send({ kind: 'sustained', port: server.port, token, bodies: bodies(d, cameraIds, next, WARM, `${run}w`), connections: s.connections, deadline });
        next += WARM;
        if (args.alert) {
          await alertLatency(d, cameraIds, hotPlates, server.port, token, Number(args.alert), s.label, `${run}${next}`);
          continue;
        }
        const cpu0 = server.cpuSeconds();
        const r = await send({ kind: 'sustained', port: server.port, token, bodies: bodies(d, cameraIds, next, timed, `${run}x`), connections: s.connections, deadline });
        const cpu1 = server.cpuSeconds();
        next += timed;
        if (r.errors.length > 0 || r.accepted !== timed) throw new Error(`${s.label}: accepted ${r.accepted} of ${timed}: ${r.errors.join(' | ')}`);
        const main = cpu1.mainThread - cpu0.mainThread;
        const ack = summarize(r.ackMs);
        console.log(
          `${s.label}: ${Math.round(r.rows / r.seconds)} reads/s, ack p50 ${ack.p50.toFixed(1)} p99 ${ack.p99.toFixed(1)} ms; cores busy: server ${((cpu1.process - cpu0.process) / r.seconds).toFixed(2)}, main thread ${(main / r.seconds).toFixed(2)}, load client ${r.clientBusy.toFixed(2)}; main thread ${((main * 1e6) / r.rows).toFixed(1)} µs/read`,
        );
      } finally {
        await server.stop();
      }
    }
  } finally {
    if (!args.folder) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The bench's alert-latency runs (subjects/openrtcc.ts): `rate` reads/s in 10 ms batches for 20 s, then idle. */
async function alertLatency(d: Dataset, cameraIds: string[], hotPlates: string[], port: number, token: string, rate: number, label: string, tag: string): Promise<void> {
  const filler = [];
  for (let i = 0; i < 20_000; i++) {
    const p = d.extra.plate[i];
    filler.push({ plate: d.plates[p], state: STATES[d.plateState[p]], confidence: d.extra.conf[i] / 100, observedAt: new Date(d.extra.ts[i]).toISOString(), cameraId: cameraIds[d.extra.camera[i] - 1], sourceEventId: `l${tag}-${i}` });
  }
  const base = { kind: 'latency', port, token, filler, hotPlates, cameraId: cameraIds[0], warmupProbes: 50 } as const;
  const observedBase = d.extra.ts[d.extra.length - 1] + 86_400_000 + Math.floor(Math.random() * 1e9);
  const wall = (ms: number): number => performance.timeOrigin + performance.now() + ms;
  const runs = [
    { name: `${rate} reads/s`, job: { ...base, rate, intervalMs: 10, probes: 2000, observedBase, eventPrefix: `h${tag}-`, deadline: wall(25_000) } },
    { name: 'idle', job: { ...base, rate: 1, intervalMs: 20, probes: 550, observedBase: observedBase + 3_600_000, eventPrefix: `i${tag}-`, deadline: wall(60_000) } },
  ];
  for (const { name, job } of runs) {
    const r = await send<LatencyResult>(job);
    const s = summarize(r.latenciesMs);
    console.log(`${label}: alert ${name}: p50 ${s.p50.toFixed(2)} p99 ${s.p99.toFixed(1)} max ${s.max.toFixed(1)} ms, ${r.received}/${r.sent} alerts${r.errors.length ? `, errors: ${r.errors.slice(0, 3).join(' | ')}` : ''}`);
  }
}

await main();
