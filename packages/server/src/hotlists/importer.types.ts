/**
 * Hotlist file importers: text in, parsed entries and per-line rejections out. Pure functions;
 * the hotlist service assigns ids and versions, and stores.
 */
import type { VehicleDescription } from '@openrtcc/domain';

export interface ParsedHotlistEntry {
  /** Normalized plate (A–Z, 0–9). */
  plate: string;
  plateRaw: string;
  state?: string;
  /**
   * The category from the shared file-code table (`ncic-codes.ts`), then any free text the file
   * carries after a colon ("missing person: MISSING PERSON NCIC"); a list name in words with no
   * category is the reason as written ("Attempt To Locate").
   */
  reason: string;
  /** NCIC file code (TCIC parse code for `tx-tcic`) the category came from, when there is one. */
  fileCode?: string;
  recordId?: string;
  ori?: string;
  enteredAt?: number;
  expiresAt?: number;
  vehicle?: VehicleDescription & { plateType?: string; plateYear?: string };
  /** 1-based line number in the file. */
  line: number;
}

export interface ImportRejection {
  line: number;
  reason: string;
  /** The offending line, truncated to 200 characters. */
  text: string;
}

export interface ImportParseResult {
  entries: ParsedHotlistEntry[];
  rejections: ImportRejection[];
  /** Header or blank lines skipped without being errors. */
  skipped: number;
}

export interface HotlistImporter {
  /** The `format` query value: 'ncic-fixed', 'mi-state', 'tx-tcic', 'plain' … (see importers/index.ts). */
  readonly format: string;
  readonly description: string;
  parse(text: string): ImportParseResult;
}
