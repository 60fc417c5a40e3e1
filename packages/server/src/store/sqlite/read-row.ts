/**
 * The compact on-disk row of a read and its conversion. Values repeated across millions of
 * rows (plate text, camera id, source name) live in dictionary tables and are stored as small
 * integers; the raw plate only when it differs from the normalized one; rarely present extras
 * (candidates, vehicle, images) as one JSON column, NULL when absent.
 */
import type { PlateRead } from '@openrtcc/domain';
import type { NewRead } from '../store.types.ts';

export const ROW_COLUMNS = [
  'id',
  'observed_at',
  'received_delta',
  'plate_id',
  'camera',
  'lon_e6',
  'lat_e6',
  'loc_src',
  'confidence',
  'state',
  'source',
  'event_id',
  'plate_raw',
  'extra',
] as const;

export type ReadRow = (number | string | null)[];

const LOC = { device: 0, registry: 1, geocoded: 2 } as const;

export function readToRow(id: number, r: NewRead, plateId: number, camera: number, source: number): ReadRow {
  const extra: Record<string, unknown> = {};
  if (r.candidates && r.candidates.length > 0) extra.c = r.candidates;
  if (r.vehicle && Object.keys(r.vehicle).length > 0) extra.v = r.vehicle;
  if (r.images && r.images.length > 0) extra.i = r.images;
  const loc = r.location;
  return [
    id,
    r.observedAt,
    r.receivedAt - r.observedAt,
    plateId,
    camera === 0 ? null : camera,
    loc ? Math.round(loc[0] * 1e6) : null,
    loc ? Math.round(loc[1] * 1e6) : null,
    loc && r.locationSource ? LOC[r.locationSource] : null,
    Math.round(r.confidence * 1000),
    r.state ?? null,
    source,
    r.sourceEventId,
    r.plateRaw !== r.plate ? r.plateRaw : null,
    Object.keys(extra).length > 0 ? JSON.stringify(extra) : null,
  ];
}

export function rowToRead(
  row: Record<string, unknown>,
  names: { plate: string; cameraId?: string; sourceSystem: string; locationSource?: PlateRead['locationSource'] },
): PlateRead {
  const observedAt = Number(row.observed_at);
  const read: PlateRead = {
    id: String(row.id),
    sourceSystem: names.sourceSystem,
    sourceEventId: String(row.event_id),
    plate: names.plate,
    plateRaw: row.plate_raw == null ? names.plate : String(row.plate_raw),
    confidence: Number(row.confidence) / 1000,
    observedAt,
    receivedAt: observedAt + Number(row.received_delta),
  };
  if (row.state != null) read.state = String(row.state);
  if (names.cameraId) read.cameraId = names.cameraId;
  if (row.lon_e6 != null && row.lat_e6 != null) {
    read.location = [Number(row.lon_e6) / 1e6, Number(row.lat_e6) / 1e6];
    if (names.locationSource) read.locationSource = names.locationSource;
  }
  if (row.extra != null) {
    const extra = JSON.parse(String(row.extra)) as { c?: PlateRead['candidates']; v?: PlateRead['vehicle']; i?: PlateRead['images'] };
    if (extra.c) read.candidates = extra.c;
    if (extra.v) read.vehicle = extra.v;
    if (extra.i) read.images = extra.i;
  }
  return read;
}
