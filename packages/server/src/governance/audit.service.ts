/**
 * The tamper-evident audit trail: each record carries the hash of its predecessor and its own
 * hash over its content, so editing or removing any record breaks every hash after it; the
 * published daily roots pin the chain, so even a rewrite of the whole chain is detected.
 * Appends are serialized in this process so sequence numbers and links never interleave.
 */
import { randomUUID } from 'node:crypto';
import type { AuditVerifyView, Page } from '@openrtcc/domain';
import type { AuditRecord, AuditRoot, AuditStore } from '../store/store.types.ts';
import { verifyAuditChain, type ChainReport } from './audit-chain.ts';
import { DAY_MS, GENESIS, hashRecord, utcDay } from './audit-hash.ts';

export { hashRecord } from './audit-hash.ts';

export type AuditInput = Omit<AuditRecord, 'seq' | 'id' | 'at' | 'prevHash' | 'hash'> & { at?: number };

/** The chain report, plus the fields the first version of the verify route answered with. */
export type VerifyResult = ChainReport & Pick<AuditVerifyView, 'brokenAt' | 'reason'>;

export class AuditService {
  private readonly store: AuditStore;
  private tail: Promise<unknown> = Promise.resolve();

  constructor(store: AuditStore) {
    this.store = store;
  }

  /** Appends a record after every earlier append; resolves once it is stored. */
  record(input: AuditInput): Promise<AuditRecord> {
    const next = this.tail.then(async () => {
      const last = await this.store.last();
      const base: Omit<AuditRecord, 'hash'> = {
        ...input,
        seq: (last?.seq ?? 0) + 1,
        id: randomUUID(),
        at: input.at ?? Date.now(),
        prevHash: last?.hash ?? GENESIS,
      };
      const rec: AuditRecord = { ...base, hash: hashRecord(base) };
      await this.store.append(rec);
      return rec;
    });
    this.tail = next.catch(() => undefined);
    return next;
  }

  list(opts: { limit: number; cursor?: string; action?: string }): Promise<Page<AuditRecord>> {
    return this.store.list(opts);
  }

  /**
   * Walks the whole chain (streamed) and compares every published daily root with it; reports
   * the first record that does not hold.
   */
  async verify(): Promise<VerifyResult> {
    const report = await verifyAuditChain(this.store.all(), await this.store.roots.list());
    return report.broken ? { ...report, brokenAt: report.broken.seq, reason: report.broken.reason } : report;
  }

  /** @deprecated the name of the first version; same as `verify`. */
  verifyChain(): Promise<VerifyResult> {
    return this.verify();
  }

  /**
   * The published daily roots of the last `days` UTC days (today counts as one, and has none
   * until it is over), newest first. Called by the public transparency page: it carries hashes
   * and counts only, nothing about who did what.
   * @example await audit.dailyRoots({ days: 30 }) // [{ day: '2026-11-30', records: 412, firstSeq: 9001, lastSeq: 9412, root: 'ab…', publishedAt: 1764461100000 }, …]
   */
  async dailyRoots(opts: { days: number }): Promise<{ day: string; records: number; firstSeq: number; lastSeq: number; root: string; publishedAt: number }[]> {
    const days = Number.isFinite(opts.days) ? Math.max(1, Math.floor(opts.days)) : 1;
    const fromDay = utcDay(Date.now() - (days - 1) * DAY_MS);
    const roots: AuditRoot[] = await this.store.roots.list(fromDay);
    return roots.reverse().map(({ day, records, firstSeq, lastSeq, root, publishedAt }) => ({ day, records, firstSeq, lastSeq, root, publishedAt }));
  }
}
