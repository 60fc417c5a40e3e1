/**
 * The retention job end to end on real stores: a read past its period disappears from search,
 * from the SQLite file's tables and from PostgreSQL, while a held read and a hit's read stay;
 * releasing the hold lets the next run delete it; every run is recorded and audited.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { after, describe, it } from 'node:test';
import pg from 'pg';
import type { Hit } from '@openrtcc/domain';
import { AuditService } from '../governance/audit.service.ts';
import { JUSTIFICATION } from '../http/test-app.ts';
import { ReadSearchService } from '../search/read-search.service.ts';
import { newRead, uid } from '../store/contract/fixtures.ts';
import { openPostgresStore } from '../store/postgres/index.ts';
import { createTestDatabase, reportUnavailable } from '../store/postgres/test-database.fixture.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.types.ts';
import { DAY_MS } from './retention-policy.ts';
import { RetentionService } from './retention.service.ts';

const NOW = Date.UTC(2026, 5, 30, 3, 0, 0);
const ADMIN = { name: 'admin (test)', from: '127.0.0.1' };

/** Counts the stored rows of a read by its source event id, straight from the database. */
type RowsOf = (sourceEventId: string) => Promise<number>;
/** The read tables (day partitions) that exist now, straight from the database's catalog. */
type Tables = () => Promise<string[]>;

function hitFor(readId: string, plate: string, observedAt: number): Hit {
  return {
    id: uid('hit'),
    readId,
    hotlistId: 'list-1',
    hotlistName: 'Synthetic stolen list',
    priority: 1,
    entryId: uid('entry'),
    entryPlate: plate,
    entryReason: 'stolen vehicle',
    recordAgeMs: DAY_MS,
    readPlate: plate,
    matchedCandidate: false,
    matchKind: 'exact',
    confidence: 0.9,
    stateMatches: null,
    observedAt,
    status: 'pending',
    raisedAt: observedAt + 100,
  };
}

async function scenario(store: Store, rowsOf: RowsOf, tables: Tables, oldDay: string): Promise<void> {
  const audit = new AuditService(store.audit);
  const search = new ReadSearchService(store.reads, audit);
  let clock = NOW;
  const retention = new RetentionService({ store, audit, now: () => clock });
  const old = NOW - 40 * DAY_MS;
  const inputs = {
    expired: newRead({ observedAt: old, plate: 'EXP401', receivedAt: old + 1000 }),
    withHit: newRead({ observedAt: old + 60_000, plate: 'HIT402', receivedAt: old + 61_000 }),
    heldById: newRead({ observedAt: old + 120_000, plate: 'HLD403', receivedAt: old + 121_000 }),
    heldByPlate: newRead({ observedAt: old + 180_000, plate: 'CASE404', receivedAt: old + 181_000 }),
    fresh: newRead({ observedAt: NOW - DAY_MS, plate: 'NEW405', receivedAt: NOW - DAY_MS + 1000 }),
  };
  const { stored } = await store.reads.append(Object.values(inputs));
  const [expired, withHit, heldById, , fresh] = stored;
  await store.hits.insertMany([hitFor(withHit.id, withHit.plate, withHit.observedAt)]);
  const byId = await retention.placeHold({ caseNumber: '2026-000777', reason: 'robbery investigation evidence', readIds: [heldById.id] }, ADMIN);
  await retention.placeHold({ caseNumber: '2026-000778', reason: 'vehicle of interest in a homicide', plates: ['case 404'] }, ADMIN);

  assert.ok((await tables()).includes(oldDay), `${oldDay} exists before the run`);
  const found = async (plate: string) => (await search.search({ plate, justification: JUSTIFICATION, limit: 10 }, ADMIN)).total;
  assert.equal(await found('EXP401'), 1, 'the expired read is there before the run');

  const run = await retention.run('manual', ADMIN);

  assert.equal(run.status, 'succeeded', run.error);
  assert.equal(run.deleted.reads, 1);
  assert.equal(run.deleted.readsWithHits, 0);
  assert.equal(run.cutoffs.reads, NOW - 30 * DAY_MS);
  assert.equal(await found('EXP401'), 0, 'gone from search');
  assert.equal(await store.reads.get(expired.id), undefined);
  assert.equal(await rowsOf(inputs.expired.sourceEventId), 0, 'gone from the live tables');
  for (const p of ['HIT402', 'HLD403', 'CASE404', 'NEW405']) assert.equal(await found(p), 1, `${p} stays`);
  for (const k of ['withHit', 'heldById', 'heldByPlate', 'fresh'] as const) assert.equal(await rowsOf(inputs[k].sourceEventId), 1, `${k} is still stored`);
  assert.equal((await store.reads.get(fresh.id))?.id, fresh.id);
  assert.ok(!(await tables()).includes(oldDay), `the whole day ${oldDay} was dropped, its kept reads moved out first`);

  // released, the held read goes with the next run; the other hold still keeps its plate
  await retention.releaseHold(byId.id, 'case closed, evidence released', ADMIN);
  clock += 60_000;
  const second = await retention.run('manual', ADMIN);
  assert.equal(second.deleted.reads, 1);
  assert.equal(await found('HLD403'), 0);
  assert.equal(await rowsOf(inputs.heldById.sourceEventId), 0);
  assert.equal(await found('CASE404'), 1);

  const runs = await retention.listRuns(10);
  assert.deepEqual(runs.map((r) => r.id), [second.id, run.id]);
  assert.ok(runs.every((r) => r.finishedAt !== undefined && r.status === 'succeeded'));
  const totals = await retention.deletionTotals(NOW - DAY_MS);
  assert.equal(totals.find((t) => t.dataType === 'reads')?.deleted, 2);
  const audited = await audit.list({ limit: 20, action: 'retention.run' });
  assert.equal(audited.total, 2);
  assert.deepEqual((audited.items[0].details as { deleted: Record<string, number> }).deleted, second.deleted);
  assert.equal((await audit.list({ limit: 5, action: 'retention.hold.released' })).total, 1);
}

