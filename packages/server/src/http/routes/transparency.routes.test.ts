// The public transparency page and its JSON: public, computed from live data, and never showing
// a plate, a person, a user name, a case number or an internal id. Plates and names are synthetic.
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { rtccRead, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

const POLICY = 'ALPR Use Policy\n\nSearches need a case number. <script>alert("x")</script> & more.';

describe('transparency routes', () => {
  let t: TestApp;
  let token: string;
  const secrets: string[] = [];
  // short values (a read's numeric id, '1') would match any count; everything named is longer
  const remember = (...v: string[]) => secrets.push(...v.filter((x) => x.length >= 5));

  before(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcc-transparency-'));
    const policyFile = join(dir, 'policy.md');
    writeFileSync(policyFile, POLICY);
    t = await startTestApp({ transparency: { cameraMap: 'approximate', policyFile }, agencyName: 'Testville Police Department' });
    const user = await enrolUser(t, 'kwalsh.analyst', 'analyst');
    token = await signInAs(t, user);
    remember('kwalsh.analyst', user.id, 'Test analyst');

    for (const [name, lon, lat] of [['Cam Elm St & 4th NB', -97.74013, 30.26721], ['Cam Elm St & 4th SB', -97.74027, 30.26708], ['Cam Riverside Dr', -97.70123, 30.24052]] as const) {
      const res = await t.call({ method: 'POST', url: '/api/v1/cameras', payload: { name, location: [lon, lat] } });
      assert.equal(res.statusCode, 201, res.body);
      remember(name, res.json().id, String(lon), String(lat));
    }
    const list = (await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'Stolen vehicles ZQX', kind: 'custom', priority: 1 } })).json();
    remember('Stolen vehicles ZQX', list.id);
    await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.id}/entries`, payload: [{ plate: 'ZQX4821', reason: 'stolen vehicle, owner Marta Quinlan' }, { plate: 'ZQX4822', reason: 'stolen plate' }] });
    remember('ZQX4821', 'ZQX4822', 'Marta Quinlan');

    const hitIds: string[] = [];
    for (const plate of ['ZQX4821', 'ZQX4822', 'ZQX4821', 'ZQX4822']) {
      const r = await t.call({ method: 'POST', url: '/api/v1/reads', payload: rtccRead({ plate, state: 'TX' }) });
      assert.equal(r.statusCode, 200, r.body);
      remember(r.json().readIds[0]);
    }
    for (const h of (await t.call({ method: 'GET', url: '/api/v1/hits?limit=50' })).json().items) hitIds.push(h.id);
    assert.equal(hitIds.length, 4);
    remember(...hitIds);
    for (const [i, disposition] of (['confirmed', 'misread', 'misread'] as const).entries()) {
      const v = await t.call({ method: 'POST', url: `/api/v1/hits/${hitIds[i]}/verification`, payload: { disposition, verifiedBy: 'Sgt Orla Brennick' } });
      assert.equal(v.statusCode, 200, v.body);
    }
    remember('Sgt Orla Brennick');

    const search = (justification: unknown) => t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: { plate: 'ZQX4821', justification } });
    assert.equal((await search({ offenseType: 'motor_vehicle_theft', caseNumber: 'TV-2026-77134', note: 'Silver pickup seen on Elm' })).statusCode, 200);
    assert.equal((await search({ offenseType: 'robbery', caseNumber: 'TV-2026-77135' })).statusCode, 200);
    assert.equal((await search({ offenseType: 'homicide', caseNumber: 'TV-2026-77136' })).statusCode, 200);
    assert.equal((await search({ offenseType: 'robbery', caseNumber: 'n/a' })).statusCode, 400);
    assert.equal((await search({ offenseType: 'wanted_person', caseNumber: 'TV-2026-77137', note: 'ICE detainer for Pavel Drozd' })).statusCode, 403);
    remember('TV-2026-77134', 'TV-2026-77135', 'TV-2026-77136', 'TV-2026-77137', 'Silver pickup', 'Pavel Drozd', 'ICE detainer');
  });
  after(() => t.close());

  it('serves the JSON without a credential, computed from the live data', async () => {
    const res = await t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null });
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['cache-control']), /max-age=60/);
    const r = res.json();
    assert.equal(r.agency, 'Testville Police Department');
    assert.equal(r.mode, 'live');
    assert.equal(r.periodDays, 30);
    assert.deepEqual(r.collected.map((c: { module: string }) => c.module), ['lpr', 'hotlists']);
    assert.ok(r.notCollected.some((s: string) => /facial recognition/.test(s)));

    // two cameras 20 m apart share one ~1 km cell; the third is 4 km away
    assert.equal(r.cameras.total, 3);
    assert.equal(r.cameras.map.precision, 'approximate');
    assert.deepEqual(r.cameras.map.points.map((p: { cameras: number }) => p.cameras).sort(), [1, 2]);
    for (const p of r.cameras.map.points) assert.equal(Math.round(p.lat * 100), p.lat * 100, 'latitude rounded to 0.01°');

    assert.equal(r.searches.available, true);
    assert.equal(r.searches.justified, 3);
    assert.equal(r.searches.refused, 2);
    assert.deepEqual(r.searches.byCategory.map((c: { label: string; count: number }) => [c.label, c.count]), [['Violent crime', 2], ['Vehicle crime', 1]]);
    assert.deepEqual(r.searches.refusedByReason.map((c: { key: string; count: number }) => [c.key, c.count]).sort(), [['justification_required', 1], ['prohibited_purpose:immigration_enforcement', 1]]);
    assert.deepEqual(r.justificationPolicy.prohibitedPurposes.map((p: { code: string }) => p.code), ['immigration_enforcement', 'reproductive_health_care', 'first_amendment_activity']);

    assert.equal(r.hits.total, 4);
    assert.equal(r.hits.verified, 3);
    assert.equal(r.hits.pending, 1);
    assert.equal(r.hits.misreadRate, 2 / 3);
    assert.equal(r.hits.byDisposition.find((d: { key: string }) => d.key === 'confirmed').count, 1);
    assert.equal(r.policy.available, true);
    assert.equal(r.policy.text, POLICY);
    // the retention service and the audit roots of this server feed their sections
    assert.equal(r.retention.available, true);
    assert.ok(r.retention.items.some((i: { dataType: string; days: number | null }) => i.days !== null));
    assert.equal(r.deletions.available, true);
    assert.equal(r.auditRoots.available, true);
    assert.deepEqual(r.sharing, { available: true, items: [] });
  });

  it('serves a readable HTML page without a credential or script, with every section', async () => {
    const res = await t.call({ method: 'GET', url: '/transparency', token: null });
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /text\/html/);
    assert.match(String(res.headers['content-security-policy']), /default-src 'none'/);
    const html = res.body;
    assert.doesNotMatch(html, /<script/i, 'no script, and the policy text is escaped');
    assert.match(html, /&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; more/);
    assert.match(html, /<h1>Testville Police Department: plate reader transparency<\/h1>/);
    for (const h of ['What is collected', 'Cameras', 'How long data is kept', 'Searches', 'Hits and what they turned out to be', 'Agencies with access', 'Deletions', 'Audit trail', 'Policy']) {
      assert.match(html, new RegExp(`<h2 id="[a-z]+">${h}</h2>`), h);
    }
    assert.match(html, /<svg [^>]*role="img"/);
    assert.match(html, /Prohibited purpose: Immigration enforcement<\/th><td class="n">1</);
    assert.match(html, /66\.7%/);
  });

  it('shows no plate, person, user name, case number, camera name or internal id', async () => {
    const json = (await t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null })).body;
    const html = (await t.call({ method: 'GET', url: '/transparency', token: null })).body;
    assert.ok(secrets.length > 25);
    for (const s of secrets) {
      assert.equal(json.includes(s), false, `JSON shows ${s}`);
      assert.equal(html.includes(s), false, `HTML shows ${s}`);
    }
  });

  it('computes at most once a minute, whatever the traffic', async () => {
    const first = (await t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null })).json();
    await t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: { plate: 'ZQX4821', justification: { offenseType: 'arson', caseNumber: 'TV-2026-88001' } } });
    const [a, b] = await Promise.all([1, 2].map(() => t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null })));
    assert.equal(a.json().generatedAt, first.generatedAt);
    assert.equal(b.json().searches.justified, first.searches.justified);
  });
});

describe('transparency routes on a minimal server', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ modules: ['lpr'] });
  });
  after(() => t.close());

  it('says which sections are not available instead of failing, and keeps camera positions private by default', async () => {
    const r = (await t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null })).json();
    assert.equal(r.cameras.map.precision, 'off');
    assert.equal(r.cameras.map.points, undefined);
    assert.equal(r.hits.available, false);
    assert.match(r.hits.reason, /Hotlists are not switched on/);
    assert.equal(r.policy.available, false);
    assert.ok(r.notCollected.some((s: string) => /No plate data is shared/.test(s)));
    const html = (await t.call({ method: 'GET', url: '/transparency', token: null })).body;
    assert.match(html, /Not available: Hotlists are not switched on/);
    assert.match(html, /does not publish where its cameras are/);
  });
});

describe('transparency routes with the sharing module', () => {
  let t: TestApp;
  before(async () => {
    t = await startTestApp({ modules: ['lpr', 'sharing'], agencyName: 'Alpha City Police Department' });
  });
  after(() => t.close());

  it('lists the agencies with access from the live agreements, and nothing else of them', async () => {
    const expiresAt = new Date(Date.now() + 365 * 86_400_000).toISOString();
    const grant = await t.call({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      payload: { direction: 'outbound', partnerAgency: 'Bravo County Sheriff', partnerUrl: 'https://rtcc.bravo-county.example', scope: ['reads'], limits: { maxResults: 50, maxWindowDays: 30 }, expiresAt, basis: 'MOU 2026-14 signed by Chief Ilse Marrow' },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    const res = await t.call({ method: 'GET', url: '/api/v1/public/transparency', token: null });
    const r = res.json();
    assert.deepEqual(r.sharing, { available: true, items: [{ agency: 'Bravo County Sheriff', scope: ['reads'], expiresAt }] });
    assert.deepEqual(r.searches.partnerQueries, { total: 0, answered: 0, refused: 0 });
    const html = (await t.call({ method: 'GET', url: '/transparency', token: null })).body;
    assert.match(html, /<th scope="row">Bravo County Sheriff<\/th><td>reads<\/td>/);
    for (const s of ['bravo-county.example', 'Ilse Marrow', grant.json().key, grant.json().agreement.id]) {
      assert.equal(res.body.includes(s), false, s);
      assert.equal(html.includes(s), false, s);
    }
  });
});
