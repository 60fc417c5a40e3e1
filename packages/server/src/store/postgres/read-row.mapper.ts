/**
 * Read rows ↔ PlateRead. Candidates, vehicle and images live in one jsonb column (`extra`)
 * because nothing filters on them and they are absent from most reads.
 */
import type { LocationSource, PlateRead } from '@openrtcc/domain';
import type { NewRead } from '../store.types.ts';
import { float4, num, setIf } from './column.codec.ts';
import { storableImages } from '../image-ref.ts';

export const READ_COLUMNS =
  'id, source_system, source_event_id, plate, plate_raw, state, confidence, observed_at, received_at, ' +
  'camera_id, lon, lat, location_source, extra';

export interface ReadRow {
  id: string;
  source_system: string;
  source_event_id: string;
  plate: string;
  plate_raw: string;
  state: string | null;
  confidence: number;
  observed_at: string;
  received_at: string;
  camera_id: string | null;
  lon: number | null;
  lat: number | null;
  location_source: string | null;
  extra: Pick<PlateRead, 'candidates' | 'vehicle' | 'images'> | null;
}

/** Maps a row to the domain read, leaving absent fields out (not `undefined`). */
export function toPlateRead(row: ReadRow): PlateRead {
  const read: PlateRead = {
    id: row.id,
    sourceSystem: row.source_system,
    sourceEventId: row.source_event_id,
    plate: row.plate,
    plateRaw: row.plate_raw,
    confidence: row.confidence,
    observedAt: num(row.observed_at),
    receivedAt: num(row.received_at),
  };
  setIf(read, 'state', row.state);
  setIf(read, 'cameraId', row.camera_id);
  if (row.lon !== null && row.lat !== null) read.location = [row.lon, row.lat];
  setIf(read, 'locationSource', row.location_source as LocationSource | null);
  if (row.extra) {
    setIf(read, 'candidates', row.extra.candidates);
    setIf(read, 'vehicle', row.extra.vehicle);
    setIf(read, 'images', row.extra.images);
  }
  return read;
}

/** The `extra` document for an input, already JSON-normalized (undefined members dropped). */
function extraOf(r: NewRead): ReadRow['extra'] {
  const extra: ReadRow['extra'] = {};
  setIf(extra, 'candidates', r.candidates);
  setIf(extra, 'vehicle', r.vehicle);
  // references only: image bytes live in the image store, never in the read row
  setIf(extra, 'images', storableImages(r.images));
  return Object.keys(extra).length === 0 ? null : JSON.parse(JSON.stringify(extra));
}

/** The row `append` writes for an input, as `get` will read it back. */
export function toReadRow(id: string, r: NewRead): ReadRow {
  return {
    id,
    source_system: r.sourceSystem,
    source_event_id: r.sourceEventId,
    plate: r.plate,
    plate_raw: r.plateRaw,
    state: r.state ?? null,
    confidence: float4(r.confidence),
    observed_at: String(r.observedAt),
    received_at: String(r.receivedAt),
    camera_id: r.cameraId ?? null,
    lon: r.location ? r.location[0] : null,
    lat: r.location ? r.location[1] : null,
    location_source: r.locationSource ?? null,
    extra: extraOf(r),
  };
}

/**
 * Column arrays for `INSERT … SELECT * FROM unnest(…)`: one array per column, one statement
 * for the whole batch.
 */
export function toColumnArrays(rows: ReadRow[]): unknown[][] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.source_system),
    rows.map((r) => r.source_event_id),
    rows.map((r) => r.plate),
    rows.map((r) => r.plate_raw),
    rows.map((r) => r.state),
    rows.map((r) => r.confidence),
    rows.map((r) => r.observed_at),
    rows.map((r) => r.received_at),
    rows.map((r) => r.camera_id),
    rows.map((r) => r.lon),
    rows.map((r) => r.lat),
    rows.map((r) => r.location_source),
    rows.map((r) => (r.extra === null ? null : JSON.stringify(r.extra))),
  ];
}

export const INSERT_READS_SQL = `
  INSERT INTO reads (${READ_COLUMNS})
  SELECT * FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
    $7::real[], $8::bigint[], $9::bigint[], $10::text[], $11::float8[], $12::float8[], $13::text[],
    $14::jsonb[])`;
