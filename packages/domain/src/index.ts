export type * from './types.ts';
export type * from './accounts.ts';
export { ROLE_NAMES } from './accounts.ts';
export { DISPOSITIONS } from './types.ts';
export { normalizePlate, ocrKey, ocrFoldCode, normalizeState, OCR_CLASSES } from './plate.ts';
export type { PlateQuery } from './plate-pattern.ts';
export { PlatePatternError, parsePlateQuery, compilePlatePattern, isFuzzyMatch, classifyMatch } from './plate-pattern.ts';
export type { IndexedEntry, HotlistMatch } from './hotlist-index.ts';
export { HotlistIndex } from './hotlist-index.ts';
export { PlateDictionary } from './plate-dictionary.ts';
export { compareVehicles } from './vehicle-compare.ts';
export { GeoError, distanceMeters, pointInPolygon, areaBbox, isInArea, validateArea, MAX_RADIUS_M, MAX_AREA_POSITIONS } from './geo.ts';
export type { OffenseType, JustificationProblem, JustificationResult } from './justification.ts';
export {
  OFFENSE_TYPES,
  validateJustification,
  CASE_NUMBER_MIN,
  CASE_NUMBER_MAX,
  NOTE_MAX,
  OTHER_FELONY_NOTE_MIN,
} from './justification.ts';
