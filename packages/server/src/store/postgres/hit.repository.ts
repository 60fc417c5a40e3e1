/**
 * Hits: inserted by the matcher, listed newest first, verified once by a person.
 * Verification is a conditional UPDATE (`status = 'pending'`), so two dispatchers verifying the
 * same hit on two nodes cannot both win.
 */
import type { Disposition, Hit, HitStatus, MatchKind, Page, VehicleAgreement, VehicleDescription } from '@openrtcc/domain';
import type { HitFilter, HitKeep, HitStore } from '../store.types.ts';
import { outsideWindows, windowParams } from './retention-sql.ts';
import { num, requireMs, setIf } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db, Sql } from './pg.client.ts';

interface HitRow {
  id: string;
  read_id: string;
  hotlist_id: string;
  hotlist_name: string;
  priority: number;
  entry_id: string;
  entry_plate: string;
  entry_state: string | null;
  entry_reason: string;
  record_age_ms: string | number;
  read_plate: string;
  matched_candidate: boolean;
  match_kind: string;
  confidence: number;
  state_matches: boolean | null;
  observed_at: string | number;
  camera_id: string | null;
  lon: number | null;
  lat: number | null;
  status: string;
  raised_at: string | number;
  disposition: string | null;
  verified_by: string | null;
  verified_at: string | number | null;
  verification_note: string | null;
  entry_vehicle: VehicleDescription | null;
  vehicle_agreement: VehicleAgreement | null;
}

function toHit(r: HitRow): Hit {
  const hit: Hit = {
    id: r.id,
    readId: r.read_id,
    hotlistId: r.hotlist_id,
    hotlistName: r.hotlist_name,
    priority: r.priority,
    entryId: r.entry_id,
    entryPlate: r.entry_plate,
    entryReason: r.entry_reason,
    recordAgeMs: num(r.record_age_ms),
    readPlate: r.read_plate,
    matchedCandidate: r.matched_candidate,
    matchKind: r.match_kind as MatchKind,
    confidence: r.confidence,
    stateMatches: r.state_matches,
    observedAt: num(r.observed_at),
    status: r.status as HitStatus,
    raisedAt: num(r.raised_at),
  };
  setIf(hit, 'entryState', r.entry_state);
  setIf(hit, 'cameraId', r.camera_id);
  setIf(hit, 'entryVehicle', r.entry_vehicle);
  setIf(hit, 'vehicleAgreement', r.vehicle_agreement);
  if (r.lon !== null && r.lat !== null) hit.location = [r.lon, r.lat];
  if (r.disposition !== null && r.verified_by !== null && r.verified_at !== null) {
    hit.verification = { disposition: r.disposition as Disposition, verifiedBy: r.verified_by, verifiedAt: num(r.verified_at) };
    setIf(hit.verification, 'note', r.verification_note);
  }
  return hit;
}

function toRow(h: Hit): HitRow {
  requireMs(h.observedAt, 'observedAt');
  requireMs(h.raisedAt, 'raisedAt');
  return {
    id: h.id,
    read_id: h.readId,
    hotlist_id: h.hotlistId,
    hotlist_name: h.hotlistName,
    priority: h.priority,
    entry_id: h.entryId,
    entry_plate: h.entryPlate,
    entry_state: h.entryState ?? null,
    entry_reason: h.entryReason,
    record_age_ms: h.recordAgeMs,
    read_plate: h.readPlate,
    matched_candidate: h.matchedCandidate,
    match_kind: h.matchKind,
    confidence: h.confidence,
    state_matches: h.stateMatches,
    observed_at: h.observedAt,
    camera_id: h.cameraId ?? null,
    lon: h.location ? h.location[0] : null,
    lat: h.location ? h.location[1] : null,
    status: h.status,
    raised_at: h.raisedAt,
    disposition: h.verification?.disposition ?? null,
    verified_by: h.verification?.verifiedBy ?? null,
    verified_at: h.verification?.verifiedAt ?? null,
    verification_note: h.verification?.note ?? null,
    entry_vehicle: h.entryVehicle ?? null,
    vehicle_agreement: h.vehicleAgreement ?? null,
  };
}

/** Status filter → condition. 'open' means awaiting a person's verification, as 'pending'. */
const STATUS_SQL: Record<NonNullable<HitFilter['status']>, string | undefined> = {
  all: undefined,
  pending: `status = 'pending'`,
  verified: `status <> 'pending'`,
  open: `status = 'pending'`,
};

