// The transparency service with small hand-written providers: each optional provider absent,
// failing or present, and the one-minute cache.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_JUSTIFICATION_POLICY, type Camera } from '@openrtcc/domain';
import type { AuditRecord } from '../store/store.types.ts';
import { TransparencyService } from './transparency.service.ts';
import type { TransparencySources } from './transparency.types.ts';
import type { ModuleName } from '../config/modules.ts';

const NOW = Date.UTC(2026, 11, 1, 12);
const DAY = 86_400_000;

function record(seq: number, at: number, over: Partial<AuditRecord>): AuditRecord {
  return { seq, id: `r${seq}`, at, actor: 'someone', action: 'reads.search', outcome: 'success', prevHash: '', hash: '', ...over };
}

function sources(over: Partial<TransparencySources> = {}): TransparencySources & { auditCalls: number } {
  const records = [
    record(3, NOW - DAY, { justification: { offenseType: 'robbery', caseNumber: '2026-1' } }),
    record(2, NOW - 2 * DAY, { outcome: 'denied', details: { refusal: 'prohibited_purpose', rule: 'reproductive_health_care' } }),
    record(1, NOW - 40 * DAY, { justification: { offenseType: 'arson', caseNumber: '2026-2' } }),
    record(4, NOW - DAY, { action: 'sharing.outside_query', justification: { offenseType: 'robbery', caseNumber: '2026-3' } }),
    record(5, NOW - DAY, { action: 'sharing.outside_query', outcome: 'denied' }),
  ];
  const src: TransparencySources & { auditCalls: number } = {
    auditCalls: 0,
    config: { modules: ['lpr'] as ModuleName[], agencyName: undefined, training: false, justification: DEFAULT_JUSTIFICATION_POLICY, transparency: { cameraMap: 'exact' as const } },
    cameras: { list: (): Camera[] => [{ id: 'c1', name: 'Secret corner', location: [-97.1234567, 30.7654321], timeZone: 'UTC', sourceKeys: [], createdAt: 0 }] },
    audit: {
      // two records a page, newest first, as the store pages them
      list: async (opts: { limit: number; cursor?: string; action?: string }) => {
        src.auditCalls++;
        const start = Number(opts.cursor ?? 0);
        const matching = records.filter((r) => r.action === opts.action);
        const items = matching.slice(start, start + 2);
        return { items, total: matching.length, nextCursor: start + 2 < matching.length ? String(start + 2) : null };
      },
    },
    ...over,
  };
  return src;
}

describe('TransparencyService', () => {
  it('counts the last 30 days only, page by page, and rounds nothing in exact mode', async () => {
    const r = await new TransparencyService(sources(), () => NOW).report();
    assert.ok(r.searches.available);
    assert.equal(r.searches.total, 2);
    assert.deepEqual(r.searches.byCategory, [{ key: 'Violent crime', label: 'Violent crime', count: 1 }]);
    assert.deepEqual(r.searches.refusedByReason, [{ key: 'prohibited_purpose:reproductive_health_care', label: 'Prohibited purpose: Reproductive health care', count: 1 }]);
    assert.deepEqual(r.cameras.map, { precision: 'exact', points: [{ lon: -97.123457, lat: 30.765432, cameras: 1 }] });
    assert.equal(r.searches.partnerQueries, null, 'no sharing module: no partner searches to count');
  });

  it('counts partner agencies\' searches of this agency\'s data with the sharing module', async () => {
    const src = sources();
    src.config = { ...src.config, modules: ['lpr', 'sharing'] };
    const r = await new TransparencyService(src, () => NOW).report();
    assert.ok(r.searches.available);
    assert.equal(r.searches.total, 2, 'partner searches are counted apart');
    assert.deepEqual(r.searches.partnerQueries, { total: 2, answered: 1, refused: 1 });
  });

  it('marks each absent provider as not available', async () => {
    const r = await new TransparencyService(sources(), () => NOW).report();
    for (const s of [r.hits, r.retention, r.deletions, r.auditRoots, r.policy]) assert.equal(s.available, false);
    assert.deepEqual(r.sharing, { available: true, items: [] }, 'no sharing module: nobody has access');
  });

  it('uses the providers that are there, and a failing one leaves only its section unavailable', async () => {
    const src = sources({
      retention: {
        policyView: async () => [{ dataType: 'reads', label: 'LPR reads', days: 30 }],
        deletionTotals: async (since: number) => {
          assert.equal(since, NOW - 30 * DAY);
          return [{ dataType: 'reads', deleted: 7 }, { dataType: 'readImages', deleted: 3 }];
        },
      },
      sharing: { agreementsForTransparency: async () => [{ agency: 'Zeta County', scope: ['reads'] }, { agency: 'Alpha City PD', scope: ['reads', 'hotlists'], expiresAt: Date.UTC(2027, 0, 1) }] },
    });
    src.audit.dailyRoots = async () => {
      throw new Error('roots table missing');
    };
    const r = await new TransparencyService(src, () => NOW).report();
    assert.deepEqual(r.retention, { available: true, items: [{ dataType: 'reads', label: 'LPR reads', days: 30 }] });
    assert.deepEqual(r.deletions, { available: true, items: [{ dataType: 'reads', label: 'LPR reads', deleted: 7 }, { dataType: 'readImages', label: 'Read images', deleted: 3 }] });
    assert.deepEqual(r.sharing, { available: true, items: [{ agency: 'Alpha City PD', scope: ['reads', 'hotlists'], expiresAt: '2027-01-01T00:00:00.000Z' }, { agency: 'Zeta County', scope: ['reads'], expiresAt: null }] });
    assert.equal(r.auditRoots.available, false);
    assert.match(r.auditRoots.available ? '' : r.auditRoots.reason, /could not be computed/);
    assert.equal(r.searches.available, true);
  });

  it('computes once a minute, and once for requests that arrive together', async () => {
    let now = NOW;
    const src = sources();
    const svc = new TransparencyService(src, () => now);
    await Promise.all([svc.report(), svc.report(), svc.report()]);
    const perReport = src.auditCalls;
    now += 59_000;
    await svc.report();
    assert.equal(src.auditCalls, perReport);
    now += 2_000;
    await svc.report();
    assert.equal(src.auditCalls, 2 * perReport);
  });
});
