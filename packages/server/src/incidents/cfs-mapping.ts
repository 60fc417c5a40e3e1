/**
 * Column mappings for calls-for-service files: which column of an agency's CAD export (or its
 * open-data portal's) holds which incident field, the zone its local times are in, and how its
 * addresses are written. Saved per layout, so a dispatcher picks "Dallas PD active calls" and
 * uploads; built-in presets cover the two layouts in ../shared/samples.
 */
import type { CfsBlockLevel, CfsColumns, CfsEncoding, CfsMappingInput, CfsMappingView, CfsTimeFormat } from '@openrtcc/domain';
import { CFS_ENCODINGS, CFS_FIELDS, CFS_TIME_FORMATS } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import { isTimeZone } from './cfs-time.ts';

export { CFS_ENCODINGS, CFS_FIELDS } from '@openrtcc/domain';
export type { CfsBlockLevel, CfsColumns, CfsEncoding, CfsField, CfsMappingInput } from '@openrtcc/domain';

/** A mapping as stored: the API's view (`@openrtcc/domain`) with epoch-ms times. */
export type CfsMapping = Omit<CfsMappingView, 'builtIn' | 'createdAt' | 'updatedAt'> & {
  builtIn?: boolean;
  createdAt: number;
  updatedAt: number;
};

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
