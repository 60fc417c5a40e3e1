/**
 * How a resent gunshot alert changes the stored one, shared by both stores: the vendor's fields
 * follow the newer report; the platform's id, receive time, source and recorded outcome stay.
 * Returns undefined when nothing changes (a retry, or a report older than the stored one).
 */
import type { GunshotAlert } from '@openrtcc/domain';
import { asStored, sameJson } from './same-json.ts';

export function mergeGunshot(current: GunshotAlert, incoming: GunshotAlert): GunshotAlert | undefined {
  if (incoming.updatedAt < current.updatedAt) return undefined;
  const next: GunshotAlert = { ...incoming, id: current.id, receivedAt: current.receivedAt };
  if (current.sourceId !== undefined) next.sourceId = current.sourceId;
  else delete next.sourceId;
  if (current.outcome) next.outcome = current.outcome;
  else delete next.outcome;
  const stored = asStored(next);
  return sameJson(stored, current) ? undefined : stored;
}
