/**
 * The benchmark run: `npm run bench [-- --quick] [--only=sqlite,postgres] [--seed=N]
 * [--skip-floor] [--out=path.json]`.
 *
 * Generates the seeded data set, measures the machine's floor, then each subject one after
 * another on the same data, prints one table per workload and writes bench/results/latest.json
 * (shape in bench/README.md). Only 127.0.0.1 is ever contacted; every loop is bounded.
 */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildQueries, defaultParams, describeDataset, generate, generateHotlist, hotlistTruth } from './generate.ts';
import { QUERY_CLASSES, type QueryClass } from './data/queries.ts';
import { measureFloor, type Floor } from './floor.ts';
import { machineInfo } from './machine.ts';
import { measureSubject, type SubjectResult } from './measure.ts';
import { createOracle, type Truth } from './oracle.ts';
import { renderReport } from './report.ts';
import { sig } from './stats.ts';
import { SUBJECTS } from './subjects/index.ts';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string', default: '20260105' },
    'skip-floor': { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});

const runStart = performance.now();
const log = (line: string): void => {
  console.log(`[${((performance.now() - runStart) / 1000).toFixed(1).padStart(6)} s] ${line}`);
};

async function main(): Promise<void> {
  const startedAt = new Date().toISOString();
  const quick = args.quick === true;
  const seed = Number(args.seed);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${args.seed}`);
  const names = args.only ? args.only.split(',').map((s) => s.trim()).filter(Boolean) : Object.keys(SUBJECTS);
  for (const n of names) if (!SUBJECTS[n]) throw new Error(`unknown subject ${n}; known: ${Object.keys(SUBJECTS).join(', ')}`);

  const machine = await machineInfo();
  log(`${machine.cpuModel}, ${machine.cores} cores, ${(machine.ramBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, SQLite ${machine.sqlite}, PostgreSQL ${machine.postgres}`);

  const params = defaultParams(quick ? 'quick' : 'full', seed);
  const hotlistSize = quick ? 100_000 : 1_000_000;
  let t = performance.now();
  const data = generate(params);
  const generateSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const hotlist = generateHotlist(data, hotlistSize, seed);
  const queries = buildQueries(data, seed);
  const ingestTruth = hotlistTruth(data, hotlist, data.extra);
  const dataset = {
    ...describeDataset(data),
    generateSeconds: sig(generateSeconds),
    hotlistEntries: hotlist.size,
    hotlistPlatesInData: hotlist.listedPlateIds.length,
    hotlistHitsInStored: hotlistTruth(data, hotlist, data.base).hits,
    hotlistHitsInIngest: ingestTruth.hits,
    hotlistOcrEquivalentHitsInIngest: ingestTruth.ocrHits,
    hotlistAndQueriesSeconds: sig((performance.now() - t) / 1000),
  };
  log(`data: ${JSON.stringify(dataset)}`);

  t = performance.now();
  const oracle = createOracle(data);
  const truths = {} as Record<QueryClass, Truth[]>;
  for (const cls of QUERY_CLASSES) truths[cls] = queries.byClass[cls].map((q) => oracle.truth(q));
  log(`oracle: ground truth for ${QUERY_CLASSES.length} × ${queries.warmups + queries.timed} queries in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const workDir = mkdtempSync(join(tmpdir(), 'openrtcc-bench-'));
  // An interrupted run must not leave gigabytes of database files in the temp folder.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      rmSync(workDir, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const results: SubjectResult[] = [];
  let floor: Floor | undefined;
  const resultsDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const outFiles = [join(resultsDir, 'latest.json'), ...(args.out ? [args.out] : [])];
  /** Writes the results so far (after every subject, so a stopped run still leaves its figures). */
  const writeOut = (done: boolean): string => {
    const text = renderReport(results, floor, QUERY_CLASSES);
    const report = {
      version: 1,
      complete: done,
      startedAt,
      finishedAt: new Date().toISOString(),
      seconds: sig((performance.now() - runStart) / 1000),
      argv: process.argv.slice(2),
      machine,
      params: { mode: quick ? 'quick' : 'full', ...params, hotlistEntries: hotlistSize, queriesPerClass: queries.timed, warmups: queries.warmups, pageSize: 100 },
      dataset,
      floor,
      subjects: Object.fromEntries(results.map((r) => [r.name, r])),
    };
    for (const f of outFiles) writeFileSync(f, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(join(resultsDir, 'latest.txt'), text + '\n');
    return text;
  };
  try {
    if (!args['skip-floor']) floor = await measureFloor(data, workDir, log);
    for (const name of names) {
      log(`${name}: starting`);
      let subject;
      try {
        subject = await SUBJECTS[name]({ workDir, quick });
      } catch (err) {
        log(`${name}: cannot run: ${(err as Error).message}`);
        results.push({ name, settings: {}, queries: [], error: (err as Error).message });
        continue;
      }
      try {
        results.push(
          await measureSubject(subject, {
            data,
            hotlist,
            queries,
            truths,
            classBudgetMs: quick ? 3_000 : 60_000,
            ingestBudgetMs: quick ? 20_000 : 600_000,
            latencyBudgetMs: quick ? 15_000 : 120_000,
            log,
          }),
        );
      } finally {
        await subject.close();
      }
      writeOut(false);
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }

  const text = writeOut(true);
  console.log(text);
  log(`wrote ${outFiles.join(', ')} and latest.txt`);
  if (results.some((r) => r.error)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
