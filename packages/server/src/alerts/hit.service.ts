/**
 * Hits: a read that matched a hotlist entry. A hit carries everything the person verifying it
 * needs to see why it fired (match kind, read confidence, whether the states agree, the record's
 * age) and is never actionable until that person records a disposition.
 */
import { randomUUID } from 'node:crypto';
import { DISPOSITIONS, compareVehicles } from '@openrtcc/domain';
import type { Disposition, Hit, HitView, Hotlist, HotlistEntry, HotlistMatch, Page, PlateRead, PlateReadInput } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { HitFilter, HitStore, RaiseHits } from '../store/store.types.ts';
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

function buildHit(read: PlateRead, m: HotlistMatch, entry: HotlistEntry, list: Hotlist, now: number): Hit {
  const since = entry.enteredAt ?? entry.createdAt;
  return {
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
    ...vehicleFacts(read, entry),
    observedAt: read.observedAt,
    cameraId: read.cameraId,
    location: read.location,
    status: 'pending',
    raisedAt: now,
  };
}

/** The record's vehicle and how the read's compares with it, when the record lists one. */
function vehicleFacts(read: PlateRead, entry: HotlistEntry): Pick<Hit, 'entryVehicle' | 'vehicleAgreement'> {
  if (!entry.vehicle) return {};
  const { plateType: _t, plateYear: _y, ...vehicle } = entry.vehicle;
  if (Object.keys(vehicle).length === 0) return {};
  return { entryVehicle: vehicle, vehicleAgreement: compareVehicles(read.vehicle, vehicle) };
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

  /**
   * Matches reads about to be stored against the hotlists and returns what builds their hits
   * once the store has given each read its id (see `RaiseHits`: the hits commit with the reads),
   * or undefined when nothing matched. The hotlist records are fetched here, before the commit,
   * so building a hit inside it is synchronous.
   */
  async prepare(reads: readonly PlateReadInput[]): Promise<RaiseHits | undefined> {
    const now = Date.now();
    const found = new Map<number, { match: HotlistMatch; entry: HotlistEntry; list: Hotlist }[]>();
    for (let i = 0; i < reads.length; i++) {
      const matches = this.hotlists.match(reads[i], now);
      for (const match of matches) {
        const entry = await this.hotlists.getEntry(match.entry.id);
        if (!entry) continue; // removed between indexing and now
        const list = this.hotlists.find(entry.hotlistId);
        if (!list) continue;
        const at = found.get(i);
        if (at) at.push({ match, entry, list });
        else found.set(i, [{ match, entry, list }]);
      }
    }
    if (found.size === 0) return undefined;
    return (read, index) => (found.get(index) ?? []).map(({ match, entry, list }) => buildHit(read, match, entry, list, now));
  }

  /** Tells the console and every other listener about hits that are now committed. */
  announce(hits: Hit[]): void {
    if (hits.length > 0) this.bus.publish('hit.raised', { hits });
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
