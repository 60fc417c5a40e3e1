/**
 * Tampering with the stored audit trail, caught by the real `audit-verify` CLI run as a child
 * process against the store, as an auditor would: an edited record, a deleted record, and a
 * chain rewritten end to end with consistent hashes (only the published daily roots betray it).
 * On SQLite and on PostgreSQL; the edits bypass the append-only triggers as an attacker with
 * database access could.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import pg from 'pg';
import type { AuditRecord, Store } from '../store/store.types.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import { openPostgresStore } from '../store/postgres/index.ts';
import { createTestDatabase, reportUnavailable } from '../store/postgres/test-database.fixture.ts';
import { AuditService } from './audit.service.ts';
import { DAY_MS, GENESIS, hashRecord } from './audit-hash.ts';
import { publishDueRoots } from './audit-roots.job.ts';

const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const CLI = join(ROOT, 'scripts', 'audit-verify.ts');

/** Runs the CLI with only the store setting of the case (no RTCC_* of the caller leaks in). */
function verify(env: Record<string, string>, args: string[] = []): { code: number | null; out: string } {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('RTCC_')));
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...clean, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

/** Twelve records over the three days before today, their roots published, then two of today. */
async function seed(store: Store): Promise<AuditRecord[]> {
  const audit = new AuditService(store.audit);
  const today = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const out: AuditRecord[] = [];
  for (let i = 0; i < 12; i++) {
    const at = today - (3 - Math.floor(i / 4)) * DAY_MS + 3_600_000 + i * 60_000;
    out.push(await audit.record({ actor: `analyst-${i % 3}`, action: 'reads.search', outcome: 'success', at, justification: { offenseType: 'robbery', caseNumber: `2026-0048${i}` }, query: { plate: `TST${100 + i}` }, resultCount: i }));
  }
  // as at noon today: just after midnight, yesterday is still inside the publishing grace period
  const published = await publishDueRoots(store.audit, today + DAY_MS / 2);
  assert.equal(published.length, 3, 'one root for each finished day');
  for (let i = 0; i < 2; i++) out.push(await audit.record({ actor: 'analyst-1', action: 'reads.get', outcome: 'success', details: { readId: `r${i}` } }));
  return out;
}

/** The chain with record `seq` changed and every later hash and link recomputed. */
function rewritten(records: AuditRecord[], seq: number): AuditRecord[] {
  let prev = GENESIS;
  return records.map((r) => {
    const { hash: _old, ...rest } = r;
    const base = { ...rest, actor: r.seq === seq ? 'someone-else' : r.actor, prevHash: prev };
    const rec = { ...base, hash: hashRecord(base) };
    prev = rec.hash;
    return rec;
  });
}

interface Tamper {
  editActor(seq: number): Promise<void>;
  remove(seq: number): Promise<void>;
  replaceAll(records: AuditRecord[]): Promise<void>;
}

