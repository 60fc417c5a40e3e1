/**
 * Column mappings for calls-for-service files: which column of an agency's CAD export (or its
 * open-data portal's) holds which incident field, the zone its local times are in, and how its
 * addresses are written. Saved per layout, so a dispatcher picks "Dallas PD active calls" and
 * uploads; built-in presets cover the two layouts in ../shared/samples.
 */
import { AppError } from '../errors.ts';
import { CFS_TIME_FORMATS, isTimeZone, type CfsTimeFormat } from './cfs-time.ts';

/** The incident fields a column can fill. `incidentNumber` and `receivedAt` are required. */
export const CFS_FIELDS = [
  'incidentNumber',
  'receivedAt',
  'nature',
  'typeCode',
  'typeText',
  'priority',
  'status',
  'address',
  'block',
  'street',
  'city',
  'beat',
  'latitude',
  'longitude',
  'unit',
] as const;
export type CfsField = (typeof CFS_FIELDS)[number];

/** Field → column header as it appears in the file's first row. */
export type CfsColumns = Partial<Record<CfsField, string>> & { incidentNumber: string; receivedAt: string };

/**
 * How addresses are written: `detect` marks an address block-level when it looks masked
 * (`11XX BATES ST`, `X GOVERNMENT DR`), says BLOCK, or comes from a block column; `always` when
 * the source publishes nothing finer than a block.
 */
export type CfsBlockLevel = 'detect' | 'always';

export interface CfsMapping {
  id: string;
  name: string;
  /**
   * The namespace of incident numbers: an incident is (sourceSystem, incident number), so two
   * files of one CAD update the same incidents and two CADs never collide.
   */
  sourceSystem: string;
  columns: CfsColumns;
  /** IANA zone of times written without an offset (America/Chicago). */
  timeZone: string;
  timeFormat: CfsTimeFormat;
  blockLevel: CfsBlockLevel;
  /**
   * The file's character encoding: `utf-8` (the default; a BOM is skipped) or `latin1` for the
   * Windows exports of older CADs, where UTF-8 would turn "Peñasco" into "Pe�asco".
   */
  encoding?: CfsEncoding;
  /**
   * The file lists every call that is open (an "active calls" snapshot, as Dallas publishes):
   * open incidents of this source missing from the file have ended, and the import closes them.
   */
  closeMissing?: boolean;
  /** Presets ship with the server and cannot be changed or deleted (copy one instead). */
  builtIn?: boolean;
  createdAt: number;
  updatedAt: number;
  createdBy?: string;
}

export const CFS_ENCODINGS = ['utf-8', 'latin1'] as const;
export type CfsEncoding = (typeof CFS_ENCODINGS)[number];

export type CfsMappingInput = Pick<CfsMapping, 'name' | 'sourceSystem' | 'columns' | 'timeZone'> & Partial<Pick<CfsMapping, 'timeFormat' | 'blockLevel' | 'encoding' | 'closeMissing'>>;

const PRESET_TIME = Date.UTC(2026, 0, 1);

/** Built-in layouts. Their ids start with `preset:`; a saved mapping never takes one. */
export const CFS_PRESETS: readonly CfsMapping[] = [
  {
    id: 'preset:dallas-pd-active-calls',
    name: 'Dallas PD active calls (Dallas OpenData are8-xahz)',
    sourceSystem: 'cfs:dallas-pd',
    columns: {
      incidentNumber: 'incident_number',
      receivedAt: 'date_time',
      nature: 'nature_of_call',
      priority: 'priority',
      status: 'status',
      block: 'block',
      street: 'location',
      beat: 'beat',
      unit: 'unit_number',
    },
    timeZone: 'America/Chicago',
    timeFormat: 'iso',
    blockLevel: 'detect',
    closeMissing: true,
    builtIn: true,
    createdAt: PRESET_TIME,
    updatedAt: PRESET_TIME,
  },
  {
    id: 'preset:st-louis-mpd-calls',
    name: 'St. Louis MPD calls for service',
    sourceSystem: 'cfs:st-louis-mpd',
    columns: {
      incidentNumber: 'id',
      receivedAt: 'eventtime',
      typeText: 'description',
      address: 'location',
      latitude: 'lat',
      longitude: 'lng',
    },
    timeZone: 'America/Chicago',
    timeFormat: 'iso',
    blockLevel: 'detect',
    builtIn: true,
    createdAt: PRESET_TIME,
    updatedAt: PRESET_TIME,
  },
];

