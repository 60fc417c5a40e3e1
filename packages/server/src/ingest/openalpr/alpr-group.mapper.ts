/**
 * OpenALPR `alpr_group` (v2, agent 2.x) and Rekor Scout v3 groups: one message per vehicle pass,
 * mapped to one read. Also used for groups carried by `alpr_alert`, `vehicle` and web-server relays.
 */
import {
  normalizePlate,
  normalizeState,
  type PlateReadInput,
  type ReadImage,
  type VehicleDescription,
} from '@openrtcc/domain';
import { DecodeError } from '../decoder.types.ts';
import {
  SOURCE_SYSTEM,
  arr,
  bool,
  cameraKeyOf,
  candidatesOf,
  epochFromUuid,
  epochMs,
  gpsOf,
  jpegBase64,
  num,
  obj,
  pct01,
  str,
  type DecodeContext,
  type Json,
} from './openalpr.fields.ts';

export type GroupOutcome = { read: PlateReadInput } | { ignored: string };

/** The group's best plate text as sent, or undefined when the group has none (a `vehicle` event). */
export function groupPlateRaw(g: Json): string | undefined {
  const raw = str(g.best_plate_number) ?? str(obj(g.best_plate)?.plate);
  return raw !== undefined && normalizePlate(raw) !== '' ? raw : undefined;
}

/**
 * Maps a group to a read, or to a reason for ignoring it.
 *
 * `sourceEventId` is `group:${uuids[0]}:${plate_indexes[0]}` — the first member image and its
 * plate index — falling back to `group:${best_uuid}`. Both are fixed once the agent sends the
 * final group, so resends and the web server's relay of the same group (alone or inside an
 * `alpr_alert`) all carry the same id and are stored once. The `group:` prefix keeps the id apart
 * from the per-frame `alpr_results` reads of the same images. The first member is preferred
 * because `best_uuid` names the best image, which a relay could re-rank; the member list is not
 * reordered.
 * @throws DecodeError when the group has a plate but neither an id nor a time.
 */
export function mapAlprGroup(g: Json, ctx: DecodeContext): GroupOutcome {
  if (bool(g.is_preview)) return { ignored: 'preview group (a final group follows)' };
  const plateRaw = groupPlateRaw(g);
  if (plateRaw === undefined) return { ignored: 'group without plate' };
  const plate = normalizePlate(plateRaw);
  const best = obj(g.best_plate);
  const bestUuid = str(g.best_uuid);

  const observedAt =
    epochMs(g.best_uuid_epoch_ms) ?? epochMs(g.epoch_start) ?? epochFromUuid(bestUuid) ?? epochMs(g.epoch_end);
  if (observedAt === undefined) throw new DecodeError('alpr_group without epoch_start');

  const read: PlateReadInput = {
    sourceSystem: SOURCE_SYSTEM,
    sourceEventId: groupEventId(g, bestUuid),
    plate,
    plateRaw,
    confidence: pct01(g.best_confidence) ?? pct01(best?.confidence) ?? 0,
    observedAt,
  };
  const state = normalizeState(str(g.best_region) ?? str(best?.region));
  if (state !== undefined) read.state = state;
  const sourceCameraKey = cameraKeyOf(g, ctx);
  if (sourceCameraKey !== undefined) read.sourceCameraKey = sourceCameraKey;
  const location = gpsOf(g);
  if (location !== undefined) {
    read.location = location;
    read.locationSource = 'device';
  }
  const candidates = candidatesOf(arr(g.candidates).length > 0 ? g.candidates : best?.candidates, plate);
  if (candidates !== undefined) read.candidates = candidates;
  const vehicle = vehicleOf(g);
  if (vehicle !== undefined) read.vehicle = vehicle;
  const images = imagesOf(g, best);
  if (images.length > 0) read.images = images;
  return { read };
}

function groupEventId(g: Json, bestUuid: string | undefined): string {
  const first = str(arr(g.uuids)[0]);
  if (first !== undefined) return `group:${first}:${num(arr(g.plate_indexes)[0]) ?? 0}`;
  if (bestUuid !== undefined) return `group:${bestUuid}`;
  throw new DecodeError('alpr_group without uuids or best_uuid: no stable id');
}

/** The highest-confidence name of one vehicle attribute (`[{name, confidence}]`, or a lone object). */
function topName(attr: unknown): string | undefined {
  const list = Array.isArray(attr) ? attr : obj(attr) ? [attr] : [];
  let name: string | undefined;
  let bestConfidence = -Infinity;
  for (const item of list) {
    const o = obj(item);
    const n = str(o?.name);
    const c = num(o?.confidence) ?? 0;
    if (n !== undefined && c > bestConfidence) {
      name = n;
      bestConfidence = c;
    }
  }
  return name;
}

/**
 * Vehicle attributes from the classifier's top guesses. `make_model` ('ford_focus') gives the
 * model; its make is used only when the separate (better trained) `make` guess is absent, and the
 * model is dropped when the two disagree, so a BOLO never sees a 'chevrolet focus'.
 */
function vehicleOf(g: Json): VehicleDescription | undefined {
  const v = obj(g.vehicle);
  const out: VehicleDescription = {};
  if (v !== undefined) {
    const color = topName(v.color);
    if (color !== undefined) out.color = color;
    const make = topName(v.make);
    const makeModel = topName(v.make_model);
    const split = makeModel?.indexOf('_') ?? -1;
    const mmMake = makeModel !== undefined && split > 0 ? makeModel.slice(0, split) : undefined;
    const mmModel = makeModel !== undefined && split > 0 ? makeModel.slice(split + 1) : undefined;
    if (make !== undefined || mmMake !== undefined) out.make = make ?? mmMake;
    if (mmModel && (make === undefined || make.toLowerCase() === mmMake?.toLowerCase())) out.model = mmModel;
    const bodyType = topName(v.body_type);
    if (bodyType !== undefined) out.bodyType = bodyType;
    const year = topName(v.year);
    if (year !== undefined) out.year = year;
  }
  const direction = num(g.travel_direction);
  if (direction !== undefined && direction >= 0 && direction <= 360) out.heading = direction % 360;
  return Object.keys(out).length > 0 ? out : undefined;
}

function imagesOf(g: Json, best: Json | undefined): ReadImage[] {
  const images: ReadImage[] = [];
  const plate = jpegBase64(best?.plate_crop_jpeg);
  if (plate !== undefined) images.push({ kind: 'plate', jpegBase64: plate });
  const vehicle = jpegBase64(g.vehicle_crop_jpeg);
  if (vehicle !== undefined) images.push({ kind: 'vehicle', jpegBase64: vehicle });
  const overview = jpegBase64(g.overview_jpeg);
  if (overview !== undefined) images.push({ kind: 'overview', jpegBase64: overview });
  return images;
}
