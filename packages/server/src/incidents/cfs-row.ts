/**
 * One row of a calls-for-service file → what it says about its incident. Pure.
 *
 * - Cells holding an upstream placeholder (`System.Xml.XmlElement`, `NULL`) count as empty.
 * - `nature` is "code - text" (`7X - Major Accident`, `26/01- Missing Person-Critical`); a value
 *   without a code (no digit before the dash) is text only.
 * - Addresses stay as the source wrote them. A masked house number (`11XX BATES ST`) or a
 *   hundred block from a block column is marked `blockLevel`, never turned into a house number.
 * - Coordinates are rounded to 7 decimals (about 1 cm; portals write 21); a missing, zero or
 *   out-of-range pair leaves the incident without a point and says so in a warning. One column
 *   may hold both ("lat, lon" as NERIS writes it, or WKT `POINT (lon lat)`).
 */
import type { IncidentLocation, IncidentUnit } from '@openrtcc/domain';
import type { IncidentUpdate } from '../ingest/eido/index.ts';
import type { CfsField, CfsMapping } from './cfs-mapping.ts';
import { parseCfsTime } from './cfs-time.ts';

export type CfsRow = Record<string, string | undefined>;

export type RowResult = { ok: true; incidentNumber: string; update: IncidentUpdate; warnings: string[] } | { ok: false; reason: string };

const PLACEHOLDERS = new Set(['system.xml.xmlelement', 'null', '(null)', 'n/a', '#n/a', 'undefined']);
const CLOSED = /^(closed?|cleared|completed?|cancell?ed|archived|resolved|finished)$/i;
const NATURE = /^([^\s-]*\d[^\s-]*)\s*-\s*(.+)$/;
const MASKED = /^\s*\d*X+\b/i;
const BLOCK_WORD = /\bblock\b/i;
const MAX_CELL = 500;

/** The cell of `field`, trimmed, or undefined when unmapped, empty or a placeholder. */
function cell(row: CfsRow, mapping: CfsMapping, field: CfsField): string | undefined {
  const header = mapping.columns[field];
  if (!header) return undefined;
  const v = row[header]?.trim().replace(/\s+/g, ' ');
  if (!v || PLACEHOLDERS.has(v.toLowerCase())) return undefined;
  return v.length > MAX_CELL ? v.slice(0, MAX_CELL) : v;
}

/**
 * @example cfsRowToUpdate({ incident_number: '18-0052951', date_time: '2018-01-09T09:16:00.000', … }, dallas)
 */
export function cfsRowToUpdate(row: CfsRow, mapping: CfsMapping): RowResult {
  const incidentNumber = cell(row, mapping, 'incidentNumber');
  if (!incidentNumber) return { ok: false, reason: `no incident number in column ${mapping.columns.incidentNumber}` };
  if (incidentNumber.length > 100) return { ok: false, reason: 'the incident number is longer than 100 characters' };
  const rawTime = cell(row, mapping, 'receivedAt');
  if (!rawTime) return { ok: false, reason: `no received time in column ${mapping.columns.receivedAt}` };
  const time = parseCfsTime(rawTime, mapping.timeFormat, mapping.timeZone);
  if ('problem' in time) return { ok: false, reason: `${mapping.columns.receivedAt}: ${time.problem}` };
  const at = time.ms;
  const warnings: string[] = [];
  const update: IncidentUpdate = { sourceSystem: mapping.sourceSystem, sourceIncidentId: incidentNumber, updatedAt: at, openedAt: at, notes: [], dispositions: [], units: [] };
  Object.assign(update, typeOf(row, mapping), priorityOf(row, mapping), statusOf(row, mapping));
  const beat = cell(row, mapping, 'beat');
  if (beat) update.beat = beat;
  const location = locationOf(row, mapping, warnings);
  if (location) update.location = location;
  const unit = unitOf(row, mapping, at);
  if (unit) update.units.push(unit);
  return { ok: true, incidentNumber, update, warnings };
}

function typeOf(row: CfsRow, mapping: CfsMapping): Partial<IncidentUpdate> {
  const nature = cell(row, mapping, 'nature');
  if (nature) {
    const m = NATURE.exec(nature);
    return m ? { typeCode: m[1], typeText: m[2].trim(), type: nature } : { typeText: nature, type: nature };
  }
  const out: Partial<IncidentUpdate> = {};
  const code = cell(row, mapping, 'typeCode');
  const text = cell(row, mapping, 'typeText');
  if (code) out.typeCode = code;
  if (text) out.typeText = text;
  if (code || text) out.type = [code, text].filter(Boolean).join(' - ');
  return out;
}

