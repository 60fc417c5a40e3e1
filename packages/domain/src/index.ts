export type * from './types.ts';
export type * from './accounts.ts';
export type * from './video.ts';
export type * from './webhooks.ts';
export { WEBHOOK_EVENTS } from './webhooks.ts';
export { VIDEO_OWNER_KINDS, VIDEO_STREAM_KINDS } from './video.ts';
export { ROLE_NAMES } from './accounts.ts';
export { DISPOSITIONS } from './types.ts';
export { normalizePlate, ocrKey, ocrFoldCode, normalizeState, OCR_CLASSES } from './plate.ts';
export type { PlateQuery } from './plate-pattern.ts';
export { PlatePatternError, parsePlateQuery, compilePlatePattern, isFuzzyMatch, classifyMatch } from './plate-pattern.ts';
export type { IndexedEntry, HotlistMatch } from './hotlist-index.ts';
export { HotlistIndex } from './hotlist-index.ts';
export { PlateDictionary, type PlateDictionaryState } from './plate-dictionary.ts';
export { compareVehicles } from './vehicle-compare.ts';
export type { VehicleFilter } from './vehicle-search.ts';
export { matchesVehicle, normalizeVehicleFilter, VEHICLE_FILTER_FIELDS, VEHICLE_FILTER_MAX, VEHICLE_COLORS, VEHICLE_BODY_TYPES, VEHICLE_MAKES } from './vehicle-search.ts';
export { GeoError, distanceMeters, pointInPolygon, areaBbox, isInArea, validateArea, MAX_RADIUS_M, MAX_AREA_POSITIONS } from './geo.ts';
export type { OffenseType, OffenseTypeDef, JustificationProblem, JustificationResult } from './justification.ts';
export type { JustificationPolicy, ProhibitedPurpose, ProhibitedPurposeFinding } from './justification-policy.ts';
export {
  BUILT_IN_PROHIBITED_PURPOSES,
  DEFAULT_JUSTIFICATION_POLICY,
  findProhibitedPurpose,
  parseOffenseTypes,
  parseProhibitedPurposes,
  selectBuiltInPurposes,
  conflictingOffenses,
} from './justification-policy.ts';
export {
  OFFENSE_TYPES,
  validateJustification,
  CASE_NUMBER_MIN,
  CASE_NUMBER_MAX,
  NOTE_MAX,
  OTHER_FELONY_NOTE_MIN,
} from './justification.ts';
export type * from './sharing.ts';
export { SHARING_SCOPES } from './sharing.ts';
export type * from './cfs-import.ts';
export { CFS_FIELDS, CFS_TIME_FORMATS, CFS_ENCODINGS } from './cfs-import.ts';
export type * from './retention.ts';
export { RETENTION_DATA_TYPES } from './retention.ts';
export type * from './review.ts';
export { AUDIT_FLAG_KINDS, REVIEW_DISPOSITIONS } from './review.ts';
