/**
 * The dispatch side of the city against a real server (in process, listening on a free port,
 * cad and avl on): every call, unit position and gunshot alert goes through its ingest route,
 * and the server's own read routes (incidents, units, gunshots, sources) show exactly that.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { AddressInfo } from 'node:net';
import { ADMIN_TOKEN, startTestApp, type TestApp } from '../../server/src/http/test-app.ts';
import { buildCity, DEFAULT_CITY } from './city.ts';
import { ApiClient } from './api-client.ts';
import { DispatchDriver } from './dispatch-driver.ts';
import { DispatchSimulator, type DispatchEvent } from './dispatch-simulator.ts';
import { SimDriver } from './driver.ts';
import { CitySimulator } from './simulator.ts';

type Eido = Extract<DispatchEvent, { kind: 'eido' }>;
type Position = Extract<DispatchEvent, { kind: 'position' }>;
type Gunshot = Extract<DispatchEvent, { kind: 'gunshot' }>;

const city = buildCity(11, { fleet: { ...DEFAULT_CITY.fleet, vehicles: 300 }, hotlistDecoys: 10 });
const dispatch = new DispatchSimulator(city, { positionEveryS: 30 });
// a window that holds a gunshot: from an hour before the first alert of the evening of 10 March
const evening = Date.UTC(2026, 2, 10, 23); // 18:00 in the city
const firstShot = dispatch.eventsBetween(evening, evening + 36 * 3_600_000, { gunshot: true }).find((e) => e.kind === 'gunshot');
const T0 = Math.floor((firstShot?.at ?? evening) / 60_000) * 60_000 - 3_600_000;
const HOURS = 2;

function metres(a: [number, number], b: [number, number]): number {
  return Math.hypot((a[0] - b[0]) * 111_320 * Math.cos((a[1] * Math.PI) / 180), (a[1] - b[1]) * 111_320);
}

describe('the dispatch side goes through the EIDO, OsmAnd and gunshot ingest routes', () => {
  let t: TestApp;
  let driver: SimDriver;
  let sent: DispatchEvent[];

  before(async () => {
    assert.ok(firstShot, 'the chosen days hold a shots-fired call with a sensor alert');
    t = await startTestApp({ training: true, modules: ['lpr', 'hotlists', 'cad', 'avl'] });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    driver = new SimDriver({ baseUrl: base, adminToken: ADMIN_TOKEN, sim: new CitySimulator(city), dispatch, keepDispatchSent: true, keepTruth: 0 });
    await driver.setup();
    for (let k = 0; k < HOURS * 4; k++) await driver.step(T0 + k * 900_000, T0 + (k + 1) * 900_000);
    sent = [...driver.dispatch.sent];
  });
  after(() => t?.close());

  it('the server accepted every EIDO, position and alert the driver sent, and quarantined none', async () => {
    const d = driver.dispatch.stats;
    assert.equal(d.failedRequests, 0, d.lastError);
    assert.equal(d.quarantined, 0);
    assert.ok(d.eidoSent > 10 && d.positionsSent > 1000 && d.gunshotsSent >= 1, JSON.stringify(d));
    assert.equal(d.eidoAccepted, d.eidoSent);
    assert.equal(d.eidoUnchanged, 0, 'every update of an incident changed it');
    assert.equal(d.positionsAccepted, d.positionsSent);
    assert.equal(d.positionsDuplicates + d.positionsStale + d.positionsDropped, 0);
    assert.equal(d.gunshotsAccepted, d.gunshotsSent);
    assert.equal(sent.length, d.eidoSent + d.positionsSent + d.gunshotsSent);
    assert.equal((await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().total, 0);
  });

  it('the sources\' health counts exactly what each sender posted', async () => {
    const sources = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().items as { kind: string; health: { reads: number } | null }[];
    const of = (kind: string) => sources.filter((s) => s.kind === kind).reduce((n, s) => n + (s.health?.reads ?? 0), 0);
    const eidos = sent.filter((e): e is Eido => e.kind === 'eido');
    // an EIDO counts its incident and each unit it names
    assert.equal(of('eido'), eidos.reduce((n, e) => n + 1 + ((e.body.emergencyResourceComponent as unknown[] | undefined)?.length ?? 0), 0));
    assert.equal(of('osmand'), sent.filter((e) => e.kind === 'position').length);
    assert.equal(of('gunshot'), sent.filter((e) => e.kind === 'gunshot').length);
  });

  it('every call sent is an incident on the server, in the state of its last EIDO', async () => {
    const res = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=all&limit=500' })).json();
    const bySource = new Map((res.items as { sourceIncidentId: string; [k: string]: unknown }[]).map((i) => [i.sourceIncidentId, i]));
    const last = new Map<string, Eido>();
    for (const e of sent) if (e.kind === 'eido') last.set(e.incident.incidentId, e);
    assert.equal(res.total, last.size, 'no incident the driver did not send');
    let closed = 0;
    for (const [id, e] of last) {
      const inc = bySource.get(id) as unknown as { type: string; typeCode: string; priority: number; status: string; beat: string; openedAt: string; location: { point: [number, number]; address: string }; dispositions: { code: string }[]; units: { unitId: string; status: string }[] };
      assert.ok(inc, `incident ${id} is on the server`);
      assert.equal(inc.type, e.incident.call.type.nena);
      assert.equal(inc.typeCode, e.incident.call.type.code);
      assert.equal(inc.priority, e.incident.call.priority);
      assert.equal(Date.parse(inc.openedAt), e.incident.call.receivedAt);
      assert.deepEqual(inc.location.point, e.incident.call.place.location);
      assert.match(inc.location.address, new RegExp(`^${e.incident.call.place.houseNumber} `));
      assert.equal(inc.status, e.status === 'Closed' ? 'closed' : 'open');
      if (e.status === 'Closed') {
        closed++;
        assert.deepEqual(inc.dispositions.map((x) => x.code), [e.incident.disposition]);
      }
      const sentUnits = (e.body.emergencyResourceComponent as { emergencyResourceName: string; primaryUnitStatusRegistryText: string }[] | undefined) ?? [];
      for (const u of sentUnits) assert.ok(inc.units.some((x) => x.unitId === u.emergencyResourceName && x.status === u.primaryUnitStatusRegistryText), `${id}: ${u.emergencyResourceName} ${u.primaryUnitStatusRegistryText}`);
    }
    assert.ok(closed > 0, 'some calls were cleared with a disposition within the window');
  });

  it('every unit that reported is on the server, at the last position its phone sent', async () => {
    const units = (await t.call({ method: 'GET', url: '/api/v1/units' })).json().items as { id: string; position?: { location: [number, number]; at: string; sourceSystem: string } }[];
    const last = new Map<string, Position>();
    for (const e of sent) if (e.kind === 'position') last.set(e.callSign, e);
    assert.ok(last.size >= city.units.length);
    for (const [callSign, p] of last) {
      const u = units.find((x) => x.id === callSign);
      assert.ok(u?.position, `unit ${callSign} has a position`);
      assert.equal(u.position.sourceSystem, 'osmand');
      assert.equal(Date.parse(u.position.at), Math.floor(p.at / 1000) * 1000);
      assert.ok(metres(u.position.location, p.location) < 0.5, `${callSign} at ${u.position.location} instead of ${p.location}`);
    }
    const track = (await t.call({ method: 'GET', url: `/api/v1/units/${[...last.keys()][0]}` })).json().track as unknown[];
    assert.equal(track.length, 50, 'the unit\'s track is kept');
  });

  it('every gunshot alert is on the server, reviewed once the vendor said so, near its incident', async () => {
    const alerts = (await t.call({ method: 'GET', url: '/api/v1/gunshots?limit=500' })).json().items as { sourceEventId: string; vendor: string; location: [number, number]; humanReviewed: boolean; rounds: number }[];
    const shots = sent.filter((e): e is Gunshot => e.kind === 'gunshot');
    const ids = new Set(shots.map((e) => e.body.id));
    assert.equal(alerts.length, ids.size);
    const incidents = (await t.call({ method: 'GET', url: '/api/v1/incidents?status=all&limit=500' })).json().items as { location: { point: [number, number] }; typeCode: string }[];
    for (const a of alerts) {
      assert.ok(ids.has(a.sourceEventId));
      assert.equal(a.humanReviewed, shots.some((e) => e.body.id === a.sourceEventId && e.reviewed));
      const near = incidents.filter((i) => i.typeCode === 'SHOTS' && metres(i.location.point, a.location) < 60);
      assert.ok(near.length > 0, `alert ${a.sourceEventId} has a shots-fired incident within 60 m on the server`);
    }
  });

  it('replaying a window is idempotent: nothing new on the server', async () => {
    // the last quarter hour: the server keeps a unit's newest 200 positions, and knows those as resends
    const end = T0 + HOURS * 3_600_000;
    const before = { ...driver.dispatch.stats };
    const count = async () => (await t.call({ method: 'GET', url: '/api/v1/incidents?status=all&limit=1' })).json().total;
    const n = await count();
    await driver.dispatch.step(end - 900_000, end);
    const s = driver.dispatch.stats;
    assert.equal(s.failedRequests, 0, s.lastError);
    assert.ok(s.positionsSent - before.positionsSent > 0);
    assert.equal(s.positionsAccepted - before.positionsAccepted, 0);
    assert.equal(s.positionsDuplicates - before.positionsDuplicates, s.positionsSent - before.positionsSent);
    assert.equal(s.eidoUnchanged - before.eidoUnchanged, s.eidoSent - before.eidoSent);
    assert.equal(await count(), n);
  });

  it('with cad and avl off it sends nothing of theirs and says why', async () => {
    const off = await startTestApp({ training: true });
    try {
      await off.app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(off.app.server.address() as AddressInfo).port}`;
      const d = new SimDriver({ baseUrl: base, adminToken: ADMIN_TOKEN, sim: new CitySimulator(city), dispatch, keepTruth: 0 });
      const setup = await d.setup();
      assert.deepEqual(setup.dispatch, {});
      await d.step(T0, T0 + 600_000);
      const s = d.dispatch.stats;
      assert.equal(s.eidoSent + s.positionsSent + s.gunshotsSent + s.failedRequests, 0);
      assert.match(s.note ?? '', /cad .*avl/);
      assert.ok(d.stats.sent > 0, 'the reads still flow');
      const kinds = ((await off.call({ method: 'GET', url: '/api/v1/sources' })).json().items as { kind: string }[]).map((x) => x.kind).sort();
      assert.deepEqual(kinds, ['openalpr', 'rtcc']);
    } finally {
      await off.close();
    }
  });
});

describe('the dispatch driver\'s requests', () => {
  /** Runs a driver against a recording fake server; returns each sender's requests, in the order it sent them. */
  async function record(seed: number): Promise<Map<string, string[]>> {
    const bySender = new Map<string, string[]>();
    const fake = (async (input: string | URL | Request, init?: RequestInit) => {
      const url = new URL(String(input));
      const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
      if (url.pathname === '/api/v1/modules') return json({ items: [{ name: 'cad', enabled: true }, { name: 'avl', enabled: true }] });
      if (url.pathname === '/api/v1/sources') return json({ key: `key-${JSON.parse(String(init?.body)).kind}`, source: { id: 'src' } });
      const key = url.searchParams.get('key');
      url.searchParams.delete('key');
      const sender = url.pathname.endsWith('/osmand') ? `osmand:${url.searchParams.get('id')}` : 'cad';
      (bySender.get(sender) ?? bySender.set(sender, []).get(sender)!).push(`${init?.method} ${url.pathname}?${url.searchParams} key=${key} ${init?.body ?? ''}`);
      if (url.pathname.endsWith('/eido')) return json({ accepted: 1, incidents: [{ created: true, changed: true }], units: 0, positions: 0 });
      if (url.pathname.endsWith('/gunshot')) return json({ accepted: 1, duplicates: 0, alerts: [] });
      return json({ accepted: 1, duplicates: 0, stale: 0, dropped: [] });
    }) as typeof fetch;
    const d = new DispatchDriver(new ApiClient('http://rtcc.invalid', 'admin', fake), new DispatchSimulator(buildCity(seed), { positionEveryS: 60 }));
    await d.setup('test');
    for (let k = 0; k < 8; k++) await d.step(T0 + k * 600_000, T0 + (k + 1) * 600_000);
    assert.equal(d.stats.failedRequests, 0, d.stats.lastError);
    return bySender;
  }

  it('the same seed sends the same EIDO, OsmAnd and gunshot requests, each with its own kind\'s key', async () => {
    const a = await record(11);
    const b = await record(11);
    assert.deepEqual([...a.keys()].sort(), [...b.keys()].sort());
    for (const [sender, list] of a) assert.deepEqual(b.get(sender), list, sender);
    const cad = a.get('cad')!;
    assert.ok(cad.some((r) => r.startsWith('POST /api/v1/ingest/eido? key=key-eido {')));
    assert.ok(cad.some((r) => r.startsWith('POST /api/v1/ingest/gunshot? key=key-gunshot {')));
    assert.ok(cad.every((r) => / key=key-(eido|gunshot) /.test(r) && (r.includes('/eido?') === r.includes('key-eido'))));
    const phones = [...a.keys()].filter((k) => k.startsWith('osmand:'));
    // one phone per unit on duty: the day shift's (1A11 …) and, past 18:00, the night shift's (1B11 …)
    assert.ok(phones.length >= city.units.length && phones.every((k) => /^osmand:\d[AB]\d+$/.test(k)), phones.join());
    // Traccar Client: the fix in the query string of a POST without a body
    for (const k of phones) for (const r of a.get(k)!) assert.match(r, /^POST \/api\/v1\/ingest\/osmand\?id=\w+&timestamp=\d+&lat=[\d.]+&lon=-[\d.]+&speed=[\d.]+&bearing=\d+&altitude=[\d.]+&accuracy=[\d.]+&batt=\d+ key=key-osmand $/);
    const other = await record(12);
    assert.notDeepEqual(other.get('cad'), cad);
  });
});
