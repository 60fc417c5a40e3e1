// Calls-for-service files through saved column mappings: the real Dallas extract (one row per
// unit) and a St. Louis-style fixture (masked blocks, rows out of order), re-imports that change
// nothing, a later file that updates, bad rows reported by line, limits, mappings, permissions.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';
import { CfsImportService } from '../../incidents/cfs-import.service.ts';

const DALLAS_FILE = fileURLToPath(new URL('../../../../../../shared/samples/cad-calls-for-service/dallas-pd-active-calls.are8-xahz.csv', import.meta.url));
const STL_FILE = fileURLToPath(new URL('../../incidents/fixtures/st-louis-calls.csv', import.meta.url));
const DALLAS = 'preset:dallas-pd-active-calls';
const STL = 'preset:st-louis-mpd-calls';

describe('cad module: calls-for-service imports', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'hotlists', 'cad'], maxBodyBytes: 4096, maxImportBytes: 1_000_000 });
  });
  after(() => t.close());

  const importFile = (mapping: string, body: string | Buffer | Readable, token?: string | null, contentType = 'text/csv') =>
    t.call({ method: 'POST', url: `/api/v1/cad/imports?mapping=${encodeURIComponent(mapping)}`, headers: { 'content-type': contentType }, payload: body, ...(token !== undefined ? { token } : {}) });
  const incidents = async () => (await t.call({ method: 'GET', url: '/api/v1/incidents?limit=500' })).json().items as Record<string, any>[];

  it('imports the Dallas extract: one incident per number with every unit, Central time to UTC, block-level addresses', async () => {
    const file = readFileSync(DALLAS_FILE);
    assert.ok(file.length > 4096, 'the file is larger than the JSON body limit: it must be streamed');
    const res = await importFile(DALLAS, file);
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    const rows = file.toString('utf8').trim().split('\n').slice(1);
    const numbers = new Set(rows.map((r) => /"(\d{2}-\d{7})"/.exec(r)![1]));
    assert.equal(report.rowsRead, 63);
    assert.equal(report.rowsRead, rows.length);
    assert.equal(report.incidents, numbers.size);
    assert.equal(report.created, numbers.size);
    assert.equal(report.rejected, 0);
    const all = (await incidents()).filter((i) => i.sourceSystem === 'cfs:dallas-pd');
    assert.equal(all.length, numbers.size);
    const marfa = all.find((i) => i.sourceIncidentId === '18-0052951')!;
    assert.deepEqual(marfa.units.map((u: { unitId: string }) => u.unitId).sort(), ['B715', 'B732', 'D714', 'D723']);
    assert.equal(marfa.openedAt, '2018-01-09T15:16:00.000Z');
    assert.equal(marfa.typeCode, '40');
    assert.equal(marfa.priority, 3);
    assert.equal(marfa.beat, '728');
    assert.deepEqual(marfa.location, { address: '2500 block Marfa Ave', blockLevel: true });
    const intersection = all.find((i) => i.sourceIncidentId === '18-0052477')!;
    assert.deepEqual(intersection.location, { address: 'N Peak St / Live Oak St' });
  });

  it('changes nothing when the same file comes again, and updates from a later file', async () => {
    const file = readFileSync(DALLAS_FILE, 'utf8');
    const before = await incidents();
    const again = (await importFile(DALLAS, file)).json();
    assert.equal(again.created, 0);
    assert.equal(again.updated, 0);
    assert.equal(again.unchanged, again.incidents);
    assert.deepEqual(await incidents(), before, 'nothing stored changed, not even update times');
    const [header, ...rows] = file.trim().split('\n');
    const later = [header, ...rows.filter((r) => r.includes('"18-0052951"')).map((r) => r.replace('"At Scene"', '"Closed"')), rows[0].replace('"B791"', '"K9-2"')].join('\n');
    const r = (await importFile(DALLAS, later)).json();
    assert.deepEqual([r.incidents, r.created, r.updated, r.unchanged], [2, 0, 2, 0]);
    const dallas = before.filter((i) => i.sourceSystem === 'cfs:dallas-pd').length;
    assert.equal(r.closed, dallas - 2, 'an active-calls file closes the calls it no longer lists');
    const after = await incidents();
    assert.equal(after.length, before.length, 'no duplicates');
    const gone = after.find((i) => i.sourceIncidentId === '18-0052901')!;
    assert.equal(gone.status, 'closed');
    assert.ok(Date.parse(gone.closedAt) >= Date.parse(r.importedAt));
    assert.equal(after.find((i) => i.sourceIncidentId === '18-0052973')!.status, 'open');
    const laterAgain = (await importFile(DALLAS, later)).json();
    assert.deepEqual([laterAgain.updated, laterAgain.unchanged, laterAgain.closed], [0, 2, 0], 'the later file again changes nothing');
    const withBadRow = (await importFile(DALLAS, `${later}\n"1","2","2018-01-09T09:26:00.000","x","","y","40 - Other","3","1","At Scene","Z9"`)).json();
    assert.equal(withBadRow.closed, 0);
    assert.match(withBadRow.closeSkipped, /no readable incident number/);
    const marfa = after.find((i) => i.sourceIncidentId === '18-0052951')!;
    assert.equal(marfa.status, 'closed');
    assert.deepEqual(marfa.statusText, ['Closed']);
    assert.ok(after.find((i) => i.sourceIncidentId === '18-0052973')!.units.some((u: { unitId: string }) => u.unitId === 'K9-2'));
  });

  it('imports a St. Louis-style file: masked addresses kept, rows out of order collapsed, bad rows reported by line', async () => {
    const res = await importFile(STL, readFileSync(STL_FILE), undefined, 'application/vnd.ms-excel');
    assert.equal(res.statusCode, 200, res.body);
    const report = res.json();
    assert.equal(report.rowsRead, 10);
    assert.deepEqual(report.rejections, [
      { line: 6, reason: 'no received time in column eventtime' },
      { line: 8, reason: 'no incident number in column id' },
      { line: 11, reason: 'eventtime: "28/07/2020 10:15" is not a date and time like 2018-01-09T09:26:00' },
    ]);
    assert.equal(report.rejected, 3);
    assert.deepEqual(report.warnings.map((w: { line: number }) => w.line), [7, 10]);
    assert.equal(report.incidents, 6);
    const all = (await incidents()).filter((i) => i.sourceSystem === 'cfs:st-louis-mpd');
    const bates = all.find((i) => i.sourceIncidentId === 'P2007280856')!;
    assert.deepEqual(bates.location, { address: '11XX BATES ST', blockLevel: true, point: [-90.2345891, 38.5640115] });
    assert.equal(bates.openedAt, '2020-07-28T13:56:00.000Z');
    assert.equal(all.find((i) => i.sourceIncidentId === 'P2003080230')!.openedAt, '2020-03-08T08:30:00.000Z', 'the skipped hour reads as daylight time');
    assert.equal(all.find((i) => i.sourceIncidentId === 'P2011010130')!.openedAt, '2020-11-01T06:30:00.000Z', 'the repeated hour is its first occurrence');
    assert.deepEqual(all.find((i) => i.sourceIncidentId === 'P2007280910')!.location, { address: 'N GRAND BLVD / N BROADWAY', point: [-90.198847, 38.6634819] });
  });

  it('refuses a file missing a mapped column, an empty body and an unknown mapping, importing nothing', async () => {
    const missing = await importFile(DALLAS, 'incident_number,date_time\n18-1,2018-01-09T09:26:00\n');
    assert.equal(missing.statusCode, 400);
    assert.match(missing.json().error.message, /lacks columns .*nature_of_call \(nature\)/);
    const empty = await importFile(DALLAS, '');
    assert.equal(empty.statusCode, 400, empty.body);
    assert.equal(empty.json().error.code, 'validation_failed');
    const unknown = await importFile('no-such-mapping', 'a\n');
    assert.equal(unknown.statusCode, 404);
    const quote = await importFile(STL, 'id,eventtime,location,description,lat,lng\nP1,2020-07-28 08:56:00,"1XX A ST" x,d,,\nP2,2020-07-28 08:57:00,2XX B ST,d,,\n');
    assert.equal(quote.statusCode, 200, quote.body);
    assert.equal(quote.json().rejections[0].line, 2);
    assert.match(quote.json().rejections[0].reason, /^not CSV/);
  });

  it('refuses a file over the size limit, storing nothing', async () => {
    const header = 'id,eventtime,location,description,lat,lng\n';
    const big = header + Array.from({ length: 30_000 }, (_, i) => `BIG${i},2020-07-28 08:56:00,1XX A ST,d,,\n`).join('');
    assert.ok(big.length > 1_000_000);
    const res = await importFile(STL, big);
    assert.equal(res.statusCode, 413, res.body);
    assert.equal(res.json().error.code, 'payload_too_large');
    assert.equal((await incidents()).some((i) => i.sourceIncidentId.startsWith('BIG')), false);
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=50' })).json().items as { action: string; outcome: string }[];
    assert.ok(audit.some((a) => a.action === 'incidents.import' && a.outcome === 'failed'), 'a refused file is audited too');
  });

  it('stops reading a stream at the size limit', async () => {
    const svc = new CfsImportService({ mappings: t.ctx.cfsMappings!, incidents: t.ctx.incidents!, audit: t.ctx.audit, maxBytes: 100_000 });
    let n = 0;
    const source = (function* () {
      yield 'id,eventtime,location,description,lat,lng\n';
      for (; n < 1_000_000; n++) yield `STREAM${n},2020-07-28 08:56:00,1XX A ST,d,,\n`;
    })();
    await assert.rejects(svc.import(STL, Readable.from(source), { name: 'test' }), { code: 'payload_too_large' });
    assert.ok(n < 5_000, `read ${n} rows of a file far over the limit`);
    assert.equal((await incidents()).some((i) => i.sourceIncidentId.startsWith('STREAM')), false);
  });

  it('stops a file over the row limit before storing anything', async () => {
    const svc = new CfsImportService({ mappings: t.ctx.cfsMappings!, incidents: t.ctx.incidents!, audit: t.ctx.audit, maxBytes: 1_000_000, maxRows: 3 });
    const file = ['id,eventtime,location,description,lat,lng', ...[1, 2, 3, 4].map((i) => `ROW${i},2020-07-28 08:56:00,1XX A ST,d,,`)].join('\n');
    await assert.rejects(svc.import(STL, Readable.from([file]), { name: 'test' }), { code: 'payload_too_large' });
    assert.equal((await incidents()).some((i) => i.sourceIncidentId.startsWith('ROW')), false);
  });

  it('saves, changes and deletes mappings, refuses bad ones and changes to presets, and audits each', async () => {
    const list = (await t.call({ method: 'GET', url: '/api/v1/cad/mappings' })).json().items;
    assert.deepEqual(list.slice(0, 2).map((m: { id: string; builtIn: boolean }) => [m.id, m.builtIn]), [[DALLAS, true], [STL, true]]);
    const input = { name: 'County CAD nightly export', sourceSystem: 'cfs:county', columns: { incidentNumber: 'Incident', receivedAt: 'Received', typeText: 'Type', unit: 'Unit', address: 'Address', city: 'City' }, timeZone: 'America/New_York', timeFormat: 'mdy' };
    const created = await t.call({ method: 'POST', url: '/api/v1/cad/mappings', payload: input });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const imported = (await importFile(id, 'Incident,Received,Type,Unit,Address,City\nC-1,3/8/2026 1:59:59 AM,Theft,12A,10XX MAIN ST,Springfield\nC-1,3/8/2026 3:00 AM,Theft,12B,10XX MAIN ST,Springfield\n')).json();
    assert.deepEqual([imported.created, imported.rejected], [1, 0]);
    const c1 = (await incidents()).find((i) => i.sourceSystem === 'cfs:county' && i.sourceIncidentId === 'C-1')!;
    assert.equal(c1.openedAt, '2026-03-08T06:59:59.000Z');
    assert.deepEqual(c1.location, { address: '10XX MAIN ST, Springfield', blockLevel: true });
    const changed = await t.call({ method: 'PUT', url: `/api/v1/cad/mappings/${id}`, payload: { ...input, timeZone: 'America/Denver', encoding: 'latin1' } });
    assert.equal(changed.json().timeZone, 'America/Denver');
    const latin1 = Buffer.from('Incident,Received,Type,Unit,Address,City\nC-2,3/8/2026 9:00 AM,Theft,12A,10XX PEÑASCO RD,Española\n', 'latin1');
    assert.equal((await importFile(id, latin1)).json().created, 1);
    const c2 = (await incidents()).find((i) => i.sourceSystem === 'cfs:county' && i.sourceIncidentId === 'C-2')!;
    assert.equal(c2.location.address, '10XX PEÑASCO RD, Española', 'a Windows export reads with its own encoding');
    const bad = await t.call({ method: 'POST', url: '/api/v1/cad/mappings', payload: { ...input, timeZone: 'Mars/Olympus' } });
    assert.equal(bad.statusCode, 400);
    assert.match(bad.json().error.message, /timeZone: Mars\/Olympus is not an IANA time zone/);
    const extra = await t.call({ method: 'POST', url: '/api/v1/cad/mappings', payload: { ...input, columns: { ...input.columns, colour: 'x' } } });
    assert.equal(extra.statusCode, 400);
    assert.equal((await t.call({ method: 'PUT', url: `/api/v1/cad/mappings/${DALLAS}`, payload: input })).statusCode, 409);
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/cad/mappings/${STL}` })).statusCode, 409);
    assert.equal((await t.call({ method: 'DELETE', url: `/api/v1/cad/mappings/${id}` })).statusCode, 204);
    assert.equal((await t.call({ method: 'GET', url: `/api/v1/cad/mappings/${id}` })).statusCode, 404);
    const audit = (await t.call({ method: 'GET', url: '/api/v1/audit?limit=200' })).json().items.map((a: { action: string }) => a.action);
    for (const action of ['cfs.mapping.create', 'cfs.mapping.update', 'cfs.mapping.delete', 'incidents.import']) assert.ok(audit.includes(action), `${action} audited`);
  });

  it('lets a dispatcher import and refuses an officer', async () => {
    const dispatcher = await signInAs(t, await enrolUser(t, 'cfs-dispatcher', 'dispatcher'));
    const officer = await signInAs(t, await enrolUser(t, 'cfs-officer', 'officer'));
    const file = 'id,eventtime,location,description,lat,lng\nD-1,2020-07-28 08:56:00,1XX A ST,d,,\n';
    assert.equal((await importFile(STL, file, dispatcher)).statusCode, 200);
    const refused = await importFile(STL, file, officer);
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.json().error.code, 'forbidden');
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/cad/mappings', token: officer })).statusCode, 403);
  });
});

describe('cad module off: no calls-for-service routes', () => {
  it('answers 404', async () => {
    const t = await startTestApp({ modules: ['lpr', 'hotlists'] });
    try {
      assert.equal((await t.call({ method: 'GET', url: '/api/v1/cad/mappings' })).statusCode, 404);
      assert.equal((await t.call({ method: 'POST', url: `/api/v1/cad/imports?mapping=${DALLAS}`, headers: { 'content-type': 'text/csv' }, payload: 'a\n' })).statusCode, 404);
    } finally {
      await t.close();
    }
  });
});
