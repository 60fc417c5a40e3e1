/**
 * The JSON a webhook carries about a dispositioned hit: the hit, a summary of its read, the
 * hotlist record it matched, who verified it and how. No images (a CAD has no use for them and
 * they would leave the platform's retention), and the read as a summary only.
 */
import type { Camera, Hit, HotlistEntry, PlateRead } from '@openrtcc/domain';
import type { DeliveryEvent } from './webhook.types.ts';

const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString());

export interface HitFacts {
  hit: Hit;
  read?: PlateRead;
  entry?: HotlistEntry;
  camera?: Camera;
}

/**
 * @example webhookBody('hit.verified', { hit, read, entry }, Date.now())
 */
export function webhookBody(event: DeliveryEvent, facts: HitFacts, at: number): string {
  const { hit, read, entry, camera } = facts;
  const v = hit.verification;
  return JSON.stringify({
    event,
    occurredAt: iso(v?.verifiedAt ?? at),
    hit: {
      id: hit.id,
      status: hit.status,
      actionable: hit.status === 'confirmed',
      priority: hit.priority,
      matchKind: hit.matchKind,
      readPlate: hit.readPlate,
      confidence: hit.confidence,
      stateMatches: hit.stateMatches,
      vehicleAgreement: hit.vehicleAgreement,
      observedAt: iso(hit.observedAt),
      raisedAt: iso(hit.raisedAt),
      location: hit.location,
      cameraId: hit.cameraId,
    },
    read: read && {
      id: read.id,
      plate: read.plate,
      state: read.state,
      confidence: read.confidence,
      observedAt: iso(read.observedAt),
      location: read.location,
      locationSource: read.locationSource,
      cameraId: read.cameraId,
      cameraName: camera?.name,
      vehicle: read.vehicle,
      sourceSystem: read.sourceSystem,
    },
    record: {
      hotlistId: hit.hotlistId,
      hotlistName: hit.hotlistName,
      entryId: hit.entryId,
      plate: hit.entryPlate,
      state: hit.entryState,
      reason: hit.entryReason,
      recordId: entry?.recordId,
      fileCode: entry?.fileCode,
      ori: entry?.ori,
      enteredAt: iso(entry?.enteredAt),
      vehicle: hit.entryVehicle ?? entry?.vehicle,
    },
    verification: v && { disposition: v.disposition, verifiedBy: v.verifiedBy, verifiedAt: iso(v.verifiedAt), note: v.note },
  });
}

/** The body of a test send: what a receiver needs to check its signature code. */
export function testBody(targetId: string, at: number): string {
  return JSON.stringify({ event: 'webhook.test', occurredAt: iso(at), targetId, message: 'A test delivery from OpenRTCC; no hit is involved.' });
}