type Problem = { field: string; message: string };

/**
 * Checks a mapping as a person typed it; throws `validation_failed` listing every problem.
 * @returns the input with defaults filled in and header names trimmed
 */
export function validateMapping(input: CfsMappingInput): CfsMappingInput & { timeFormat: CfsTimeFormat; blockLevel: CfsBlockLevel; encoding: CfsEncoding; closeMissing: boolean } {
  const problems: Problem[] = [];
  const name = input.name?.trim() ?? '';
  if (name === '' || name.length > 200) problems.push({ field: 'name', message: 'name must be 1 to 200 characters' });
  const sourceSystem = input.sourceSystem?.trim() ?? '';
  if (!/^[A-Za-z0-9][A-Za-z0-9:._-]{0,63}$/.test(sourceSystem)) {
    problems.push({ field: 'sourceSystem', message: 'sourceSystem must be 1 to 64 letters, digits or : . _ - (e.g. cfs:dallas-pd)' });
  }
  if (sourceSystem === 'eido') problems.push({ field: 'sourceSystem', message: 'sourceSystem "eido" is taken by EIDO ingest' });
  if (!isTimeZone(input.timeZone)) problems.push({ field: 'timeZone', message: `${String(input.timeZone)} is not an IANA time zone (e.g. America/Chicago)` });
  const timeFormat = input.timeFormat ?? 'iso';
  if (!CFS_TIME_FORMATS.includes(timeFormat)) problems.push({ field: 'timeFormat', message: `timeFormat must be one of ${CFS_TIME_FORMATS.join(', ')}` });
  const blockLevel = input.blockLevel ?? 'detect';
  if (blockLevel !== 'detect' && blockLevel !== 'always') problems.push({ field: 'blockLevel', message: 'blockLevel must be detect or always' });
  const encoding = input.encoding ?? 'utf-8';
  const closeMissing = input.closeMissing ?? false;
  if (typeof closeMissing !== 'boolean') problems.push({ field: 'closeMissing', message: 'closeMissing is true or false' });
  if (!CFS_ENCODINGS.includes(encoding)) problems.push({ field: 'encoding', message: `encoding must be one of ${CFS_ENCODINGS.join(', ')}` });
  const columns = checkColumns(input.columns, problems);
  if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.field}: ${p.message}`).join('; '), { details: problems });
  return { name, sourceSystem, columns: columns!, timeZone: input.timeZone, timeFormat, blockLevel, encoding, closeMissing };
}

function checkColumns(columns: unknown, problems: Problem[]): CfsColumns | undefined {
  if (typeof columns !== 'object' || columns === null || Array.isArray(columns)) {
    problems.push({ field: 'columns', message: 'columns must map incident fields to column names' });
    return undefined;
  }
  const out: Record<string, string> = {};
  for (const [field, header] of Object.entries(columns)) {
    if (!(CFS_FIELDS as readonly string[]).includes(field)) {
      problems.push({ field: `columns.${field}`, message: `unknown field; fields are ${CFS_FIELDS.join(', ')}` });
      continue;
    }
    if (header === undefined || header === null || header === '') continue;
    if (typeof header !== 'string' || header.trim() === '' || header.length > 200) {
      problems.push({ field: `columns.${field}`, message: 'a column name is 1 to 200 characters' });
      continue;
    }
    out[field] = header.trim();
  }
  for (const required of ['incidentNumber', 'receivedAt'] as const) {
    if (!out[required]) problems.push({ field: `columns.${required}`, message: `the ${required} column is required` });
  }
  if (Boolean(out.latitude) !== Boolean(out.longitude)) problems.push({ field: 'columns.latitude', message: 'latitude and longitude come as a pair' });
  if (out.nature && (out.typeCode || out.typeText)) problems.push({ field: 'columns.nature', message: 'map either nature ("code - text" in one column) or typeCode/typeText' });
  if (out.address && (out.block || out.street)) problems.push({ field: 'columns.address', message: 'map either address (the whole address) or block and street' });
  return out as CfsColumns;
}
