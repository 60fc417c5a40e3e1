// End to end: a state hot file (Texas TCIC, synthetic fixture) imported through
// `POST /api/v1/hotlists/{id}/import?format=tx-tcic`, then matching reads.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../../http/test-app.ts';
import { TX_TCIC } from './state-layouts.fixtures.ts';

describe('state hot-file import over HTTP', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp();
  });
  after(() => t.close());

  it('imports a TCIC file: accepted and rejected lines with reasons, entries stored and matching', async () => {
    const created = await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'TX TCIC e2e', kind: 'state', priority: 1 } });
    assert.equal(created.statusCode, 201, created.body);
    const { id } = created.json() as { id: string };

    const res = await t.call({
      method: 'POST',
      url: `/api/v1/hotlists/${id}/import?format=tx-tcic`,
      headers: { 'content-type': 'text/plain' },
      payload: TX_TCIC.split('\n').join('\r\n'),
    });
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.format, 'tx-tcic');
    assert.equal(report.version, 1);
    assert.equal(report.accepted, 5);
    assert.equal(report.rejected, 4);
    assert.deepEqual(
      report.rejections.map((r: { line: number; reason: string }) => [r.line, r.reason]),
      [
        [7, 'expected 8 columns, found 7'],
        [8, "unknown file code 'Q'"],
        [9, 'empty plate'],
        [10, "record id 'T' has no parse code"],
      ],
    );

    const entries = (await t.call({ method: 'GET', url: `/api/v1/hotlists/${id}/entries?limit=100` })).json().items as {
      plate: string;
      state?: string;
      reason: string;
      fileCode?: string;
      vehicle?: { make?: string; color?: string };
    }[];
    const violent = entries.find((e) => e.plate === 'TST5002');
    assert.deepEqual(
      [violent?.state, violent?.reason, violent?.fileCode, violent?.vehicle?.make, violent?.vehicle?.color],
      ['OK', 'violent person', 'E', 'Toyota', 'black/white'],
    );

    const hit = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'TST5009', state: 'TX' }) });
    assert.equal(hit.statusCode, 200, hit.body);
    assert.equal(hit.json().hits, 1);
    const miss = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate: 'TST5006', state: 'TX' }) });
    assert.equal(miss.json().hits, 0, 'a rejected line must not match');
  });
});
