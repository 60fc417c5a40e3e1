// Hotlist feeds: a list re-imported on a schedule from the newest file of a watched folder or from
// a URL; an unchanged file is not imported again, a changed one is, failures are recorded without
// touching the list, and a folder outside RTCC_HOTLIST_DIR is refused.
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';

describe('hotlist feeds', () => {
  let t: TestApp;
  let root: string;
  let server: Server;
  let base: string;
  let served = { status: 200, body: 'URL0001,TX,stolen\nURL0002,TX,stolen\n', etag: '"v1"' };
  const requests: Record<string, string | undefined>[] = [];

  before(async () => {
    root = mkdtempSync(join(tmpdir(), 'rtcc-hotfeeds-'));
    mkdirSync(join(root, 'state'));
    t = await startTestApp({ hotlistDir: root });
    server = createServer((req, res) => {
      requests.push({ 'if-none-match': req.headers['if-none-match'] as string | undefined });
      if (served.status === 200 && req.headers['if-none-match'] === served.etag) return void res.writeHead(304).end();
      res.writeHead(served.status, { etag: served.etag, 'content-type': 'text/plain' }).end(served.status === 200 ? served.body : 'down');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    await t.close();
    await new Promise((r) => server.close(r));
    rmSync(root, { recursive: true, force: true });
  });

  const newList = async (name: string) => (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name, kind: 'state', priority: 2 } })).json().id as string;
  const matches = (plate: string) => t.ctx.hotlists.match({ plate }, Date.now()).length;

  it('imports the newest matching file of the folder, then only when it changes', async () => {
    const id = await newList('State stolen vehicles (folder)');
    const dir = join(root, 'state');
    writeFileSync(join(dir, 'stolen-0101.txt'), 'OLD0001,TX,stolen\n');
    utimesSync(join(dir, 'stolen-0101.txt'), new Date(Date.now() - 3_600_000), new Date(Date.now() - 3_600_000));
    writeFileSync(join(dir, 'stolen-0102.txt'), 'FEED001,TX,stolen\nFEED002,TX,stolen\nnot a plate line ###\n');
    writeFileSync(join(dir, 'readme.md'), 'not a hot file');
    const put = await t.call({ method: 'PUT', url: `/api/v1/hotlists/${id}/feed`, payload: { source: { kind: 'folder', path: 'state', pattern: 'stolen-*.txt' }, format: 'plain', intervalMinutes: 60, staleAfterHours: 48 } });
    assert.equal(put.statusCode, 200, put.body);
    const first = put.json();
    assert.equal(first.outcome, 'imported');
    assert.equal(first.lastFile, 'stolen-0102.txt');
    assert.equal(first.import.accepted, 2);
    assert.equal(first.import.rejected, 1);
    assert.ok(first.lastSyncAt && first.lastImportAt);
    assert.equal(matches('FEED001'), 1);
    assert.equal(matches('OLD0001'), 0);

    const again = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/feed/sync` })).json();
    assert.equal(again.outcome, 'unchanged');
    assert.equal(again.lastImportVersion, first.lastImportVersion, 'an unchanged file is not a new version');

    writeFileSync(join(dir, 'stolen-0103.txt'), 'FEED003,TX,stolen\n');
    const changed = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/feed/sync` })).json();
    assert.equal(changed.outcome, 'imported');
    assert.equal(changed.lastFile, 'stolen-0103.txt');
    assert.equal(matches('FEED003'), 1);
    assert.equal(matches('FEED001'), 0, 'replace mode retires the previous file');
    const entries = await t.ctx.hotlists.listEntries(id, { limit: 10, offset: 0 });
    assert.ok(entries.items.every((e) => e.expiresAt !== undefined && e.expiresAt > Date.now() + 47 * 3_600_000), 'records go stale 48 h after import');

    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?action=hotlists.import&limit=5' })).json();
    assert.equal(audit.items[0].actor, 'feed:State stolen vehicles (folder)');
  });

  it('follows a URL with its ETag: 304 is unchanged, a failure is recorded and leaves the list as it was', async () => {
    const id = await newList('NCIC extract (URL)');
    const put = await t.call({ method: 'PUT', url: `/api/v1/hotlists/${id}/feed`, payload: { source: { kind: 'url', url: `${base}/hot/stolen.txt` }, format: 'plain', intervalMinutes: 30 } });
    assert.equal(put.json().outcome, 'imported', put.body);
    assert.equal(matches('URL0001'), 1);
    const unchanged = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/feed/sync` })).json();
    assert.equal(unchanged.outcome, 'unchanged');
    assert.equal(requests.at(-1)?.['if-none-match'], '"v1"');

    served = { status: 503, body: '', etag: '"v2"' };
    const failed = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/feed/sync` })).json();
    assert.equal(failed.outcome, 'failed');
    assert.match(failed.lastError, /HTTP 503/);
    assert.equal(failed.failures, 1);
    assert.equal(matches('URL0001'), 1, 'a failed check changes nothing');

    served = { status: 200, body: 'URL0009,TX,stolen\n', etag: '"v3"' };
    const recovered = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/feed/sync` })).json();
    assert.equal(recovered.outcome, 'imported');
    assert.equal(recovered.failures, 0);
    assert.equal(recovered.lastError, null);
    assert.equal(matches('URL0009'), 1);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${id}/feed` })).json().lastImportVersion, recovered.lastImportVersion);
  });

  it('the scheduler checks feeds that are due', async () => {
    const id = await newList('Scheduled list');
    writeFileSync(join(root, 'state', 'sched.csv'), 'SCHED01,TX,stolen\n');
    await t.call({ method: 'PUT', url: `/api/v1/hotlists/${id}/feed`, payload: { source: { kind: 'folder', path: join(root, 'state'), pattern: 'sched.csv' }, format: 'plain', intervalMinutes: 5 } });
    writeFileSync(join(root, 'state', 'sched.csv'), 'SCHED02,TX,stolen\n');
    const feed = (await t.ctx.store.hotlistFeeds.get(id))!;
    // as if five minutes had passed since the last check
    await t.ctx.store.hotlistFeeds.put({ ...feed, state: { ...feed.state, lastCheckAt: Date.now() - 5 * 60_000 } });
    await t.ctx.hotlistFeeds!.runDue();
    assert.equal(matches('SCHED02'), 1);
  });

  it('refuses folders outside RTCC_HOTLIST_DIR, bad URLs, unknown formats and intervals, saying which', async () => {
    const id = await newList('Refusals');
    const put = (payload: Record<string, unknown>) => t.call({ method: 'PUT', url: `/api/v1/hotlists/${id}/feed`, payload });
    const outside = await put({ source: { kind: 'folder', path: '/etc' }, format: 'plain', intervalMinutes: 60 });
    assert.equal(outside.statusCode, 400);
    assert.match(outside.json().error.message, /inside RTCC_HOTLIST_DIR/);
    const dotdot = await put({ source: { kind: 'folder', path: '../../etc' }, format: 'plain', intervalMinutes: 60 });
    assert.equal(dotdot.statusCode, 400);
    assert.match((await put({ source: { kind: 'url', url: 'file:///etc/passwd' }, format: 'plain', intervalMinutes: 60 })).json().error.message, /http/);
    assert.match((await put({ source: { kind: 'url', url: `${base}/x` }, format: 'nope', intervalMinutes: 60 })).json().error.message, /unknown hotlist format/);
    assert.match((await put({ source: { kind: 'url', url: `${base}/x` }, format: 'plain', intervalMinutes: 1 })).json().error.message, /every 5 to 1440 minutes/);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${id}/feed` })).statusCode, 404);
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/hotlists/${id}/feed` })).statusCode, 404);
  });

  it('without RTCC_HOTLIST_DIR only URL feeds are possible', async () => {
    const other = await startTestApp();
    try {
      const id = (await other.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'x', kind: 'custom' } })).json().id;
      const res = await other.call({ method: 'PUT', url: `/api/v1/hotlists/${id}/feed`, payload: { source: { kind: 'folder', path: '/tmp' }, format: 'plain', intervalMinutes: 60 } });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().error.message, /RTCC_HOTLIST_DIR/);
    } finally {
      await other.close();
    }
  });
});
