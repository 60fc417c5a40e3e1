/**
 * OpenALPR `alpr_results`: one message per analysed frame, one read per plate in it.
 */
import { normalizePlate, normalizeState, type PlateReadInput } from '@openrtcc/domain';
import { DecodeError } from '../decoder.types.ts';
import {
  SOURCE_SYSTEM,
  arr,
  cameraKeyOf,
  candidatesOf,
  epochFromUuid,
  epochMs,
  jpegBase64,
  num,
  obj,
  pct01,
  str,
  type DecodeContext,
  type Json,
} from './openalpr.fields.ts';

/**
 * Maps an `alpr_results` message to reads. `sourceEventId` is `${uuid}:${plate_index}`: the
 * agent's image id plus the plate's index in that image, unique and identical on every resend.
 * Results without plate text are skipped.
 * @throws DecodeError when the message carries no capture time at all.
 */
export function mapAlprResults(msg: Json, ctx: DecodeContext): PlateReadInput[] {
  const uuid = str(msg.uuid);
  const observedAt = epochMs(msg.epoch_time) ?? epochFromUuid(uuid);
  if (observedAt === undefined) throw new DecodeError('alpr_results without epoch_time');
  const sourceCameraKey = cameraKeyOf(msg, ctx);
  // Without a uuid, the camera and capture time identify the frame just as the agent's uuid would.
  const frameId = uuid ?? `${sourceCameraKey ?? 'unknown-camera'}-${observedAt}`;

  const reads: PlateReadInput[] = [];
  arr(msg.results).forEach((item, position) => {
    const r = obj(item);
    const plateRaw = str(r?.plate);
    if (r === undefined || plateRaw === undefined) return;
    const plate = normalizePlate(plateRaw);
    if (plate === '') return;
    const read: PlateReadInput = {
      sourceSystem: SOURCE_SYSTEM,
      sourceEventId: `${frameId}:${num(r.plate_index) ?? position}`,
      plate,
      plateRaw,
      confidence: pct01(r.confidence) ?? 0,
      observedAt,
    };
    const state = normalizeState(str(r.region));
    if (state !== undefined) read.state = state;
    if (sourceCameraKey !== undefined) read.sourceCameraKey = sourceCameraKey;
    const candidates = candidatesOf(r.candidates, plate);
    if (candidates !== undefined) read.candidates = candidates;
    const crop = jpegBase64(r.plate_crop_jpeg);
    if (crop !== undefined) read.images = [{ kind: 'plate', jpegBase64: crop }];
    reads.push(read);
  });
  return reads;
}
