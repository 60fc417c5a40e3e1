/**
 * The gunshot alert as the API and the stream show it: ISO times.
 */
import type { GunshotAlert, GunshotView } from '@openrtcc/domain';

const iso = (t: number): string => new Date(t).toISOString();

export function gunshotView(a: GunshotAlert): GunshotView {
  const { detectedAt, receivedAt, updatedAt, outcome, ...rest } = a;
  const v: GunshotView = { ...rest, detectedAt: iso(detectedAt), receivedAt: iso(receivedAt), updatedAt: iso(updatedAt) };
  if (outcome) v.outcome = { ...outcome, recordedAt: iso(outcome.recordedAt) };
  return v;
}
