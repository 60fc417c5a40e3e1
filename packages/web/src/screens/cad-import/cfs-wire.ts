/**
 * Wire shapes of the calls-for-service routes (docs/api.md, "Calls-for-service files"). The
 * domain package has no view types for them yet, so they are written here from the API.
 */
export const CFS_FIELDS = [
  ['incidentNumber', 'Incident number (required)'],
  ['receivedAt', 'Received time (required)'],
  ['nature', 'Nature "code - text"'],
  ['typeCode', 'Type code'],
  ['typeText', 'Type text'],
  ['priority', 'Priority'],
  ['status', 'Status'],
  ['address', 'Address (whole)'],
  ['block', 'Block'],
  ['street', 'Street'],
  ['city', 'City'],
  ['beat', 'Beat / reporting area'],
  ['latitude', 'Latitude'],
  ['longitude', 'Longitude'],
  ['unit', 'Unit'],
] as const;

export type CfsField = (typeof CFS_FIELDS)[number][0];
export type CfsTimeFormat = 'iso' | 'mdy' | 'epoch-seconds' | 'epoch-millis';

export interface CfsMappingView {
  id: string;
  name: string;
  sourceSystem: string;
  columns: Partial<Record<CfsField, string>>;
  timeZone: string;
  timeFormat: CfsTimeFormat;
  blockLevel: 'detect' | 'always';
  /** Absent: utf-8. */
  encoding?: 'utf-8' | 'latin1';
  /** An active-calls snapshot: open incidents missing from the file are closed. */
  closeMissing?: boolean;
  builtIn: boolean;
  createdAt: string;
  updatedAt: string;
  createdBy?: string;
}

export type CfsMappingInput = Pick<CfsMappingView, 'name' | 'sourceSystem' | 'columns' | 'timeZone' | 'timeFormat' | 'blockLevel' | 'encoding' | 'closeMissing'>;

export interface CfsLineNote {
  line: number;
  reason: string;
}

export interface CfsImportReport {
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
  closed: number;
  closeSkipped?: string;
  rejected: number;
  rejections: CfsLineNote[];
  warnings: CfsLineNote[];
}
