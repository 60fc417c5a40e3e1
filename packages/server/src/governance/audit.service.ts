/**
 * The tamper-evident audit trail: each record carries the hash of its predecessor and its own
 * hash over its content, so editing or removing any record breaks every hash after it.
 * Appends are serialized in this process so sequence numbers and links never interleave.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { Page } from '@openrtcc/domain';
import type { AuditRecord, AuditStore } from '../store/store.types.ts';

export type AuditInput = Omit<AuditRecord, 'seq' | 'id' | 'at' | 'prevHash' | 'hash'> & { at?: number };

const GENESIS = '0'.repeat(64);

/** The canonical JSON of a record without its own hash: keys sorted at every level. */
function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const keys = Object.keys(value as Record<string, unknown>)
    .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
}

export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonical(r)).digest('hex');
}

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

  /** Walks the whole chain; reports the first record whose link or hash does not hold. */
  async verifyChain(): Promise<{ ok: true; records: number } | { ok: false; records: number; brokenAt: number; reason: string }> {
    let prev = GENESIS;
    let n = 0;
    let expectSeq = 1;
    for await (const r of this.store.all()) {
      n++;
      const { hash, ...rest } = r;
      if (r.seq !== expectSeq) return { ok: false, records: n, brokenAt: r.seq, reason: `sequence gap: expected ${expectSeq}` };
      if (r.prevHash !== prev) return { ok: false, records: n, brokenAt: r.seq, reason: 'link to the previous record does not match' };
      if (hashRecord(rest) !== hash) return { ok: false, records: n, brokenAt: r.seq, reason: 'record content does not match its hash' };
      prev = hash;
      expectSeq++;
    }
    return { ok: true, records: n };
  }
}