function tamperCases(name: string, open: () => Promise<{ store: Store; env: Record<string, string>; tamper: Tamper; done(): Promise<void> }>): void {
  describe(`audit-verify CLI on ${name}`, () => {
    it('passes an intact chain, with its daily roots checked, while the store is open', async () => {
      const s = await open();
      try {
        await seed(s.store);
        const r = verify(s.env);
        assert.equal(r.code, 0, r.out);
        assert.match(r.out, /records:\s+14 \(seq 1–14/);
        assert.match(r.out, /3 published, 3 checked/);
        assert.match(r.out, /OK/);
      } finally {
        await s.done();
      }
    });

    it('names an edited record', async () => {
      const s = await open();
      try {
        await seed(s.store);
        await s.tamper.editActor(6);
        const r = verify(s.env);
        assert.equal(r.code, 1, r.out);
        assert.match(r.out, /first broken record: seq 6 \(id [0-9a-f-]{36}, at \d{4}-/);
        assert.match(r.out, /content does not match its hash/);
      } finally {
        await s.done();
      }
    });

    it('names a deleted record', async () => {
      const s = await open();
      try {
        await seed(s.store);
        await s.tamper.remove(9);
        const r = verify(s.env);
        assert.equal(r.code, 1, r.out);
        assert.match(r.out, /first broken record: seq 10 /);
        assert.match(r.out, /records? 9 missing/);
      } finally {
        await s.done();
      }
    });

    it('catches a whole chain rewritten with consistent hashes by its published roots, and by a saved copy of them', async () => {
      const s = await open();
      try {
        const records = await seed(s.store);
        const roots = (await s.store.audit.roots.list()).map(({ publishedAt: _p, ...r }) => r);
        const saved = join(mkdtempSync(join(tmpdir(), 'rtcc-roots-')), 'roots.json');
        writeFileSync(saved, JSON.stringify({ items: roots }));
        await s.tamper.replaceAll(rewritten(records, 2));
        const r = verify(s.env);
        assert.equal(r.code, 1, r.out);
        assert.match(r.out, /first broken record: seq 4 /, 'the rewritten day is named by its last record');
        assert.match(r.out, /published root of \d{4}-\d\d-\d\d no longer matches the chain/);
        const fromCopy = verify(s.env, ['--roots', saved]);
        assert.equal(fromCopy.code, 1, fromCopy.out);
        assert.match(fromCopy.out, /3 from the saved copy/);
      } finally {
        await s.done();
      }
    });
  });
}

function sqliteCase(): Promise<{ store: Store; env: Record<string, string>; tamper: Tamper; done(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-audit-'));
  return openSqliteStore({ dataDir: dir, synchronous: 'normal' }).then((store) => {
    // a second connection, as someone with the file would use
    const raw = () => {
      const db = new DatabaseSync(join(dir, 'rtcc.db'));
      db.exec('PRAGMA busy_timeout = 5000; DROP TRIGGER IF EXISTS audit_no_update; DROP TRIGGER IF EXISTS audit_no_delete');
      return db;
    };
    const tamper: Tamper = {
      async editActor(seq) {
        const db = raw();
        db.prepare("UPDATE audit SET body = json_set(body, '$.actor', 'someone-else') WHERE seq = ?").run(seq);
        db.close();
      },
      async remove(seq) {
        const db = raw();
        db.prepare('DELETE FROM audit WHERE seq = ?').run(seq);
        db.close();
      },
      async replaceAll(records) {
        const db = raw();
        db.exec('DELETE FROM audit');
        const ins = db.prepare('INSERT INTO audit (seq, id, at, action, body) VALUES (?, ?, ?, ?, ?)');
        for (const r of records) ins.run(r.seq, r.id, r.at, r.action, JSON.stringify(r));
        db.close();
      },
    };
    return {
      store,
      env: { RTCC_DATA_DIR: dir },
      tamper,
      async done() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  });
}

tamperCases('SQLite', sqliteCase);

describe('audit-verify CLI without a store', () => {
  it('exits 2 saying what it could not read', () => {
    const missing = join(tmpdir(), `rtcc-none-${process.pid}-${Date.now()}`);
    const r = verify({ RTCC_DATA_DIR: missing });
    assert.equal(r.code, 2, r.out);
    assert.match(r.out, /no OpenRTCC database at .*rtcc\.db/);
    const bad = verify({ RTCC_DATA_DIR: missing, RTCC_SQLITE_SYNC: 'sometimes' });
    assert.equal(bad.code, 2, bad.out);
    assert.match(bad.out, /RTCC_SQLITE_SYNC/);
  });
});

const target = await createTestDatabase('audit_tamper');
if (target.ok) {
  const { db } = target;
  after(() => db.drop());
  let n = 0;
  tamperCases('PostgreSQL', async () => {
    // each case in its own schema of the test database, reached through the URL's search_path
    const schema = `tamper_${++n}`;
    const store = await openPostgresStore(db.url, { schema, maxConnections: 2 });
    const url = new URL(db.url);
    url.searchParams.set('options', `-c search_path=${schema}`);
    const su = new pg.Client({ connectionString: url.toString() });
    await su.connect();
    // as the superuser: switch off the append-only triggers, as an attacker with that role could
    await su.query('ALTER TABLE audit_log DISABLE TRIGGER USER');
    const cols = (r: AuditRecord) => [r.seq, r.id, r.at, r.actor, r.action, r.from ?? null, r.outcome, r.justification ? JSON.stringify(r.justification) : null, r.query ? JSON.stringify(r.query) : null, r.resultCount ?? null, r.details ? JSON.stringify(r.details) : null, r.prevHash, r.hash];
    const tamper: Tamper = {
      async editActor(seq) {
        await su.query("UPDATE audit_log SET actor = 'someone-else' WHERE seq = $1", [seq]);
      },
      async remove(seq) {
        await su.query('DELETE FROM audit_log WHERE seq = $1', [seq]);
      },
      async replaceAll(records) {
        await su.query('DELETE FROM audit_log');
        for (const r of records) {
          await su.query(
            `INSERT INTO audit_log (seq, id, at, actor, action, from_addr, outcome, justification, query, result_count, details, prev_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
            cols(r),
          );
        }
      },
    };
    return {
      store,
      env: { RTCC_DATABASE_URL: url.toString() },
      tamper,
      async done() {
        await su.end();
        await store.close();
      },
    };
  });
} else {
  reportUnavailable('audit-verify CLI on PostgreSQL', target.reason);
}
