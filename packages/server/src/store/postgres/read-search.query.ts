/**
 * Read search in SQL: a plate filter, a time window, a camera set and an area (all combined
 * with AND), newest first by (observed_at, id), a keyset cursor, and the exact total of matches.
 *
 * Plate filters map onto the indexes: exact → btree (plate, observed_at); pattern → LIKE, where
 * a fixed prefix uses the COLLATE "C" btree and the rest the pg_trgm GIN index; fuzzy → a regex
 * prefilter the GIN index can serve, then the exact platform test
 * `levenshtein(ocr_key(query), ocr_key(plate)) <= 1`.
 */
import type { PlateRead, Page, VehicleDescription, VehicleFilter } from '@openrtcc/domain';
import { OCR_CLASSES, areaBbox, isInArea, matchesVehicle, ocrKey } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import { VEHICLE_CANDIDATES_MAX, type PlateFilter, type ReadQuery } from '../store.types.ts';
import { pageAfterCursor, tooManyVehicleCandidates, type VehicleMatch } from '../vehicle-filter.ts';
import { num, requireMs } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Sql } from './pg.client.ts';
import { READ_COLUMNS, toPlateRead, type ReadRow } from './read-row.mapper.ts';

/** Collects bind parameters; `add` returns the placeholder. */
class Params {
  readonly values: unknown[] = [];
  add(v: unknown): string {
    this.values.push(v);
    return `$${this.values.length}`;
  }
}

/** `?`/`*` pattern → LIKE pattern, with LIKE's own wildcards and escape taken literally. */
export function likePattern(pattern: string): string {
  return pattern
    .replace(/[\\%_]/g, (c) => `\\${c}`)
    .replace(/\*+/g, '%')
    .replace(/\?/g, '_');
}

const CLASS_OF = new Map<string, string>();
for (const cls of OCR_CLASSES) CLASS_OF.set(cls[0], `[${cls}]`);

/** A regex fragment matching every plate text whose OCR key is `key`. */
function keyRegex(key: string): string {
  let out = '';
  for (const ch of key) out += CLASS_OF.get(ch) ?? (/[A-Z0-9]/.test(ch) ? ch : `\\${ch}`);
  return out;
}

function plateCondition(filter: PlateFilter, p: Params): string | undefined {
  switch (filter.kind) {
    case 'any':
      return undefined;
    case 'exact':
      return `plate = ${p.add(filter.plate)}`;
    case 'pattern':
      return `plate LIKE ${p.add(likePattern(filter.pattern))}`;
    case 'fuzzy': {
      // One edit touches only one half of the key, so a match keeps the other half intact at its
      // end: the prefilter is exact, not a similarity threshold, and recall stays 100%.
      const key = ocrKey(filter.plate);
      const half = Math.floor(key.length / 2);
      const head = p.add(`^${keyRegex(key.slice(0, half))}`);
      const tail = p.add(`${keyRegex(key.slice(half))}$`);
      const len = key.length;
      return (
        `(plate ~ ${head} OR plate ~ ${tail}) AND length(plate) BETWEEN ${len - 1} AND ${len + 1} ` +
        `AND levenshtein_less_equal(ocr_key(plate), ${p.add(key)}, 1) <= 1`
      );
    }
    default:
      throw new AppError('validation_failed', 'unknown plate filter');
  }
}

/** Conditions shared by the page and the total (everything but the cursor). */
function matchConditions(q: ReadQuery, p: Params): string[] {
  const where: string[] = [];
  const plate = plateCondition(q.plate, p);
  if (plate) where.push(plate);
  if (q.from !== undefined) where.push(`observed_at >= ${p.add(requireMs(q.from, 'from'))}`);
  if (q.to !== undefined) where.push(`observed_at < ${p.add(requireMs(q.to, 'to'))}`);
  if (q.cameraIds) where.push(`camera_id = ANY(${p.add(q.cameraIds)}::text[])`);
  for (const box of [q.bbox, q.area && areaBbox(q.area)]) {
    if (!box) continue;
    const [minLon, minLat, maxLon, maxLat] = box;
    where.push(
      `lon BETWEEN ${p.add(minLon)}::float8 AND ${p.add(maxLon)}::float8 ` +
        `AND lat BETWEEN ${p.add(minLat)}::float8 AND ${p.add(maxLat)}::float8`,
    );
  }
  return where;
}

const whereClause = (conds: string[]): string => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

function pageOf(rows: ReadRow[], limit: number, total: number): Page<PlateRead> {
  const items = rows.slice(0, limit).map(toPlateRead);
  const last = items[items.length - 1];
  return {
    items,
    total,
    nextCursor: rows.length > limit && last ? encodeCursor([last.observedAt, last.id]) : null,
  };
}