function priorityOf(row: CfsRow, mapping: CfsMapping): Partial<IncidentUpdate> {
  const raw = cell(row, mapping, 'priority');
  if (!raw) return {};
  const m = /^\D{0,10}?(\d{1,2})\b/.exec(raw);
  return m ? { priority: Number(m[1]), priorityText: raw } : { priorityText: raw };
}

function statusOf(row: CfsRow, mapping: CfsMapping): Partial<IncidentUpdate> {
  const raw = cell(row, mapping, 'status');
  if (!raw) return {};
  return { status: CLOSED.test(raw) ? 'closed' : 'open', statusText: [raw] };
}

function locationOf(row: CfsRow, mapping: CfsMapping, warnings: string[]): IncidentLocation | undefined {
  const loc: IncidentLocation = {};
  const address = addressOf(row, mapping);
  if (address) {
    const city = cell(row, mapping, 'city');
    loc.address = city ? `${address.text}, ${city}` : address.text;
    if (address.blockLevel) loc.blockLevel = true;
  }
  const point = pointOf(row, mapping, warnings);
  if (point) loc.point = point;
  return loc.address !== undefined || loc.point !== undefined ? loc : undefined;
}

function addressOf(row: CfsRow, mapping: CfsMapping): { text: string; blockLevel: boolean } | undefined {
  const always = mapping.blockLevel === 'always';
  const whole = cell(row, mapping, 'address');
  if (whole) return { text: whole, blockLevel: always || MASKED.test(whole) || BLOCK_WORD.test(whole) };
  const street = cell(row, mapping, 'street');
  const block = cell(row, mapping, 'block');
  if (!street) return block ? { text: `${block} block`, blockLevel: true } : undefined;
  if (!block) return { text: street, blockLevel: always || MASKED.test(street) };
  return { text: `${block} block ${street}`, blockLevel: true };
}

const WKT_POINT = /^POINT\s*\(\s*(\S+)\s+(\S+)\s*\)$/i;
const PAIR = /^\(?\s*([^,\s]+)\s*,\s*([^,\s)]+)\s*\)?$/;

/**
 * Latitude and longitude as two cells, or as one when both fields name the same column: NERIS
 * `dispatch_point` ("42.548054, -77.840575", latitude first) or an open-data WKT location
 * ("POINT (-90.2345 38.5640)", longitude first).
 */
function coordinateCells(row: CfsRow, mapping: CfsMapping): [string | undefined, string | undefined] {
  if (mapping.columns.latitude !== mapping.columns.longitude) return [cell(row, mapping, 'latitude'), cell(row, mapping, 'longitude')];
  const both = cell(row, mapping, 'latitude');
  if (!both) return [undefined, undefined];
  const wkt = WKT_POINT.exec(both);
  if (wkt) return [wkt[2], wkt[1]];
  const pair = PAIR.exec(both);
  return pair ? [pair[1], pair[2]] : [both, undefined];
}

function pointOf(row: CfsRow, mapping: CfsMapping, warnings: string[]): [number, number] | undefined {
  const [latRaw, lonRaw] = coordinateCells(row, mapping);
  if (!latRaw && !lonRaw) return undefined;
  const lat = Number(latRaw);
  const lon = Number(lonRaw);
  if (!latRaw || !lonRaw || !Number.isFinite(lat) || !Number.isFinite(lon) || Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    warnings.push(`coordinates "${latRaw ?? ''}", "${lonRaw ?? ''}" are not a latitude and longitude; kept without a point`);
    return undefined;
  }
  if (lat === 0 && lon === 0) {
    warnings.push('coordinates 0, 0 (a geocoder placeholder); kept without a point');
    return undefined;
  }
  const r = (v: number) => Math.round(v * 1e7) / 1e7;
  return [r(lon), r(lat)];
}

function unitOf(row: CfsRow, mapping: CfsMapping, at: number): IncidentUnit | undefined {
  const unitId = cell(row, mapping, 'unit');
  return unitId ? { unitId: unitId.slice(0, 100), at } : undefined;
}
