// Quarantine replay over HTTP, on SQLite and on PostgreSQL: one item and bulk, reads through the
// pipeline, EIDO and OsmAnd through their modules; a fixed decoder's item is marked replayed, a
// still-broken one keeps its new error; replaying twice duplicates nothing; admin only, audited.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import type { Config } from '../../config/config.ts';
import { createTestDatabase, reportUnavailable, type TestDatabase } from '../../store/postgres/test-database.fixture.ts';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

const ALPR_GROUP = readFileSync(new URL('../../ingest/openalpr/fixtures/alpr-group.v2.json', import.meta.url));
const EIDO = readFileSync(new URL('../../ingest/eido/fixtures/incident-open.eido.json', import.meta.url));

interface ItemView {
  id: string;
  status: 'quarantined' | 'replayed';
  reason: string;
  replay?: { outcome: string; attempts: number; reason?: string; by: string; at: string; result?: Record<string, unknown> };
}

function replaySuite(name: string, config: () => Partial<Config>): void {
  describe(`quarantine replay (${name})`, () => {
    let t: TestApp;
    /** Puts a payload in quarantine as an older, buggier decoder would have: the current one reads it. */
    const quarantineAsIfOldDecoderFailed = async (sourceSystem: string, route: string, body: Buffer, extra: { query?: string; receivedAt?: number } = {}) =>
      (await t.ctx.quarantine.put({ sourceSystem, route, contentType: 'application/json', body, receivedAt: extra.receivedAt ?? Date.now(), reason: 'decoder bug fixed since', query: extra.query })).id;
    const replay = async (id: string, token?: string) => t.call({ method: 'POST', url: `/api/v1/quarantine/${id}/replay`, token });

    before(async () => {
      t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad', 'avl'], ...config() });
    });
    after(async () => t?.close());

    it('keeps a phone post that failed with its query fields for a replay, never with its key', async () => {
      const { key } = (await t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'phone 7', kind: 'osmand' } })).json();
      // Traccar Client 9 posts JSON; a truncated body with the key in the URL is quarantined
      const res = await t.call({ method: 'POST', url: `/api/v1/ingest/osmand?id=QKEY7&key=${encodeURIComponent(key)}`, token: null, headers: { 'content-type': 'application/json' }, payload: '{"device_id": "QKEY7", "location": {' });
      assert.equal(res.statusCode, 200, res.body);
      const id = res.json().quarantined.id as string;
      const item = await t.ctx.store.quarantine.get(id);
      assert.match(item?.query ?? '', /id=QKEY7/);
      assert.ok(!(item?.query ?? '').includes(key), 'the ingest key is not kept in quarantine');
    });

    it('replays a read payload the decoder now reads: stored once, marked replayed, not quarantined again', async () => {
      const id = await quarantineAsIfOldDecoderFailed('openalpr', '/api/v1/ingest/openalpr', ALPR_GROUP);
      const total = (await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().total;
      const reads = await t.ctx.store.reads.count();
      const first = await replay(id);
      assert.equal(first.statusCode, 200, first.body);
      const item = first.json() as ItemView;
      assert.equal(item.status, 'replayed');
      assert.equal(item.replay?.outcome, 'replayed');
      assert.equal(item.replay?.attempts, 1);
      assert.equal(item.replay?.result?.accepted, 1);
      const readId = (item.replay?.result?.readIds as string[])[0];
      const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${readId}` })).json();
      assert.equal(read.plate, 'GRP2024');
      assert.equal(await t.ctx.store.reads.count(), reads + 1);

      const second = (await replay(id)).json() as ItemView;
      assert.equal(second.replay?.attempts, 2);
      assert.equal(second.replay?.result?.accepted, 0);
      assert.equal(second.replay?.result?.duplicates, 1);
      assert.deepEqual(second.replay?.result?.readIds, [readId]);
      assert.equal(await t.ctx.store.reads.count(), reads + 1, 'no second read');
      assert.equal((await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().total, total, 'kept for the record, nothing new quarantined');
      assert.equal(((await t.call({ method: 'GET', url: `/api/v1/quarantine/${id}` })).json() as ItemView).status, 'replayed');
    });

    it('keeps a payload that still fails in quarantine with its new error', async () => {
      const res = await t.call({ method: 'POST', url: '/api/v1/ingest/openalpr', headers: { 'content-type': 'application/json' }, payload: '{"data_type":"alpr_group",' });
      assert.equal(res.statusCode, 202);
      const id = res.json().quarantined.id as string;
      const item = (await replay(id)).json() as ItemView;
      assert.equal(item.status, 'quarantined');
      assert.equal(item.replay?.outcome, 'failed');
      assert.match(String(item.replay?.reason), /JSON/i);
      assert.equal(item.reason, res.json().quarantined.reason, 'the original reason stays');
    });

    it('replays EIDO through the cad module and OsmAnd (query string) through the avl module, idempotently', async () => {
      const eido = await quarantineAsIfOldDecoderFailed('eido', '/api/v1/ingest/eido', EIDO);
      const first = (await replay(eido)).json() as ItemView;
      assert.equal(first.status, 'replayed', JSON.stringify(first.replay));
      const incidents = first.replay?.result?.incidents as { id: string; created: boolean }[];
      assert.equal(incidents[0].created, true);
      const again = (await replay(eido)).json() as ItemView;
      const incidentsAgain = again.replay?.result?.incidents as { id: string; created: boolean }[];
      assert.equal(incidentsAgain[0].id, incidents[0].id);
      assert.equal(incidentsAgain[0].created, false);

      const phone = await quarantineAsIfOldDecoderFailed('osmand', '/api/v1/ingest/osmand', Buffer.alloc(0), { query: 'id=RPL7&lat=38.9&lon=-77.0&timestamp=1767261600' });
      const fix = (await replay(phone)).json() as ItemView;
      assert.equal(fix.status, 'replayed', JSON.stringify(fix.replay));
      assert.equal(fix.replay?.result?.accepted, 1);
      assert.equal(((await replay(phone)).json() as ItemView).replay?.result?.duplicates, 1);
      const unit = await t.call({ method: 'GET', url: '/api/v1/units/RPL7' });
      assert.equal(unit.statusCode, 200, unit.body);
    });

    it('bulk-replays pending items of a family in a receive window, oldest first, a bounded batch at a time', async () => {
      const base = Date.UTC(2026, 1, 2, 8, 0, 0);
      const family = 'openalpr';
      const group = (n: number) => {
        const g = JSON.parse(ALPR_GROUP.toString('utf8'));
        g.best_uuid = `${g.best_uuid}-bulk-${base}-${n}`;
        g.best_plate_number = `BLK${n}00`;
        g.best_plate.plate = g.best_plate_number;
        return Buffer.from(JSON.stringify(g));
      };
      const ids: string[] = [];
      for (let n = 0; n < 3; n++) ids.push(await quarantineAsIfOldDecoderFailed(family, '/api/v1/ingest/openalpr', group(n), { receivedAt: base + n * 1000 }));
      const outside = await quarantineAsIfOldDecoderFailed(family, '/api/v1/ingest/openalpr', group(9), { receivedAt: base + 60_000 });
      const window = { sourceSystem: family, from: new Date(base).toISOString(), to: new Date(base + 10_000).toISOString() };
      const firstBatch = await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: { ...window, limit: 2 } });
      assert.equal(firstBatch.statusCode, 200, firstBatch.body);
      const a = firstBatch.json();
      assert.deepEqual(a.items.map((i: ItemView) => i.id), ids.slice(0, 2));
      assert.equal(a.replayed, 2);
      assert.equal(a.more, true);
      const b = (await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: { ...window, limit: 2 } })).json();
      assert.deepEqual(b.items.map((i: ItemView) => i.id), [ids[2]]);
      assert.equal(b.more, false);
      const c = (await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: window })).json();
      assert.equal(c.attempted, 0, 'replayed items are not taken again');
      assert.equal(((await t.call({ method: 'GET', url: `/api/v1/quarantine/${outside}` })).json() as ItemView).status, 'quarantined', 'outside the window');
      const bad = await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: { from: 'yesterday' } });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.json().error.code, 'validation_failed');
      const reversed = await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: { from: window.to, to: window.from } });
      assert.equal(reversed.statusCode, 400);
      const tooMany = await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', payload: { limit: 100_000 } });
      assert.equal(tooMany.statusCode, 400);
    });

    it('is for admins only, answers 404 for an unknown item, and audits each replay', async () => {
      const id = await quarantineAsIfOldDecoderFailed('openalpr', '/api/v1/ingest/openalpr', Buffer.from('not json'));
      const supervisor = await signInAs(t, await enrolUser(t, `replay-sup-${name.replace(/\W/g, '')}`, 'supervisor'));
      const refused = await replay(id, supervisor);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().error.code, 'forbidden');
      assert.equal((await t.call({ method: 'POST', url: '/api/v1/quarantine/replay', token: supervisor, payload: {} })).statusCode, 403);
      const missing = await replay('00000000-0000-4000-8000-000000000000');
      assert.equal(missing.statusCode, 404);
      await replay(id);
      const audit = (await t.call({ method: 'GET', url: '/api/v1/audit', query: { action: 'quarantine.replay', limit: '100' } })).json().items as { details: { id?: string; outcome?: string } }[];
      assert.ok(audit.some((a) => a.details.id === id && a.details.outcome === 'failed'), JSON.stringify(audit.slice(0, 3)));
    });
  });
}

replaySuite('sqlite', () => ({}));

const target = await createTestDatabase('quarantine_replay');
if (target.ok) {
  const db: TestDatabase = target.db;
  after(() => db.drop());
  replaySuite('postgres', () => ({ databaseUrl: db.url }));
} else {
  reportUnavailable('quarantine replay (postgres)', target.reason);
}
