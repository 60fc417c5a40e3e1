import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DATA_TYPES, PRESETS, STANDARD_DAYS, cutoffFor, effectiveDays, validatePolicy } from './retention-policy.ts';

describe('retention policy rules', () => {
  it('keeps reads not tied to a hit or case 30 days by default', () => {
    assert.equal(effectiveDays('standard', {}).reads, 30);
  });

  it('a state preset limits every plate-read type; overrides change only their type', () => {
    const d = effectiveDays('arkansas-150', { incidents: 730, quarantine: null });
    assert.deepEqual([d.reads, d.readsWithHits, d.hits, d.incidents, d.quarantine, d.gunshots], [150, 150, 150, 730, null, STANDARD_DAYS.gunshots]);
  });

  it('every preset is valid as it stands and names every data type', () => {
    for (const p of PRESETS) {
      assert.deepEqual(validatePolicy(p.id, {}), [], p.id);
      assert.deepEqual(Object.keys(p.days).sort(), [...DATA_TYPES].sort());
    }
  });

  it('refuses keeping plate reads past a statute, and hit reads shorter than other reads', () => {
    assert.deepEqual(validatePolicy('maine-21', { hits: null }).map((p) => p.field), ['overrides.hits']);
    assert.deepEqual(validatePolicy('standard', { reads: null }).map((p) => p.field), ['overrides.readsWithHits']);
    assert.deepEqual(validatePolicy('standard', { reads: null, readsWithHits: null }), []);
    assert.deepEqual(validatePolicy('standard', []).map((p) => p.field), ['overrides']);
    assert.deepEqual(validatePolicy(7, {}).map((p) => p.field), ['preset']);
  });

  it('turns days into a cutoff; null keeps', () => {
    assert.equal(cutoffFor(2, 10 * 86_400_000), 8 * 86_400_000);
    assert.equal(cutoffFor(null, 5), undefined);
  });
});
