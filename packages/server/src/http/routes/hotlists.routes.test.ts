// Hotlists: lists, typed-in entries and BOLOs, file imports (versioned) and what they make match.
// Plates and records are synthetic.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';

const NCIC_WIDTHS = [10, 9, 8, 10, 2, 4, 2, 4, 4, 3, 2];
/** One NCIC fixed-width record: NIC, ORI, date, plate, state, LIY, LIT, VYR, VMA, VMO, VST, VCO. */
function ncicLine(nic: string, plate: string, state = 'TX', date = '20240315'): string {
  const fields = [nic, 'TX0000001', date, plate, state, '2025', 'PC', '2019', 'DODG', 'CHA', '4D'];
  return fields.map((f, i) => f.padEnd(NCIC_WIDTHS[i])).join('') + 'BLK';
}
const txLine = (nic: string, plate: string, state = 'TX') => [nic, 'TX0000001', '20200124', plate, state, '2021', '2009', 'DODG', 'CHA', '4D', 'GRY'].join(',');

describe('hotlist routes', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  const createList = async (name: string, kind = 'custom', extra: Record<string, unknown> = {}) => {
    const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name, kind, ...extra } });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; version: number; entryCount: number };
  };
  const hitsFor = async (readId: string) => {
    const all = (await t.call({ method: 'GET', url: '/api/v1/hits?limit=500' })).json().items as { readId: string; hotlistId: string; entryPlate: string }[];
    return all.filter((h) => h.readId === readId);
  };
  const postRead = async (plate: string, state = 'TX') => {
    const res = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate, state }) });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { readIds: string[]; hits: number };
  };
  const importFile = (id: string, format: string, text: string, mode?: string) =>
    t.call({ method: 'POST', url: `/api/v1/hotlists/${id}/import?format=${format}${mode ? `&mode=${mode}` : ''}`, headers: { 'content-type': 'text/plain' }, payload: text });

  it('creates and lists hotlists', async () => {
    const list = await createList('Stolen vehicles (local)', 'custom', { priority: 2 });
    assert.equal(list.version, 0);
    const all = (await t.call({ method: 'GET', url: '/api/v1/hotlists' })).json();
    assert.ok(all.items.some((l: { id: string; priority: number }) => l.id === list.id && l.priority === 2));
    const one = await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}` });
    assert.equal(one.json().name, 'Stolen vehicles (local)');
  });

  it('refuses a duplicate name, an unknown kind and one-edit while it is switched off', async () => {
    await createList('Dup list');
    for (const payload of [
      { name: 'dup LIST', kind: 'custom' },
      { name: 'x1', kind: 'wanted' },
      { name: 'x2', kind: 'custom', matchKinds: ['one-edit'] },
    ]) {
      const res = await t.call({ method: 'POST', url: '/api/v1/hotlists', payload });
      assert.equal(res.statusCode, 400, JSON.stringify(payload));
      assert.equal(res.json().error.code, 'validation_failed');
    }
  });

  it('answers 404 for a hotlist that does not exist', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/hotlists/00000000-0000-4000-8000-000000000000' });
    assert.equal(res.statusCode, 404);
    assert.equal(res.json().error.code, 'not_found_or_forbidden');
  });

  it('adds entries by JSON, one or many, and they match reads', async () => {
    const list = await createList('Typed entries');
    const one = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/entries`, payload: { plate: 'hlt-1001', state: 'tx', reason: 'stolen vehicle' } });
    assert.equal(one.statusCode, 201, one.body);
    assert.equal(one.json().items[0].plate, 'HLT1001');
    assert.equal(one.json().items[0].state, 'TX');
    const many = await t.call({
      method: 'POST',
      url: `/api/v1/hotlists/${list.id}/entries`,
      payload: [{ plate: 'HLT1002', reason: 'wanted person' }, { plate: 'HLT1003', reason: 'missing person' }],
    });
    assert.equal(many.statusCode, 201, many.body);
    const entries = (await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}/entries` })).json();
    assert.equal(entries.total, 3);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}` })).json().entryCount, 3);
    const read = await postRead('HLT1002');
    assert.equal(read.hits, 1);
    assert.equal((await hitsFor(read.readIds[0]))[0].hotlistId, list.id);
  });

  it('refuses bad entries with every problem, storing none of them', async () => {
    const list = await createList('Bad entries');
    const res = await t.call({
      method: 'POST',
      url: `/api/v1/hotlists/${list.id}/entries`,
      payload: [{ plate: 'HLT2001', reason: 'ok' }, { plate: '-', reason: 'no plate' }, { plate: 'HLT2003', state: 'QQ', reason: 'bad state' }],
    });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().error.code, 'validation_failed');
    assert.deepEqual(res.json().error.details.map((d: { index: number }) => d.index), [1, 2]);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}/entries` })).json().total, 0);
    const noReason = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/entries`, payload: { plate: 'HLT2004' } });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().error.code, 'validation_failed');
  });

  it('removes an entry so it no longer matches', async () => {
    const list = await createList('Removable');
    const added = (await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/entries`, payload: { plate: 'HLT3001', reason: 'stolen' } })).json();
    const del = await t.call({ method: 'DELETE', url: `/api/v1/hotlists/${list.id}/entries/${added.items[0].id}` });
    assert.equal(del.statusCode, 204);
    assert.equal((await postRead('HLT3001')).hits, 0);
    const again = await t.call({ method: 'DELETE', url: `/api/v1/hotlists/${list.id}/entries/${added.items[0].id}` });
    assert.equal(again.statusCode, 404);
  });

  describe('BOLOs', () => {
    it('needs an expiry, at most 90 days ahead, not in the past', async () => {
      const bolo = await createList('BOLO rules', 'bolo');
      const cases = [
        { plate: 'BOL1001', reason: 'white van seen at robbery' },
        { plate: 'BOL1002', reason: 'x', expiresAt: new Date(Date.now() + 91 * 86_400_000).toISOString() },
        { plate: 'BOL1003', reason: 'x', expiresAt: new Date(Date.now() - 60_000).toISOString() },
        { plate: 'BOL1004', reason: 'x', expiresAt: 'next tuesday' },
      ];
      for (const payload of cases) {
        const res = await t.call({ method: 'POST', url: `/api/v1/hotlists/${bolo.id}/entries`, payload });
        assert.equal(res.statusCode, 400, `${payload.plate}: ${res.body}`);
        assert.equal(res.json().error.code, 'validation_failed');
      }
    });

    it('matches while it runs and stops matching once it expires', async () => {
      const bolo = await createList('BOLO expiry', 'bolo', { priority: 1 });
      const shortExpiry = Date.now() + 800;
      const add = await t.call({
        method: 'POST',
        url: `/api/v1/hotlists/${bolo.id}/entries`,
        payload: [
          { plate: 'BOL2001', reason: 'red sedan, armed robbery suspect', expiresAt: new Date(Date.now() + 3_600_000).toISOString() },
          { plate: 'BOL2002', reason: 'blue pickup, hit and run', expiresAt: new Date(shortExpiry).toISOString() },
        ],
      });
      assert.equal(add.statusCode, 201, add.body);
      assert.ok(add.json().items[0].expiresAt);
      assert.equal((await postRead('BOL2001')).hits, 1);
      await sleep(shortExpiry - Date.now() + 20);
      assert.equal((await postRead('BOL2002')).hits, 0, 'an expired BOLO matched');
      assert.equal((await postRead('BOL2001')).hits, 1);
    });
  });

  describe('imports', () => {
    it('imports an NCIC fixed-width file, reporting accepted and rejected lines with reasons', async () => {
      const list = await createList('NCIC stolen', 'ncic', { priority: 1 });
      const text = [ncicLine('V100000001', 'NCF1001'), 'V100000002TX0000001202403', ncicLine('Z100000003', 'NCF1003'), ncicLine('P100000004', 'NCF1004', 'OK')].join('\n');
      const res = await importFile(list.id, 'ncic-fixed', text);
      assert.equal(res.statusCode, 200, res.body);
      const report = res.json();
      assert.equal(report.version, 1);
      assert.equal(report.format, 'ncic-fixed');
      assert.equal(report.accepted, 2);
      assert.equal(report.rejected, 2);
      assert.deepEqual(report.rejections.map((r: { line: number }) => r.line), [2, 3]);
      assert.match(report.rejections[0].reason, /too short/);
      assert.match(report.rejections[1].reason, /file code 'Z'/);
      const read = await postRead('NCF1004', 'OK');
      assert.equal(read.hits, 1);
      const [hit] = await hitsFor(read.readIds[0]);
      assert.equal(hit.entryPlate, 'NCF1004');
    });

    it('imports a Texas NCIC comma file', async () => {
      const list = await createList('TX NCIC', 'state');
      const text = ['NIC,ORI,DATE,LIC,LIS,LIY,VYR,VMA,VMO,VST,VCO', txLine('V200000001', 'TXN2001'), txLine('V200000002', 'TXN2002').split(',').slice(0, 10).join(','), txLine('W200000003', 'TXN2003')].join('\r\n');
      const res = await importFile(list.id, 'tx-ncic', text);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().accepted, 2);
      assert.equal(res.json().rejected, 1);
      assert.deepEqual(res.json().rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]), [[3, 'expected 11 columns, found 10']]);
      assert.equal((await postRead('TXN2003')).hits, 1);
    });

    it('imports one plate per line', async () => {
      const list = await createList('Plain list');
      const res = await importFile(list.id, 'plain', '# exported by hand\nPLN3001\nPLN3002,TX,stolen from lot 4\n!!!\n');
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().accepted, 2);
      assert.equal(res.json().rejected, 1);
      assert.equal(res.json().rejections[0].line, 4);
      assert.equal((await postRead('PLN3002')).hits, 1);
    });

    it('refuses an unknown format and an empty file', async () => {
      const list = await createList('Format checks');
      const bad = await importFile(list.id, 'xlsx', 'PLN1\n');
      assert.equal(bad.statusCode, 400);
      assert.match(bad.json().error.message, /ncic-fixed/);
      const missing = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/import`, headers: { 'content-type': 'text/plain' }, payload: 'PLN1' });
      assert.equal(missing.statusCode, 400);
      const empty = await importFile(list.id, 'plain', '  \n');
      assert.equal(empty.statusCode, 400);
      assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}` })).json().version, 0);
    });

    it('versions each import: replace retires the old entries, append keeps them, history lists both', async () => {
      const list = await createList('Versioned', 'ncic');
      const v1 = (await importFile(list.id, 'plain', 'VER1001\nVER1002\n')).json();
      assert.equal(v1.version, 1);
      const v2 = await importFile(list.id, 'plain', 'VER1002\nVER2003\n');
      assert.equal(v2.json().version, 2);
      assert.equal(v2.json().mode, 'replace');
      assert.equal((await postRead('VER1001')).hits, 0, 'a plate dropped by the new version still matched');
      assert.equal((await postRead('VER2003')).hits, 1);
      assert.equal((await postRead('VER1002')).hits, 1);
      const v3 = await importFile(list.id, 'plain', 'VER3004\n', 'append');
      assert.equal(v3.json().version, 3);
      assert.equal((await postRead('VER2003')).hits, 1);
      assert.equal((await postRead('VER3004')).hits, 1);
      const info = (await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}` })).json();
      assert.equal(info.version, 3);
      assert.equal(info.entryCount, 3);
      assert.ok(info.lastImportAt);
      const history = await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}/imports` });
      assert.equal(history.statusCode, 200);
      const versions = history.json().items.map((r: { version: number; accepted: number; importedBy: string }) => [r.version, r.accepted, r.importedBy]);
      assert.deepEqual(versions, [
        [3, 1, 'admin (bootstrap token)'],
        [2, 2, 'admin (bootstrap token)'],
        [1, 2, 'admin (bootstrap token)'],
      ]);
    });

    it('a replacing import keeps the BOLOs and entries people typed into the list', async () => {
      const list = await createList('Nightly NCIC', 'ncic');
      await importFile(list.id, 'plain', 'NIT1001\nNIT1002\n');
      const typed = await t.call({
        method: 'POST',
        url: `/api/v1/hotlists/${list.id}/entries`,
        payload: { plate: 'NIT9009', state: 'TX', reason: 'BOLO: hit and run, silver pickup', expiresAt: new Date(Date.now() + 86_400_000).toISOString() },
      });
      assert.equal(typed.statusCode, 201, typed.body);
      await importFile(list.id, 'plain', 'NIT1002\n');
      assert.equal((await postRead('NIT9009')).hits, 1, 'the nightly import wiped a BOLO a person typed in');
      assert.equal((await postRead('NIT1001')).hits, 0);
      assert.equal((await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}` })).json().entryCount, 2);
    });

    it('an import with expiresAt stops matching when the file goes stale', async () => {
      const list = await createList('Daily state file', 'state');
      const soon = new Date(Date.now() + 300).toISOString();
      const res = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/import?format=plain&expiresAt=${soon}`, headers: { 'content-type': 'text/plain' }, payload: 'STL1001\n' });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal((await postRead('STL1001')).hits, 1);
      const entry = (await t.call({ method: 'GET', url: `/api/v1/hotlists/${list.id}/entries` })).json().items[0];
      assert.equal(entry.expiresAt, new Date(Date.parse(soon)).toISOString());
      await sleep(400);
      assert.equal((await postRead('STL1001')).hits, 0, 'a record of a stale file still matched');

      for (const bad of ['2020-01-01T00:00:00Z', '2030-01-01T00:00:00', 'tomorrow']) {
        const r = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/import?format=plain&expiresAt=${encodeURIComponent(bad)}`, headers: { 'content-type': 'text/plain' }, payload: 'STL1002\n' });
        assert.equal(r.statusCode, 400, bad);
        assert.equal(r.json().error.code, 'validation_failed');
        assert.match(r.json().error.message, /expiresAt/);
      }
    });

    it('reports duplicate lines instead of storing them twice', async () => {
      const list = await createList('Dups');
      const res = (await importFile(list.id, 'plain', 'DUP1001,TX\nDUP1001,TX\nDUP1002\n')).json();
      assert.equal(res.accepted, 2);
      assert.ok(res.rejections.some((r: { reason: string }) => /1 duplicate/.test(r.reason)));
    });
  });
});
