/**
 * Hits: a read that matched a hotlist entry. A hit carries everything the person verifying it
 * needs to see why it fired (match kind, read confidence, whether the states agree, the record's
 * age) and is never actionable until that person records a disposition.
 */
import { randomUUID } from 'node:crypto';
import { DISPOSITIONS } from '@openrtcc/domain';
import type { Disposition, Hit, HitView, HotlistMatch, Page, PlateRead } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { HitFilter, HitStore } from '../store/store.types.ts';
import type { HotlistService } from '../hotlists/hotlist.service.ts';

export function hitView(h: Hit): HitView {
  const { verification, ...rest } = h;
  const v: HitView = {
    ...rest,
    observedAt: new Date(h.observedAt).toISOString(),
    raisedAt: new Date(h.raisedAt).toISOString(),
    actionable: h.status === 'confirmed',
  };
  if (verification) v.verification = { ...verification, verifiedAt: new Date(verification.verifiedAt).toISOString() };
  return v;
}

export class HitService {
  private readonly store: HitStore;
  private readonly hotlists: HotlistService;
  private readonly bus: Bus;

  constructor(store: HitStore, hotlists: HotlistService, bus: Bus) {
    this.store = store;
    this.hotlists = hotlists;
    this.bus = bus;
  }

  /** Builds, stores and announces the hits of freshly stored reads. */
  async raise(pairs: { read: PlateRead; matches: HotlistMatch[] }[]): Promise<Hit[]> {
    const hits: Hit[] = [];
    const now = Date.now();
    for (const { read, matches } of pairs) {
      for (const m of matches) {
        const entry = await this.hotlists.getEntry(m.entry.id);
        if (!entry) continue; // removed between matching and now
        const list = this.hotlists.get(entry.hotlistId);
        const since = entry.enteredAt ?? entry.createdAt;
        const hit: Hit = {
          id: randomUUID(),
          readId: read.id,
          hotlistId: list.id,
          hotlistName: list.name,
          priority: list.priority,
          entryId: entry.id,
          entryPlate: entry.plate,
          entryState: entry.state,
          entryReason: entry.reason,
          recordAgeMs: Math.max(0, read.observedAt - since),
          readPlate: m.readPlate,
          matchedCandidate: m.matchedCandidate,
          matchKind: m.matchKind,
          confidence: read.confidence,
          stateMatches: read.state && entry.state ? read.state === entry.state : null,
          observedAt: read.observedAt,
          cameraId: read.cameraId,
          location: read.location,
          status: 'pending',
          raisedAt: now,
        };
        hits.push(hit);
      }
    }
    if (hits.length === 0) return hits;
    await this.store.insertMany(hits);
    this.bus.publish('hit.raised', { hits });
    return hits;
  }

  list(filter: HitFilter): Promise<Page<Hit>> {
    return this.store.list(filter);
  }

  async get(id: string): Promise<Hit> {
    const h = await this.store.get(id);
    if (!h) throw new AppError('not_found_or_forbidden', `hit ${id} not found`);
    return h;
  }

  /** Records a person's disposition once; a second verification is a conflict. */
  async verify(id: string, input: { disposition: Disposition; verifiedBy: string; note?: string }): Promise<Hit> {
    if (!DISPOSITIONS.includes(input.disposition)) {
      throw new AppError('validation_failed', `disposition must be one of ${DISPOSITIONS.join(', ')}`);
    }
    if (!input.verifiedBy?.trim()) throw new AppError('validation_failed', 'verifiedBy must name the person who verified the hit');
    const r = await this.store.verify(id, {
      disposition: input.disposition,
      verifiedBy: input.verifiedBy.trim(),
      verifiedAt: Date.now(),
      note: input.note?.trim() || undefined,
    });
    if (!r) throw new AppError('not_found_or_forbidden', `hit ${id} not found`);
    if (!r.changed) {
      throw new AppError('conflict', `hit ${id} was already verified as ${r.hit.status} by ${r.hit.verification?.verifiedBy}`, {
        details: { status: r.hit.status },
      });
    }
    this.bus.publish('hit.verified', { hit: r.hit });
    return r.hit;
  }
}