describe('retention job: order of the steps, held windows, one run at a time', () => {
  it('deletes an expired hit and then its read in the same run; a held window keeps every type inside it', async () => {
    const store = await openSqliteStore({ dataDir: ':memory:' });
    try {
      const audit = new AuditService(store.audit);
      const retention = new RetentionService({ store, audit, now: () => NOW });
      await retention.setPolicy({ preset: 'standard', overrides: { hits: 30 } }, ADMIN);
      const t40 = NOW - 40 * DAY_MS;
      const t60 = NOW - 60 * DAY_MS;
      const { stored } = await store.reads.append([newRead({ observedAt: t40, plate: 'STALE41' }), newRead({ observedAt: t60, plate: 'WIN601' })]);
      const staleHit = hitFor(stored[0].id, 'STALE41', t40);
      await store.hits.insertMany([staleHit]);
      const inWindow = { id: uid('gs'), vendor: 'v', sourceEventId: uid('e'), detectedAt: t60 + 1000, location: [-87.6, 41.8] as [number, number], humanReviewed: false, receivedAt: t60 + 2000, updatedAt: t60 };
      const outside = { ...inWindow, id: uid('gs'), sourceEventId: uid('e'), detectedAt: NOW - 400 * DAY_MS };
      await store.gunshots.upsert(inWindow);
      await store.gunshots.upsert(outside);
      await retention.placeHold({ caseNumber: '2026-9', reason: 'mass casualty incident, keep all', window: { from: new Date(t60 - 3_600_000).toISOString(), to: new Date(t60 + 3_600_000).toISOString() } }, ADMIN);

      const running = retention.run('manual', ADMIN);
      await assert.rejects(retention.run('manual', ADMIN), { code: 'conflict' });
      const run = await running;

      assert.deepEqual([run.deleted.hits, run.deleted.reads, run.deleted.gunshots], [1, 1, 1]);
      assert.equal(await store.hits.get(staleHit.id), undefined);
      assert.equal(await store.reads.get(stored[0].id), undefined, 'its only hit expired, so the read went with the reads not tied to a hit');
      assert.equal((await store.reads.get(stored[1].id))?.id, stored[1].id, 'held by the window');
      assert.equal((await store.gunshots.get(inWindow.id))?.id, inWindow.id);
      assert.equal(await store.gunshots.get(outside.id), undefined);
    } finally {
      await store.close();
    }
  });
});

describe('retention job on SQLite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rtcc-retention-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('deletes an expired read from search and from the file, keeps held and hit reads', async () => {
    const store = await openSqliteStore({ dataDir: dir });
    const file = new DatabaseSync(join(dir, 'rtcc.db'), { readOnly: true });
    const rowsOf: RowsOf = async (eventId) => {
      const tables = file.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'reads\\_%' ESCAPE '\\'").all() as { name: string }[];
      assert.ok(tables.length > 0);
      return tables.reduce((n, t) => n + Number((file.prepare(`SELECT count(*) AS n FROM ${t.name} WHERE event_id = ?`).get(eventId) as { n: number }).n), 0);
    };
    const tables: Tables = async () => (file.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    try {
      await scenario(store, rowsOf, tables, 'reads_20260521');
    } finally {
      file.close();
      await store.close();
    }
  });
});

const target = await createTestDatabase('retention');
if (target.ok) {
  describe('retention job on PostgreSQL', () => {
    after(() => target.db.drop());

    it('deletes an expired read from search and from the tables, keeps held and hit reads', async () => {
      const store = await openPostgresStore(target.db.url, { maxConnections: 3 });
      const client = new pg.Client({ connectionString: target.db.url });
      await client.connect();
      const rowsOf: RowsOf = async (eventId) => Number((await client.query('SELECT count(*) AS n FROM reads WHERE source_event_id = $1', [eventId])).rows[0].n);
      const tables: Tables = async () => (await client.query("SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'reads'::regclass")).rows.map((r) => r.name);
      try {
        await scenario(store, rowsOf, tables, 'reads_p20260521');
      } finally {
        await client.end();
        await store.close();
      }
    });
  });
} else {
  reportUnavailable('retention job on PostgreSQL', target.reason);
}
