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
  fileCodeFromListText,
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
  /** File code when it is not the NIC's first character (WA NCIC, TCIC, list text). */
  fileCode?: string;
  /** Code → reason table; FILE_CODE_REASONS unless the system has its own letters (TCIC). */
  codes?: Readonly<Record<string, string>>;
  /** List name in words, the reason when there is no known file code ("Attempt To Locate"). */
  listText?: string;
  /** Free-text tail (remarks, state list name), kept after the reason. */
  remarks?: string;
  /** Entry date already parsed from a non-YYYYMMDD layout; `date` is then ''. */
  enteredAt?: number;
}

type Vehicle = NonNullable<ParsedHotlistEntry['vehicle']>;

/**
 * Whether a field has the shape of an NCIC number (a letter and nine digits), the cheapest
 * test that a file's first line is a record and not a column header.
 * @example looksLikeNic('V123456789') // true
 */
/**
 * The NCIC fixed-width columns every fixed-width layout shares, up to the colour: NIC, ORI, date,
 * LIC, LIS, LIY, LIT, VYR, VMA, VMO, VST. The layouts differ from column 58 on.
 */
export function ncicColumns(line: string): Pick<NcicFields, 'nic' | 'ori' | 'date' | 'plate' | 'state' | 'plateYear' | 'plateType' | 'year' | 'make' | 'model' | 'style'> {
  return {
    nic: line.slice(0, 10),
    ori: line.slice(10, 19),
    date: line.slice(19, 27),
    plate: line.slice(27, 37),
    state: line.slice(37, 39),
    plateYear: line.slice(39, 43),
    plateType: line.slice(43, 45),
    year: line.slice(45, 49),
    make: line.slice(49, 53),
    model: line.slice(53, 56),
    style: line.slice(56, 58),
  };
}

/** A fixed-width header: a first line with neither an NCIC number nor a date where records have them. */
export function isNcicFixedHeader(line: string): boolean {
  return !looksLikeNic(line.slice(0, 10)) && !/^\d{8}$/.test(line.slice(19, 27));
}

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
  const codes = f.codes ?? FILE_CODE_REASONS;
  const listText = f.listText?.trim().replace(/\s+/g, ' ') ?? '';
  let fileCode: string | undefined = (f.fileCode ?? nic.charAt(0)).trim().toUpperCase();
  let reason = Object.hasOwn(codes, fileCode) ? codes[fileCode] : undefined;
  if (reason === undefined && listText !== '') {
    fileCode = fileCodeFromListText(listText);
    reason = fileCode === undefined ? listText : FILE_CODE_REASONS[fileCode];
  }
  if (reason === undefined) {
    if (fileCode === '' && f.listText !== undefined) return 'missing list type (no file code and no list name)';
    if (fileCode === '') return nic === '' ? 'missing file code (NIC is empty)' : 'missing file code';
    return `unknown file code '${fileCode}'`;
  }
  const remarks = f.remarks?.trim().replace(/\s+/g, ' ') ?? '';
  if (remarks !== '' && remarks.toLowerCase() !== reason.toLowerCase()) reason = `${reason}: ${remarks}`;

  const plateRaw = f.plate.trim();
  const checked = checkPlate(plateRaw);
  if ('problem' in checked) return checked.problem;

  const dateText = f.date.trim();
  const enteredAt = dateText === '' ? f.enteredAt : parseYmd(dateText);
  if (dateText !== '' && enteredAt === undefined) return `invalid entry date '${dateText}' (expected YYYYMMDD)`;

  const entry: ParsedHotlistEntry = { plate: checked.plate, plateRaw, reason, line };
  if (fileCode !== undefined) entry.fileCode = fileCode;
  // A bare file code (MN/KS files write `V` for the NIC) identifies no record.
  if (nic.length > 1) entry.recordId = nic;
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

/**
 * A full NcicFields from the fields a layout has; the rest are ''.
 * @example ncicFields({ plate: 'ABC123', fileCode: 'V' }).ori // ''
 */
export function ncicFields(f: Partial<NcicFields>): NcicFields {
  return {
    nic: '',
    ori: '',
    date: '',
    plate: '',
    state: '',
    plateYear: '',
    plateType: '',
    year: '',
    make: '',
    model: '',
    style: '',
    color: '',
    ...f,
  };
}

/**
 * Epoch ms of a US date `MM/DD/YYYY` (optionally followed by a time, ignored) or `MMDDYY`, at UTC
 * midnight; undefined when it is not a calendar date.
 * @example parseUsDate('01/03/2019') // Date.UTC(2019, 0, 3)
 */
export function parseUsDate(text: string): number | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(\s.*)?$/.exec(t);
  if (m) return parseYmd(m[3] + m[1].padStart(2, '0') + m[2].padStart(2, '0'));
  m = /^(\d{2})(\d{2})(\d{2})$/.exec(t);
  // Two-digit years: NCIC records are recent, so 00–69 is 20xx.
  if (m) return parseYmd((Number(m[3]) < 70 ? '20' : '19') + m[3] + m[1] + m[2]);
  return undefined;
}
