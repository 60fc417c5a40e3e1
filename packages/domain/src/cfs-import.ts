/**
 * Calls-for-service files as the API shows them (`/api/v1/cad/mappings`, `/api/v1/cad/imports`):
 * column mappings and import reports, times as ISO 8601. The server builds these; the console
 * reads them.
 */

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

/** How the received-time column is written. */
export const CFS_TIME_FORMATS = ['iso', 'mdy', 'epoch-seconds', 'epoch-millis'] as const;
export type CfsTimeFormat = (typeof CFS_TIME_FORMATS)[number];

/**
 * A file's character encoding: `latin1` for the Windows exports of older CADs, where UTF-8 would
 * turn "Peñasco" into "Pe�asco".
 */
export const CFS_ENCODINGS = ['utf-8', 'latin1'] as const;
export type CfsEncoding = (typeof CFS_ENCODINGS)[number];

/**
 * How addresses are written: `detect` marks an address block-level when it looks masked
 * (`11XX BATES ST`, `X GOVERNMENT DR`), says BLOCK, or comes from a block column; `always` when
 * the source publishes nothing finer than a block.
 */
export type CfsBlockLevel = 'detect' | 'always';

/** Field → column header as it appears in the file's first row. */
export type CfsColumns = Partial<Record<CfsField, string>> & { incidentNumber: string; receivedAt: string };

export interface CfsMappingView {
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
  /** Absent: utf-8 (a BOM is skipped). */
  encoding?: CfsEncoding;
  /**
   * The file lists every call that is open (an "active calls" snapshot): open incidents of this
   * source missing from the file have ended, and the import closes them.
   */
  closeMissing?: boolean;
  /** Presets ship with the server and cannot be changed or deleted (copy one instead). */
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
}

/** The body that saves a mapping (POST, PUT); absent options take their defaults. */
export type CfsMappingInput = Pick<CfsMappingView, 'name' | 'sourceSystem' | 'columns' | 'timeZone'> &
  Partial<Pick<CfsMappingView, 'timeFormat' | 'blockLevel' | 'encoding' | 'closeMissing'>>;

export interface CfsLineNote {
  /** The file line the row ends on (the header is line 1). */
  line: number;
  reason: string;
}

export interface CfsImportReportView {
  id: string;
  mappingId: string;
  mappingName: string;
  sourceSystem: string;
  importedAt: string;
  importedBy: string;
  rowsRead: number;
  incidents: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Open incidents of the source missing from an active-calls file, closed by it (`closeMissing`). */
  closed: number;
  /** Why an active-calls file closed nothing (a row whose incident number could not be read). */
  closeSkipped?: string;
  rejected: number;
  /** At most 500 of each are listed; `rejected` counts every rejected row. */
  rejections: CfsLineNote[];
  warnings: CfsLineNote[];
}
