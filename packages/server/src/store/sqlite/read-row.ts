/**
 * The compact on-disk row of a read and its conversion. Values repeated across millions of
 * rows (plate text, camera id, source name) live in dictionary tables and are stored as small
 * integers; the raw plate only when it differs from the normalized one; rarely present extras
 * (candidates, vehicle, images) as one JSON column, NULL when absent.
 */
import type { PlateRead } from '@openrtcc/domain';
import type { NewRead } from '../store.types.ts';
import { storableImages } from '../image-ref.ts';

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

/** A read's row in column order (ROW_COLUMNS); integers may come back from SQLite as bigint. */
export type ReadRow = (number | bigint | string | null)[];

const LOC = { device: 0, registry: 1, geocoded: 2 } as const;

export function readToRow(id: number, r: NewRead, plateId: number, camera: number, source: number): ReadRow {
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
    r.candidates === undefined && r.vehicle === undefined && r.images === undefined ? null : extraJson(r),
  ];
}

/** The rarely present nested fields as the `extra` column, or null when there are none. */
function extraJson(r: NewRead): string | null {
  const extra: Record<string, unknown> = {};
  if (r.candidates && r.candidates.length > 0) extra.c = r.candidates;
  if (r.vehicle && Object.keys(r.vehicle).length > 0) extra.v = r.vehicle;
  // references only: image bytes live in the image store, never in the read row
  const images = storableImages(r.images);
  if (images) extra.i = images;
  return Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
}

/** Where each column sits in a ReadRow (ROW_COLUMNS' order). */
export const COL = { id: 0, observedAt: 1, receivedDelta: 2, plateId: 3, camera: 4, lon: 5, lat: 6, locSrc: 7, confidence: 8, state: 9, source: 10, eventId: 11, plateRaw: 12, extra: 13 } as const;

/** The plate id, camera key (0 = none) and source key of a row, for dictionary look-ups. */
export function rowKeys(row: ReadRow): { plateId: number; camera: number; source: number; locSrc: number | null } {
  return {
    plateId: Number(row[COL.plateId]),
    camera: row[COL.camera] == null ? 0 : Number(row[COL.camera]),
    source: Number(row[COL.source]),
    locSrc: row[COL.locSrc] == null ? null : Number(row[COL.locSrc]),
  };
}

/**
 * A read from its row (as written by `readToRow`, or as read back with `setReturnArrays`), with
 * the dictionary values the row refers to by number.
 */
export function rowToRead(
  row: ReadRow,
  names: { plate: string; cameraId?: string; sourceSystem: string; locationSource?: PlateRead['locationSource'] },
): PlateRead {
  const observedAt = Number(row[COL.observedAt]);
  const plateRaw = row[COL.plateRaw];
  const read: PlateRead = {
    id: String(row[COL.id]),
    sourceSystem: names.sourceSystem,
    sourceEventId: String(row[COL.eventId]),
    plate: names.plate,
    plateRaw: plateRaw == null ? names.plate : String(plateRaw),
    confidence: Number(row[COL.confidence]) / 1000,
    observedAt,
    receivedAt: observedAt + Number(row[COL.receivedDelta]),
  };
  if (row[COL.state] != null) read.state = String(row[COL.state]);
  if (names.cameraId) read.cameraId = names.cameraId;
  if (row[COL.lon] != null && row[COL.lat] != null) {
    read.location = [Number(row[COL.lon]) / 1e6, Number(row[COL.lat]) / 1e6];
    if (names.locationSource) read.locationSource = names.locationSource;
  }
  if (row[COL.extra] != null) {
    const extra = JSON.parse(String(row[COL.extra])) as { c?: PlateRead['candidates']; v?: PlateRead['vehicle']; i?: PlateRead['images'] };
    if (extra.c) read.candidates = extra.c;
    if (extra.v) read.vehicle = extra.v;
    if (extra.i) read.images = extra.i;
  }
  return read;
}

/**
 * The read just appended as `row`, as `rowToRead` would give it back, built from the input the
 * caller still holds: the hot path of ingest, without converting the row back field by field.
 */
export function freshRead(r: NewRead, row: ReadRow, cameraId: string | undefined): PlateRead {
  const read: PlateRead = {
    id: String(row[COL.id]),
    sourceSystem: r.sourceSystem,
    sourceEventId: r.sourceEventId,
    plate: r.plate,
    plateRaw: r.plateRaw,
    confidence: (row[COL.confidence] as number) / 1000,
    observedAt: r.observedAt,
    receivedAt: r.receivedAt,
  };
  if (r.state != null) read.state = r.state;
  if (cameraId) read.cameraId = cameraId;
  if (row[COL.lon] != null && row[COL.lat] != null) {
    read.location = [(row[COL.lon] as number) / 1e6, (row[COL.lat] as number) / 1e6];
    if (r.locationSource && row[COL.locSrc] != null) read.locationSource = r.locationSource;
  }
  if (r.candidates && r.candidates.length > 0) read.candidates = r.candidates;
  if (r.vehicle && Object.keys(r.vehicle).length > 0) read.vehicle = r.vehicle;
  if (r.images !== undefined) {
    const images = storableImages(r.images);
    if (images) read.images = images;
  }
  return read;
}

/**
 * `freshRead`, made from the caller's own object (AppendOptions.handOver): its id added, its
 * confidence and position rounded as the row keeps them. A read with something the stored read
 * drops or rewrites (images, an empty list, a camera key, a null state, a location source
 * without a location) is copied by `freshRead` instead. At ingest this saves building a second
 * object per read (about 0.5 µs a read on the main thread, measured through HTTP).
 */
export function handedOverRead(r: NewRead, row: ReadRow): PlateRead {
  if (
    r.images !== undefined ||
    r.sourceCameraKey !== undefined ||
    r.state === null ||
    (r.candidates !== undefined && r.candidates.length === 0) ||
    (r.vehicle !== undefined && Object.keys(r.vehicle).length === 0) ||
    (r.locationSource !== undefined && !r.location)
  ) {
    return freshRead(r, row, r.cameraId);
  }
  const read = r as NewRead & PlateRead;
  read.id = String(row[COL.id]);
  read.confidence = (row[COL.confidence] as number) / 1000;
  if (r.location) {
    const lon = (row[COL.lon] as number) / 1e6;
    const lat = (row[COL.lat] as number) / 1e6;
    if (r.location[0] !== lon || r.location[1] !== lat) read.location = [lon, lat];
  }
  return read;
}
