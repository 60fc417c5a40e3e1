/**
 * One NCIC vehicle record, whatever the file layout: fields in, hotlist entry or rejection out.
 * The fixed-width and comma-separated importers only differ in how they cut the line.
 */
import { normalizeState } from '@openrtcc/domain';
import type { ParsedHotlistEntry } from '../importer.types.ts';
import { checkPlate } from './line-parser.ts';
import {
  FILE_CODE_REASONS,
  MAKE_CODES,
  PLATE_TYPE_CODES,
  STYLE_CODES,
  describeCode,
  describeColor,
  lettersOnly,
} from './ncic-codes.ts';

/** Raw field text as cut from the line; absent fields are ''. */
export interface NcicFields {
  /** NCIC number; its first character is the file code. */
  nic: string;
  ori: string;
  /** Entry date YYYYMMDD. */
  date: string;
  plate: string;
  state: string;
  /** LIY registration year. */
  plateYear: string;
  /** LIT plate type. */
  plateType: string;
  year: string;
  make: string;
  model: string;
  style: string;
  color: string;
}

type Vehicle = NonNullable<ParsedHotlistEntry['vehicle']>;

/**
 * Whether a field has the shape of an NCIC number (a letter and nine digits), the cheapest
 * test that a file's first line is a record and not a column header.
 * @example looksLikeNic('V123456789') // true
 */
export function looksLikeNic(field: string): boolean {
  return /^[A-Za-z]\d{9}$/.test(field.trim());
}

/**
 * Epoch ms of a YYYYMMDD date at UTC midnight, or undefined when it is not a calendar date.
 * @example parseYmd('20240229') // 1709164800000
 */
export function parseYmd(text: string): number | undefined {
  if (!/^\d{8}$/.test(text)) return undefined;
  const y = Number(text.slice(0, 4));
  const m = Number(text.slice(4, 6));
  const d = Number(text.slice(6, 8));
  if (y < 1900) return undefined;
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  // Date.UTC rolls 20230231 over to March 3rd; a round trip catches impossible dates.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  return ms;
}

/**
 * Builds the hotlist entry for one NCIC record, or returns why the record is rejected.
 * A blank entry date is allowed (no `enteredAt`); a malformed one is not.
 * @example buildNcicEntry({ nic: 'V123456789', plate: 'ABC123', … }, 2).reason // 'stolen vehicle'
 */
export function buildNcicEntry(f: NcicFields, line: number): ParsedHotlistEntry | string {
  const nic = f.nic.trim().toUpperCase();
  const fileCode = nic.charAt(0);
  const reason = Object.hasOwn(FILE_CODE_REASONS, fileCode) ? FILE_CODE_REASONS[fileCode] : undefined;
  if (reason === undefined) return fileCode === '' ? 'missing file code (NIC is empty)' : `unknown file code '${fileCode}'`;

  const plateRaw = f.plate.trim();
  const checked = checkPlate(plateRaw);
  if ('problem' in checked) return checked.problem;

  const dateText = f.date.trim();
  const enteredAt = dateText === '' ? undefined : parseYmd(dateText);
  if (dateText !== '' && enteredAt === undefined) return `invalid entry date '${dateText}' (expected YYYYMMDD)`;

  const entry: ParsedHotlistEntry = { plate: checked.plate, plateRaw, reason, fileCode, recordId: nic, line };
  const state = normalizeState(f.state);
  if (state) entry.state = state;
  const ori = fixOri(f.ori);
  if (ori) entry.ori = ori;
  if (enteredAt !== undefined) entry.enteredAt = enteredAt;
  const vehicle = describeVehicle(f);
  if (vehicle) entry.vehicle = vehicle;
  return entry;
}

/** ORIs start with the state code, so they carry the same `0H` typo as the state field. */
function fixOri(raw: string): string {
  const ori = raw.trim().toUpperCase();
  const state = normalizeState(ori.slice(0, 2));
  return state ? state + ori.slice(2) : ori;
}

function describeVehicle(f: NcicFields): Vehicle | undefined {
  const v: Vehicle = {};
  const make = lettersOnly(f.make);
  if (make) v.make = describeCode(MAKE_CODES, make);
  const model = f.model.trim().toUpperCase();
  if (model) v.model = model;
  const style = f.style.trim().toUpperCase();
  if (style) v.bodyType = describeCode(STYLE_CODES, style);
  const color = f.color.trim();
  if (color) v.color = describeColor(color);
  const year = f.year.trim();
  if (year) v.year = year;
  const plateType = f.plateType.trim().toUpperCase();
  if (plateType) v.plateType = describeCode(PLATE_TYPE_CODES, plateType);
  const plateYear = f.plateYear.trim();
  if (plateYear) v.plateYear = plateYear;
  return Object.keys(v).length > 0 ? v : undefined;
}
