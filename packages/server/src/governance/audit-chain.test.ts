// The streaming chain verifier over hand-built chains: intact, edited, reordered, cut, and a
// rewrite only the published roots reveal.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { AuditRecord } from '../store/store.types.ts';
import { verifyAuditChain, type RootToCheck } from './audit-chain.ts';
import { DAY_MS, GENESIS, hashRecord, utcDay } from './audit-hash.ts';

const DAY0 = Date.UTC(2026, 10, 1);

function chain(n: number, change?: (seq: number) => Partial<AuditRecord>): AuditRecord[] {
  let prev = GENESIS;
  const out: AuditRecord[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const base = { seq, id: `r${seq}`, at: DAY0 + Math.floor((seq - 1) / 3) * DAY_MS + seq, actor: 'ana', action: 'reads.get', outcome: 'success' as const, prevHash: prev, ...change?.(seq) };
    const rec = { ...base, hash: hashRecord(base) };
    out.push(rec);
    prev = rec.hash;
  }
  return out;
}

async function* stream(records: AuditRecord[]) {
  yield* records;
}

/** The roots a publisher would have made of `records` for their first `days` days. */
function rootsOf(records: AuditRecord[], days: number): RootToCheck[] {
  return Array.from({ length: days }, (_, d) => {
    const of = records.filter((r) => utcDay(r.at) === utcDay(DAY0 + d * DAY_MS));
    return { day: utcDay(DAY0 + d * DAY_MS), records: of.length, firstSeq: of[0].seq, lastSeq: of[of.length - 1].seq, root: of[of.length - 1].hash };
  });
}

describe('verifyAuditChain', () => {
  it('passes an intact chain and its roots', async () => {
    const c = chain(9);
    const r = await verifyAuditChain(stream(c), rootsOf(c, 3));
    assert.equal(r.ok, true);
    assert.equal(r.records, 9);
    assert.equal(r.rootsChecked, 3);
    assert.equal(r.lastHash, c[8].hash);
  });

  it('names an edited record, and a record whose predecessor changed', async () => {
    const c = chain(6);
    c[3] = { ...c[3], actor: 'bob' };
    assert.deepEqual((await verifyAuditChain(stream(c), [])).broken?.seq, 4);
    const relinked = chain(6);
    relinked[2] = { ...relinked[2], prevHash: '1'.repeat(64) };
    assert.match((await verifyAuditChain(stream(relinked), [])).broken!.reason, /link/);
  });

  it('names the record after a gap and a chain that does not start at 1', async () => {
    const c = chain(6);
    const r = await verifyAuditChain(stream([...c.slice(0, 2), ...c.slice(3)]), []);
    assert.equal(r.broken?.seq, 4);
    assert.match(r.broken!.reason, /record 3 missing/);
    assert.equal((await verifyAuditChain(stream(c.slice(1)), [])).broken?.seq, 2);
  });

  it('catches a consistent rewrite and a cut tail through the published roots', async () => {
    const original = chain(9);
    const roots = rootsOf(original, 3);
    const rewritten = chain(9, (seq) => (seq === 5 ? { actor: 'bob' } : {}));
    const r = await verifyAuditChain(stream(rewritten), roots);
    assert.equal(r.ok, false);
    assert.equal(r.broken?.seq, 6, 'the last record of the first rewritten day');
    assert.match(r.broken!.reason, /published root of 2026-11-02 no longer matches/);
    const cut = await verifyAuditChain(stream(original.slice(0, 6)), roots);
    assert.match(cut.broken!.reason, /holds no record of that day/);
  });
});