/** Runs a read search: one page, newest first, plus the exact total. */
export async function searchReads(sql: Sql, q: ReadQuery): Promise<Page<PlateRead>> {
  if (!Number.isSafeInteger(q.limit) || q.limit < 1) {
    throw new AppError('validation_failed', 'limit must be a positive integer', { details: { limit: q.limit } });
  }
  const after = q.cursor ? (decodeCursor(q.cursor, 'ns') as [number, string]) : undefined;
  if (q.vehicle) return searchVehicle(sql, q, q.vehicle, after);
  if (q.area) return searchArea(sql, q, after);

  const totalParams = new Params();
  const totalSql = `SELECT count(*) AS n FROM reads ${whereClause(matchConditions(q, totalParams))}`;
  const pageParams = new Params();
  const conds = matchConditions(q, pageParams);
  if (after) {
    conds.push(`(observed_at, id) < (${pageParams.add(after[0])}::bigint, ${pageParams.add(after[1])}::bigint)`);
  }
  const pageSql =
    `SELECT ${READ_COLUMNS} FROM reads ${whereClause(conds)} ` +
    `ORDER BY observed_at DESC, id DESC LIMIT ${pageParams.add(q.limit + 1)}`;
  const [rows, total] = await Promise.all([
    sql.rows<ReadRow>(pageSql, pageParams.values),
    sql.rows<{ n: string }>(totalSql, totalParams.values),
  ]);
  return pageOf(rows, q.limit, num(total[0].n));
}

/**
 * Area searches: SQL narrows to the area's bounding box, then the domain's own `isInArea` decides
 * (the same test the SQLite store applies), so the total counts only reads inside the area.
 * Every candidate's position is read to count them, so the cost grows with the reads in the box.
 */
async function searchArea(sql: Sql, q: ReadQuery, after: [number, string] | undefined): Promise<Page<PlateRead>> {
  const area = q.area!;
  const p = new Params();
  const candidates = await sql.rows<{ id: string; observed_at: string; lon: number; lat: number }>(
    `SELECT id, observed_at, lon, lat FROM reads ${whereClause(matchConditions(q, p))}
      ORDER BY observed_at DESC, id DESC`,
    p.values,
  );
  const inside = candidates.filter((c) => isInArea([c.lon, c.lat], area));
  let start = 0;
  if (after) {
    const [at, id] = [after[0], BigInt(after[1])];
    while (start < inside.length) {
      const t = num(inside[start].observed_at);
      if (t < at || (t === at && BigInt(inside[start].id) < id)) break;
      start++;
    }
  }
  const ids = inside.slice(start, start + q.limit + 1).map((c) => c.id);
  const rows = ids.length
    ? await sql.rows<ReadRow>(
        `SELECT ${READ_COLUMNS} FROM reads WHERE id = ANY($1::bigint[]) ORDER BY observed_at DESC, id DESC`,
        [ids],
      )
    : [];
  return pageOf(rows, q.limit, inside.length);
}

/**
 * Vehicle searches (store/vehicle-filter.ts): the indexes select the candidates of the other
 * filters, newest first, with only their vehicle document and position; each is checked with
 * the domain's `matchesVehicle` (and `isInArea`), then the page's rows are read.
 */
async function searchVehicle(sql: Sql, q: ReadQuery, vehicle: VehicleFilter, after: [number, string] | undefined): Promise<Page<PlateRead>> {
  const p = new Params();
  const candidates = await sql.rows<{ id: string; observed_at: string; lon: number | null; lat: number | null; vehicle: VehicleDescription | null }>(
    `SELECT id, observed_at, lon, lat, extra -> 'vehicle' AS vehicle FROM reads ${whereClause(matchConditions(q, p))}
      ORDER BY observed_at DESC, id DESC LIMIT ${p.add(VEHICLE_CANDIDATES_MAX + 1)}`,
    p.values,
  );
  // counted over the area's bounding box: a cut list would make the total silently wrong
  if (candidates.length > VEHICLE_CANDIDATES_MAX) throw tooManyVehicleCandidates(candidates.length);
  const area = q.area;
  const inArea = area ? candidates.filter((c) => c.lon !== null && c.lat !== null && isInArea([c.lon, c.lat], area)) : candidates;
  const matches: VehicleMatch<bigint>[] = inArea.filter((c) => matchesVehicle(c.vehicle ?? undefined, vehicle)).map((c) => ({ ts: num(c.observed_at), id: BigInt(c.id) }));
  const { page, more } = pageAfterCursor(matches, after ? { ts: after[0], id: BigInt(after[1]) } : undefined, q.limit);
  const rows = page.length
    ? await sql.rows<ReadRow>(`SELECT ${READ_COLUMNS} FROM reads WHERE id = ANY($1::bigint[]) ORDER BY observed_at DESC, id DESC`, [page.map((m) => String(m.id))])
    : [];
  const items = rows.map(toPlateRead);
  const last = items[items.length - 1];
  return { items, total: matches.length, nextCursor: more && last ? encodeCursor([last.observedAt, last.id]) : null };
}
