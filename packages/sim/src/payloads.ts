/**
 * What the simulated devices send: fixed cameras speak OpenALPR agent `alpr_group` v2 (the shape
 * of `../shared/samples/openalpr/alpr_group.agent-2.7.101.doc.json`), mobile units the platform's
 * own read format. Pure functions of a read, so a payload is the same on every replay.
 */
import type { SimCamera } from './city.ts';
import type { SimRead } from './simulator.ts';

const pct = (x: number) => Math.round(x * 100_000) / 1000;
const region = (state: string | undefined) => (state ? `us-${state.toLowerCase()}` : '');

/** Model years as the classifier reports them (five-year bands). */
function yearBand(year: number): string {
  const lo = year - ((year - 2000) % 5);
  return `${lo}-${lo + 4}`;
}

/** The OpenALPR frame uuid an agent gives an image: `<agent_uid>-<camera_id>-<epoch ms>`. */
export function frameUuid(agentUid: string, cameraNumber: number, at: number): string {
  return `${agentUid}-${cameraNumber}-${at}`;
}

/** The `sourceEventId` the server derives from the group built by `alprGroup` (see its decoder). */
export function alprGroupEventId(agentUid: string, read: SimRead): string {
  return `group:${frameUuid(agentUid, read.cameraNumber ?? 0, read.at - 300)}:0`;
}

/**
 * An `alpr_group` v2 for one fixed-camera read: one group per vehicle pass, three frames, the
 * recognizer's candidates, the vehicle classifier's guesses and the camera's configured GPS.
 */
export function alprGroup(read: SimRead, camera: SimCamera, agentUid: string, companyId: string): Record<string, unknown> {
  const o = read.observation;
  const v = read.vehicle;
  const start = read.at - 300;
  const uuids = [start, read.at - 120, read.at].map((t) => frameUuid(agentUid, camera.cameraNumber, t));
  const candidates = [{ plate: o.plate, confidence: pct(o.confidence), matches_template: 0 }, ...o.candidates.map((c) => ({ plate: c.plate, confidence: pct(c.confidence), matches_template: 0 }))];
  const regionConfidence = o.state ? Math.round(60 + o.confidence * 35) : 0;
  return {
    version: 2,
    data_type: 'alpr_group',
    epoch_start: start,
    epoch_end: read.at + 400,
    frame_start: 0,
    frame_end: 18,
    company_id: companyId,
    agent_uid: agentUid,
    agent_version: '2.7.101',
    agent_type: 'alprd',
    camera_id: camera.cameraNumber,
    country: 'us',
    uuids,
    plate_indexes: [0, 0, 0],
    candidates,
    best_plate: {
      plate: o.plate,
      confidence: pct(o.confidence),
      matches_template: 0,
      plate_index: 0,
      region: region(o.state),
      region_confidence: regionConfidence,
      processing_time_ms: 48.2,
      requested_topn: 10,
      coordinates: [{ x: 1200, y: 640 }, { x: 1390, y: 642 }, { x: 1388, y: 738 }, { x: 1198, y: 735 }],
      candidates,
    },
    best_confidence: pct(o.confidence),
    best_plate_number: o.plate,
    best_region: region(o.state),
    best_region_confidence: regionConfidence,
    matches_template: false,
    best_uuid: uuids[2],
    best_image_width: 1920,
    best_image_height: 1080,
    travel_direction: read.travelDirection ?? camera.travelDirection,
    is_parked: false,
    gps_latitude: camera.location[1],
    gps_longitude: camera.location[0],
    vehicle: {
      color: [{ name: v.color, confidence: 71.4 }],
      make: [{ name: v.make, confidence: 64.2 }],
      make_model: [{ name: `${v.make}_${v.model}`, confidence: 38.9 }],
      body_type: [{ name: v.bodyType, confidence: 58.3 }],
      year: [{ name: yearBand(v.year), confidence: 44.0 }],
      orientation: [{ name: String((camera.heading + 180) % 360), confidence: 52.0 }],
    },
  };
}

/** A mobile unit's read in the platform format (`POST /api/v1/reads`), located by the car's GPS. */
export function platformRead(read: SimRead, sourceSystem: string): Record<string, unknown> {
  const o = read.observation;
  const body: Record<string, unknown> = {
    plate: o.plate,
    confidence: o.confidence,
    observedAt: new Date(read.at).toISOString(),
    location: read.location,
    sourceSystem,
    sourceEventId: read.id,
    vehicle: { color: read.vehicle.color, make: read.vehicle.make, bodyType: read.vehicle.bodyType },
  };
  if (o.state) body.state = o.state;
  if (o.candidates.length > 0) body.candidates = o.candidates;
  return body;
}
