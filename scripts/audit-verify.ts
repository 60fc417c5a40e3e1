/**
 * Verifies the audit trail from outside the server: `npm run audit:verify [-- --roots saved.json] [--json]`.
 *
 * Reads the same RTCC_* settings as the server (RTCC_DATABASE_URL for PostgreSQL, else the SQLite
 * file under RTCC_DATA_DIR) and may run while the server runs: SQLite is opened read-only, without
 * migrating or checkpointing; PostgreSQL is only read. Streams the chain in sequence order,
 * checking sequence numbers, links and hashes, then compares every published daily root (and
 * those of `--roots`, a copy an auditor saved from GET /api/v1/audit/roots) with the chain.
 *
 * Exit code: 0 the chain holds, 1 it is broken (the first broken record is named), 2 the store
 * or the settings could not be read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../packages/server/src/config/config.ts';
import { verifyAuditChain, type ChainReport, type RootToCheck } from '../packages/server/src/governance/audit-chain.ts';
import { databasePath } from '../packages/server/src/store/sqlite/database.ts';
import { SqliteAuditStore } from '../packages/server/src/store/sqlite/audit.repository.ts';
import type { AuditRecord, AuditRoot } from '../packages/server/src/store/store.types.ts';
import { redactUrl } from '../packages/server/src/config/redact-url.ts';

/** What the verifier reads: the chain in order and the published roots. */
interface ChainSource {
  where: string;
  roots(): Promise<AuditRoot[]>;
  records(): AsyncIterable<AuditRecord>;
  close(): Promise<void>;
}

class CannotOpen extends Error {}

async function openSqlite(dataDir: string): Promise<ChainSource> {
  const path = databasePath({ dataDir });
  if (!existsSync(path)) throw new CannotOpen(`no OpenRTCC database at ${path} (check RTCC_DATA_DIR)`);
  // No WAL beside the file: no server has it open, so read it as immutable and leave no -wal or
  // -shm file behind (owned by whoever ran this, which could lock the server's user out later).
  // With a WAL, the server (or a crash) left it: plain read-only, through the server's -shm.
  const idle = !existsSync(`${path}-wal`);
  const target = idle ? Object.assign(pathToFileURL(path), { search: '?immutable=1' }) : path;
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(target, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM audit').get();
  } catch (e) {
    throw new CannotOpen(`cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const store = new SqliteAuditStore(db);
  const hasRoots = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'audit_roots'").get() !== undefined;
  return {
    where: `SQLite ${path} (read-only${idle ? ', not in use' : ''})`,
    roots: async () => (hasRoots ? store.roots.list() : []),
    records: () => store.all(),
    close: async () => db.close(),
  };
}

async function openPostgres(url: string): Promise<ChainSource> {
  const { default: pg } = await import('pg');
  const { dbOn } = await import('../packages/server/src/store/postgres/pg.client.ts');
  const { auditRepository } = await import('../packages/server/src/store/postgres/audit.repository.ts');
  const pool = new pg.Pool({ connectionString: url, max: 2, connectionTimeoutMillis: 10_000 });
  pool.on('error', () => undefined);
  const where = `PostgreSQL ${redactUrl(url, '(RTCC_DATABASE_URL)')}`;
  let hasRoots: boolean;
  try {
    const r = await pool.query<{ audit: string | null; roots: string | null }>("SELECT to_regclass('audit_log')::text AS audit, to_regclass('audit_roots')::text AS roots");
    if (!r.rows[0].audit) throw new Error('no audit_log table: is this an OpenRTCC database?');
    hasRoots = r.rows[0].roots !== null;
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new CannotOpen(`cannot read ${where}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const store = auditRepository(dbOn(pool));
  return { where, roots: async () => (hasRoots ? store.roots.list() : []), records: () => store.all(), close: () => pool.end() };
}


/** Roots from a file saved from GET /api/v1/audit/roots (`{ items: [...] }`) or a plain array. */
function rootsFromFile(file: string): RootToCheck[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CannotOpen(`cannot read the roots file ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const items = Array.isArray(parsed) ? parsed : (parsed as { items?: unknown })?.items;
  if (!Array.isArray(items)) throw new CannotOpen(`${file} holds no list of roots (save the answer of GET /api/v1/audit/roots)`);
  return items.map((r, i) => {
    const x = r as Record<string, unknown>;
    const ok = typeof x.day === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(x.day) && typeof x.root === 'string' && [x.records, x.firstSeq, x.lastSeq].every(Number.isSafeInteger);
    if (!ok) throw new CannotOpen(`${file}: root ${i + 1} needs day, records, firstSeq, lastSeq and root`);
    return { day: x.day as string, records: x.records as number, firstSeq: x.firstSeq as number, lastSeq: x.lastSeq as number, root: x.root as string, source: file };
  });
}

const n = (v: number | undefined) => (v === undefined ? '—' : v.toLocaleString('en-US'));
const iso = (ms: number | undefined) => (ms === undefined ? '—' : new Date(ms).toISOString());

function summary(where: string, report: ChainReport, published: number, fromFile: number): string {
  const lines = [
    'OpenRTCC audit chain verification',
    `  store:        ${where}`,
    `  records:      ${n(report.records)}${report.records ? ` (seq ${n(report.firstSeq)}–${n(report.lastSeq)}, last at ${iso(report.lastAt)})` : ''}`,
    `  latest hash:  ${report.lastHash ?? '—'}`,
    `  daily roots:  ${n(published)} published${fromFile ? `, ${n(fromFile)} from the saved copy` : ''}, ${n(report.rootsChecked)} checked${report.latestRootDay ? ` (newest ${report.latestRootDay})` : ''}`,
  ];
  if (report.ok) {
    lines.push('  result:       OK: every sequence number, link and hash holds, and every published root matches the chain');
  } else {
    const b = report.broken!;
    lines.push('  result:       BROKEN');
    lines.push(`  first broken record: seq ${b.seq}${b.id ? ` (id ${b.id}, at ${iso(b.at)})` : ''}`);
    lines.push(`  why:          ${b.reason}`);
  }
  return lines.join('\n');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { roots: { type: 'string' }, json: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  if (values.help) {
    console.log('npm run audit:verify [-- --roots saved-roots.json] [--json]\n  exit 0: the chain holds; 1: broken (first broken record named); 2: cannot read the store');
    return 0;
  }
  let source: ChainSource;
  let extra: RootToCheck[] = [];
  try {
    const config = loadConfig();
    if (values.roots) extra = rootsFromFile(values.roots);
    source = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openSqlite(config.dataDir);
  } catch (e) {
    if (e instanceof ConfigError || e instanceof CannotOpen) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  try {
    const published = await source.roots();
    const report = await verifyAuditChain(source.records(), [...published, ...extra]);
    console.log(values.json ? JSON.stringify({ store: source.where, published: published.length, ...report }, null, 2) : summary(source.where, report, published.length, extra.length));
    return report.ok ? 0 : 1;
  } catch (e) {
    console.error(`reading the audit chain from ${source.where} failed: ${e instanceof Error ? e.message : String(e)}`);
    return 2;
  } finally {
    await source.close().catch(() => undefined);
  }
}

process.exitCode = await main();
