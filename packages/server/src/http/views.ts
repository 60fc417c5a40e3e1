/**
 * Wire shapes: ISO 8601 times at the API edge, epoch ms inside.
 */
import type { PlateRead, ReadView } from '@openrtcc/domain';

export function readView(r: PlateRead): ReadView {
  const v: ReadView = {
    id: r.id,
    plate: r.plate,
    plateRaw: r.plateRaw,
    confidence: r.confidence,
    observedAt: new Date(r.observedAt).toISOString(),
    receivedAt: new Date(r.receivedAt).toISOString(),
    sourceSystem: r.sourceSystem,
    sourceEventId: r.sourceEventId,
  };
  if (r.state) v.state = r.state;
  if (r.cameraId) v.cameraId = r.cameraId;
  if (r.location) v.location = r.location;
  if (r.locationSource) v.locationSource = r.locationSource;
  if (r.candidates) v.candidates = r.candidates;
  if (r.vehicle) v.vehicle = r.vehicle;
  if (r.images) v.images = r.images;
  return v;
}