/**
 * Writes hits on `sql`, a pool or the caller's transaction (the read store's append commits a
 * read's hits with it). A re-delivered hit must not be raised twice.
 */
export async function insertHits(sql: Pick<Sql, 'exec'>, hits: Hit[]): Promise<void> {
  if (hits.length === 0) return;
  await sql.exec(`INSERT INTO hits SELECT * FROM json_populate_recordset(NULL::hits, $1::json) ON CONFLICT (id) DO NOTHING`, [
    JSON.stringify(hits.map(toRow)),
  ]);
}

/** The HitStore over a migrated schema. */
export function hitRepository(db: Db): HitStore {
  return {
    insertMany: (hits) => insertHits(db, hits),

    async get(id) {
      const rows = await db.rows<HitRow>('SELECT * FROM hits WHERE id = $1', [id]);
      return rows[0] ? toHit(rows[0]) : undefined;
    },

    async list(filter): Promise<Page<Hit>> {
      const values: unknown[] = [];
      const conds: string[] = [];
      const status = STATUS_SQL[filter.status ?? 'all'];
      if (status) conds.push(status);
      if (filter.hotlistId !== undefined) {
        values.push(filter.hotlistId);
        conds.push(`hotlist_id = $${values.length}`);
      }
      const totalWhere = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
      const totalValues = [...values];
      if (filter.cursor) {
        const [at, id] = decodeCursor(filter.cursor, 'ns');
        values.push(at, id);
        conds.push(`(raised_at, id) < ($${values.length - 1}::bigint, $${values.length}::text)`);
      }
      values.push(filter.limit + 1);
      const pageSql =
        `SELECT * FROM hits ${conds.length ? `WHERE ${conds.join(' AND ')}` : ''} ` +
        `ORDER BY raised_at DESC, id DESC LIMIT $${values.length}`;
      const [rows, total] = await Promise.all([
        db.rows<HitRow>(pageSql, values),
        db.rows<{ n: string }>(`SELECT count(*) AS n FROM hits ${totalWhere}`, totalValues),
      ]);
      const items = rows.slice(0, filter.limit).map(toHit);
      const last = items[items.length - 1];
      return {
        items,
        total: num(total[0].n),
        nextCursor: rows.length > filter.limit && last ? encodeCursor([last.raisedAt, last.id]) : null,
      };
    },

    async verify(id, v) {
      const updated = await db.rows<HitRow>(
        `UPDATE hits SET status = $2, disposition = $2, verified_by = $3, verified_at = $4, verification_note = $5
          WHERE id = $1 AND status = 'pending' RETURNING *`,
        [id, v.disposition, v.verifiedBy, requireMs(v.verifiedAt, 'verifiedAt'), v.note ?? null],
      );
      if (updated[0]) return { hit: toHit(updated[0]), changed: true };
      const current = await db.rows<HitRow>('SELECT * FROM hits WHERE id = $1', [id]);
      return current[0] ? { hit: toHit(current[0]), changed: false } : undefined;
    },

    async readIdsWithHits() {
      const rows = await db.rows<{ read_id: string }>('SELECT DISTINCT read_id FROM hits');
      return new Set(rows.map((r) => r.read_id));
    },

    async deleteRaisedBefore(before: number, keep: HitKeep) {
      return db.exec(
        `DELETE FROM hits WHERE raised_at < $1
           AND NOT (id = ANY($2::text[])) AND NOT (read_id::text = ANY($3::text[]))
           AND NOT EXISTS (
             SELECT 1 FROM unnest($4::text[], $5::bigint[], $6::bigint[]) AS p(plate, f, t)
              WHERE p.plate IN (entry_plate, read_plate) AND (p.f IS NULL OR (observed_at >= p.f AND observed_at < p.t)))
           AND ${outsideWindows('observed_at', 7)}`,
        [
          requireMs(before, 'before'),
          [...keep.ids],
          [...keep.readIds],
          keep.plates.map((p) => p.plate),
          keep.plates.map((p) => p.window?.from ?? null),
          keep.plates.map((p) => p.window?.to ?? null),
          ...windowParams(keep.windows),
        ],
      );
    },
  };
}
