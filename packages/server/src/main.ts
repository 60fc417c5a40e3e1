/**
 * Starts an OpenRTCC node: `npm start`.
 */
import './gc-tuning.ts';
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, loadConfig, type Config } from './config/config.ts';
import { createContext } from './bootstrap.ts';
import { buildApp } from './http/app.ts';
import { hugePagesState } from './huge-pages.ts';
import { SqliteReadStore, type ReadIndexOrigin } from './store/sqlite/read.repository.ts';

/** The file that marks a data folder as simulated training data. */
const TRAINING_MARKER = 'TRAINING';

/**
 * Keeps training and real data apart: a training server only writes into a folder marked as
 * training data (marking a new or empty one), and a normal server refuses a marked folder, so a
 * mistyped RTCC_DATA_DIR cannot put simulated hits among real ones, or the reverse.
 * @returns a problem to report, or undefined when the folder fits the mode
 */
function checkDataFolderMode(config: Config): string | undefined {
  const marker = join(config.dataDir, TRAINING_MARKER);
  if (config.training) {
    if (config.databaseUrl) return 'RTCC_TRAINING=true cannot use RTCC_DATABASE_URL: training data stays in its own SQLite folder, never in a shared database';
    if (existsSync(marker)) return undefined;
    if (existsSync(config.dataDir) && readdirSync(config.dataDir).length > 0) {
      return `RTCC_TRAINING=true but ${config.dataDir} holds data and is not marked as a training folder; use another RTCC_DATA_DIR (npm run demo uses ./data-training)`;
    }
    mkdirSync(config.dataDir, { recursive: true });
    writeFileSync(marker, 'This folder holds simulated training data (RTCC_TRAINING=true). Never point a live server at it.\n');
    return undefined;
  }
  if (!config.databaseUrl && existsSync(marker)) return `${config.dataDir} holds simulated training data; start with RTCC_TRAINING=true or choose another RTCC_DATA_DIR`;
  return undefined;
}

/** The start-up line's account of the search index: loaded from the last clean close's snapshot, or rebuilt. */
function describeReadIndex(o: ReadIndexOrigin): string {
  const n = o.readsFromTables.toLocaleString('en-US');
  return o.from === 'snapshot' ? `search index loaded from its snapshot, ${n} newer reads added` : `search index rebuilt from ${n} stored reads`;
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
  const modeProblem = checkDataFolderMode(config);
  if (modeProblem) {
    console.error(modeProblem);
    process.exit(2);
  }
  const ctx = await createContext(config);
  const app = await buildApp(ctx);
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await ctx.store.close();
    const saved = ctx.store.reads instanceof SqliteReadStore ? ctx.store.reads.saved : undefined;
    if (saved) console.log(`OpenRTCC stopped; search index saved for the next start (${(saved.bytes / 1e6).toFixed(0)} MB in ${saved.seconds.toFixed(1)} s)`);
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  const address = await app.listen({ port: config.port, host: config.host });
  const where = config.databaseUrl ? 'PostgreSQL' : `SQLite in ${config.dataDir}`;
  if (config.training) console.log('TRAINING MODE - SIMULATED DATA: every response carries X-RTCC-Mode; nothing here is real');
  const { storeSeconds, hotlistSeconds, readIndex } = ctx.startup;
  const hugePages = hugePagesState();
  console.log(`OpenRTCC start-up: store opened in ${storeSeconds.toFixed(2)} s${readIndex ? ` (${describeReadIndex(readIndex)})` : ''}, hotlist matcher built in ${hotlistSeconds.toFixed(2)} s; huge pages: ${hugePages}`);
  if (readIndex?.snapshotRefused) console.log(`  the saved search index was not used: ${readIndex.snapshotRefused}`);
  if (hugePages === 'off') console.log('  huge pages are off: start with `npm start`, or set GLIBC_TUNABLES=glibc.malloc.hugetlb=1 (docs/configuration.md, "Memory: huge pages")');
  console.log(`OpenRTCC listening on ${address} (store: ${where}, hotlist entries loaded: ${ctx.hotlists.indexSize})`);
  const base = config.publicUrl?.replace(/\/$/, '') ?? address;
  console.log(`  console: ${base}/   API description: ${base}/api/v1/openapi.json   cameras post to ${base}/api/v1/ingest/openalpr?key=<ingest key>`);
  if (ctx.generatedAdminToken) {
    console.log('');
    console.log('  First start: an admin token was generated. It is shown only this once; keep it safe:');
    console.log(`    ${ctx.generatedAdminToken}`);
    console.log('  (or set RTCC_ADMIN_TOKEN to choose your own)');
    console.log('');
  }
}

main().catch((e) => {
  console.error('OpenRTCC failed to start:', e instanceof Error ? e.message : e);
  if (e instanceof Error && e.cause) console.error('  cause:', e.cause instanceof Error ? e.cause.message : e.cause);
  process.exit(1);
});
