/**
 * Sharing between two real OpenRTCC instances on loopback: Alpha owns reads and grants Bravo an
 * agreement; Bravo's analyst searches with partners over real HTTP. Checks the owner's limits,
 * the audit on both sides, refusals of expired and revoked agreements, and that a partner key
 * opens nothing else.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newSecret, sha256Hex } from '../../auth/auth.service.ts';
import { JUSTIFICATION, rtccRead, startTestApp, type TestApp } from '../test-app.ts';
import { enrolUser, signInAs } from './users.fixture.ts';

const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();

interface Instance {
  t: TestApp;
  url: string;
}

async function instance(agencyName: string): Promise<Instance> {
  const t = await startTestApp({ modules: ['lpr', 'hotlists', 'sharing'], agencyName, sharingTimeoutMs: 20_000 });
  const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
  return { t, url };
}

describe('sharing between two instances on loopback', () => {
  let alpha: Instance;
  let bravo: Instance;
  let analyst: string;
  let partnerKey: string;
  let outboundId: string;
  let inboundId: string;

  const search = (body: Record<string, unknown>, token = analyst) => bravo.t.call({ method: 'POST', url: '/api/v1/reads/search', token, payload: body });
  const federated = (key: string, body: Record<string, unknown>) =>
    fetch(`${alpha.url}/api/v1/federation/search`, { method: 'POST', headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });

  before(async () => {
    alpha = await instance('Alpha City Police Department');
    bravo = await instance('Bravo County Sheriff');
    const src = await alpha.t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'alpha gate', kind: 'rtcc' } });
    const key = src.json().key;
    const reads = [
      rtccRead({ plate: 'SHR1001', state: 'TX', observedAt: new Date(Date.now() - 2 * DAY).toISOString() }),
      rtccRead({ plate: 'SHR1001', state: 'OK', observedAt: new Date(Date.now() - 3 * DAY).toISOString() }),
      rtccRead({ plate: 'SHR1001', state: 'TX', observedAt: new Date(Date.now() - 40 * DAY).toISOString() }),
    ];
    for (const r of reads) assert.equal((await alpha.t.call({ method: 'POST', url: '/api/v1/reads', token: key, payload: r })).statusCode, 200);
    // Bravo has its own read of the plate, so merged results show both agencies
    const bsrc = (await bravo.t.call({ method: 'POST', url: '/api/v1/sources', payload: { name: 'bravo gate', kind: 'rtcc' } })).json().key;
    await bravo.t.call({ method: 'POST', url: '/api/v1/reads', token: bsrc, payload: rtccRead({ plate: 'SHR1001', state: 'TX', observedAt: new Date(Date.now() - DAY).toISOString() }) });
    analyst = await signInAs(bravo.t, await enrolUser(bravo.t, 'bravo.analyst', 'analyst'));
  });
  after(async () => {
    await bravo?.t.close();
    await alpha?.t.close();
  });

  it('grants Bravo on Alpha (key shown once) and records it on Bravo', async () => {
    const grant = await alpha.t.call({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      payload: {
        direction: 'outbound',
        partnerAgency: 'Bravo County Sheriff',
        partnerUrl: bravo.url,
        scope: ['reads'],
        limits: { states: ['tx'], offenseTypes: ['motor_vehicle_theft', 'robbery'], maxResults: 50, maxWindowDays: 30 },
        expiresAt: inDays(365),
        basis: 'MOU 2026-14',
      },
    });
    assert.equal(grant.statusCode, 201, grant.body);
    partnerKey = grant.json().key;
    outboundId = grant.json().agreement.id;
    assert.match(partnerKey, /^rtcc_fed_/);
    assert.deepEqual(grant.json().agreement.limits, { states: ['TX'], offenseTypes: ['motor_vehicle_theft', 'robbery'], maxResults: 50, maxWindowDays: 30 });
    const listed = (await alpha.t.call({ method: 'GET', url: '/api/v1/sharing/agreements' })).json().items;
    assert.equal(listed[0].status, 'active');
    assert.doesNotMatch(JSON.stringify(listed), new RegExp(partnerKey.slice(13)), 'the key is never shown again');
    assert.doesNotMatch(JSON.stringify(listed), /keyHash/);

    const inbound = await bravo.t.call({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      payload: { direction: 'inbound', partnerAgency: 'Alpha City Police Department', partnerUrl: alpha.url, partnerKey, expiresAt: inDays(365) },
    });
    assert.equal(inbound.statusCode, 201, inbound.body);
    assert.equal(inbound.json().key, undefined);
    assert.doesNotMatch(inbound.body, /rtcc_fed_/, 'the partner key we keep is never shown');
    inboundId = inbound.json().agreement.id;
    const audit = (await alpha.t.call({ method: 'GET', url: '/api/v1/audit?action=sharing.agreement_create' })).json().items;
    assert.equal(audit[0].details.agreement.id, outboundId);
  });

  it("Bravo's analyst searches with partners and gets Alpha's reads tagged with Alpha, within the limits", async () => {
    const res = await search({ plate: 'SHR1001', justification: JUSTIFICATION, includePartners: true });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.deepEqual(body.partners.map((p: { agency: string; ok: boolean; count: number }) => [p.agency, p.ok, p.count]), [['Alpha City Police Department', true, 1]]);
    assert.ok(body.partners[0].windowFrom, 'the 30-day window clipped the search');
    const byAgency = body.items.map((r: { agency: string; state: string; observedAt: string }) => [r.agency, r.state]);
    // Alpha's OK read is outside the allowed states; its 40-day-old read is outside the window
    assert.deepEqual(byAgency, [['Bravo County Sheriff', 'TX'], ['Alpha City Police Department', 'TX']]);
    assert.equal(body.items[1].agreementId, inboundId);
    assert.equal(body.total, 1, 'the total is our own');
  });

  it("shows Alpha every outside query with Bravo's requester, agency and justification; Bravo audits its side", async () => {
    const res = await alpha.t.call({ method: 'GET', url: '/api/v1/sharing/outside-queries' });
    assert.equal(res.statusCode, 200, res.body);
    const [q] = res.json().items;
    assert.equal(q.agency, 'Bravo County Sheriff');
    assert.equal(q.requester, 'bravo.analyst');
    assert.equal(q.agreementId, outboundId);
    assert.deepEqual(q.justification, JUSTIFICATION);
    assert.equal(q.resultCount, 1);
    assert.equal(q.outcome, 'success');
    assert.equal(q.query.plate, 'SHR1001');
    const mine = (await bravo.t.call({ method: 'GET', url: '/api/v1/audit?action=sharing.partner_search' })).json().items;
    assert.equal(mine[0].actor, 'bravo.analyst');
    assert.deepEqual(mine[0].justification, JUSTIFICATION);
    assert.deepEqual(mine[0].details.partners, [{ agreementId: inboundId, agency: 'Alpha City Police Department', count: 1 }]);
    assert.equal((await alpha.t.call({ method: 'GET', url: '/api/v1/audit/verify' })).json().ok, true);
  });

  it('passes a vehicle filter on to the partner, which applies it', async () => {
    const res = await search({ plate: 'SHR1001', vehicle: { color: 'red' }, justification: JUSTIFICATION, includePartners: true });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().partners.map((p: { ok: boolean; count: number }) => [p.ok, p.count]), [[true, 0]], "Alpha's read has no red vehicle");
  });

  it('refuses a purpose the agreement does not allow, and says so on the requesting side', async () => {
    const res = await search({ plate: 'SHR1001', justification: { offenseType: 'burglary', caseNumber: '2026-555120' }, includePartners: true });
    assert.equal(res.statusCode, 200, res.body);
    const [p] = res.json().partners;
    assert.equal(p.ok, false);
    assert.equal(p.error.code, 'forbidden');
    assert.match(p.error.message, /allows searches for motor_vehicle_theft, robbery only/);
    assert.ok(res.json().items.every((r: { agency: string }) => r.agency === 'Bravo County Sheriff'), 'the local search still answers');
  });

  it('refuses a justification that fails our rules, and audits the attempt', async () => {
    const res = await federated(partnerKey, { requester: { name: 'someone' }, justification: { offenseType: 'robbery', caseNumber: 'n/a' }, search: { plate: 'SHR1001' } });
    assert.equal(res.status, 400);
    assert.equal((await res.json()).error.code, 'justification_required');
    const [q] = (await alpha.t.call({ method: 'GET', url: '/api/v1/sharing/outside-queries' })).json().items;
    assert.equal(q.outcome, 'denied');
    assert.equal(q.reason, 'justification');
  });

  it('refuses a prohibited purpose by our rules, whatever the partner allows', async () => {
    const res = await federated(partnerKey, { requester: { name: 'someone' }, justification: { ...JUSTIFICATION, note: 'check immigration status of the driver' }, search: { plate: 'SHR1001' } });
    assert.equal(res.status, 403);
    assert.equal((await res.json()).error.code, 'prohibited_purpose');
    const [q] = (await alpha.t.call({ method: 'GET', url: '/api/v1/sharing/outside-queries' })).json().items;
    assert.equal(q.reason, 'prohibited_purpose');
  });

  it('lets the partner key call nothing but the federation route', async () => {
    for (const [method, url] of [['GET', '/api/v1/modules'], ['GET', '/api/v1/session'], ['POST', '/api/v1/reads/search'], ['GET', '/api/v1/sharing/agreements'], ['GET', '/api/v1/audit'], ['GET', '/api/v1/hits']] as const) {
      const res = await alpha.t.call({ method, url, token: partnerKey, payload: method === 'POST' ? { plate: 'SHR1001', justification: JUSTIFICATION } : undefined });
      assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
    }
    const admin = await alpha.t.call({ method: 'POST', url: '/api/v1/federation/search', payload: { requester: { name: 'x' }, justification: JUSTIFICATION, search: { plate: 'SHR1001' } } });
    assert.equal(admin.statusCode, 403, 'the admin token is no partner');
    assert.equal((await alpha.t.call({ method: 'POST', url: '/api/v1/federation/search', token: analyst, payload: {} })).statusCode, 401, "Bravo's session means nothing on Alpha");
  });

  it('refuses an expired agreement with a clear error', async () => {
    const key = newSecret('rtcc_fed');
    const now = Date.now();
    await alpha.t.ctx.store.sharing.create({
      id: 'agr-expired', direction: 'outbound', partnerAgency: 'Charlie Township PD', scope: ['reads'], limits: { maxResults: 10 },
      expiresAt: now - DAY, createdAt: now - 400 * DAY, createdBy: 'admin', keyHash: sha256Hex(key), keyPrefix: key.slice(0, 13),
    });
    const res = await federated(key, { requester: { name: 'c.officer' }, justification: JUSTIFICATION, search: { plate: 'SHR1001' } });
    assert.equal(res.status, 403);
    const body = await res.json();
    assert.equal(body.error.details.reason, 'agreement_expired');
    assert.match(body.error.message, /agr-expired with Alpha City Police Department expired on/);
  });

  it('refuses at once after revocation; the requesting side reports it and keeps its own results', async () => {
    const rev = await alpha.t.call({ method: 'DELETE', url: `/api/v1/sharing/agreements/${outboundId}` });
    assert.equal(rev.statusCode, 200, rev.body);
    assert.equal(rev.json().status, 'revoked');
    const res = await search({ plate: 'SHR1001', justification: JUSTIFICATION, includePartners: [inboundId] });
    assert.equal(res.statusCode, 200, res.body);
    const [p] = res.json().partners;
    assert.equal(p.ok, false);
    assert.match(p.error.message, /revoked the sharing agreement/);
    assert.equal(res.json().items.length, 1);
    assert.equal((await alpha.t.call({ method: 'GET', url: '/api/v1/audit?action=sharing.agreement_revoke' })).json().items[0].details.agreementId, outboundId);
    const [q] = (await alpha.t.call({ method: 'GET', url: '/api/v1/sharing/outside-queries' })).json().items;
    assert.equal(q.reason, 'agreement_revoked');
  });

  it('reports an unreachable partner without failing the search', async () => {
    const down = await bravo.t.call({
      method: 'POST',
      url: '/api/v1/sharing/agreements',
      payload: { direction: 'inbound', partnerAgency: 'Delta PD', partnerUrl: 'http://127.0.0.1:9', partnerKey: 'rtcc_fed_nothing_listens_here', expiresAt: inDays(30) },
    });
    const res = await search({ plate: 'SHR1001', justification: JUSTIFICATION, includePartners: [down.json().agreement.id] });
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().partners.map((p: { agency: string }) => p.agency), ['Delta PD'], 'only the agreement asked for');
    assert.equal(res.json().partners[0].error.code, 'unreachable');
    const unknown = await search({ plate: 'SHR1001', justification: JUSTIFICATION, includePartners: ['no-such-agreement'] });
    assert.equal(unknown.statusCode, 400);
    assert.match(unknown.json().error.message, /no-such-agreement is not an agreement under which a partner shares with us/);
  });

  it('checks agreements as they are made', async () => {
    const bad = async (payload: Record<string, unknown>, field: RegExp) => {
      const res = await alpha.t.call({ method: 'POST', url: '/api/v1/sharing/agreements', payload: { direction: 'outbound', partnerAgency: 'X', expiresAt: inDays(10), ...payload } });
      assert.equal(res.statusCode, 400, res.body);
      assert.match(res.json().error.message, field);
    };
    await bad({ expiresAt: inDays(-1) }, /expiresAt: must be in the future/);
    await bad({ expiresAt: inDays(3000) }, /at most/);
    await bad({ limits: { states: ['XX'] } }, /limits.states/);
    await bad({ limits: { offenseTypes: ['jaywalking'] } }, /limits.offenseTypes/);
    await bad({ direction: 'inbound', partnerUrl: 'http://partner.example' }, /https/);
    await bad({ direction: 'inbound', partnerUrl: 'https://partner.example' }, /partnerKey/);
    const analystTry = await bravo.t.call({ method: 'GET', url: '/api/v1/sharing/agreements', token: analyst });
    assert.equal(analystTry.statusCode, 403);
  });

  it('lists active outbound agreements for the transparency page', async () => {
    await alpha.t.call({ method: 'POST', url: '/api/v1/sharing/agreements', payload: { direction: 'outbound', partnerAgency: 'Echo County', expiresAt: inDays(90) } });
    const list = await alpha.t.ctx.sharing!.agreementsForTransparency();
    assert.deepEqual(list.map((a) => [a.agency, a.scope]), [['Echo County', ['reads']]], 'revoked and expired ones are left out');
    assert.ok(list[0].expiresAt! > Date.now());
  });
});

describe('sharing module off', () => {
  it('has no sharing routes and refuses includePartners', async () => {
    const t = await startTestApp({ modules: ['lpr', 'hotlists'] });
    try {
      for (const [method, url] of [['GET', '/api/v1/sharing/agreements'], ['POST', '/api/v1/federation/search'], ['GET', '/api/v1/sharing/outside-queries']] as const) {
        assert.equal((await t.call({ method, url, payload: method === 'POST' ? {} : undefined })).statusCode, 404, url);
      }
      const res = await t.call({ method: 'POST', url: '/api/v1/reads/search', payload: { plate: 'SHR1001', justification: JUSTIFICATION, includePartners: true } });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().error.message, /sharing module/);
      assert.equal(t.ctx.sharing, undefined);
    } finally {
      await t.close();
    }
  });
});
