/**
 * Generic NCIC fixed-width hot file: one vehicle record per line at fixed columns.
 *
 * Columns (0-based, end exclusive): NIC 0–10 (its first character is the file code), ORI 10–19,
 * entry date 19–27, plate 27–37, state 37–39, registration year 39–43, plate type 43–45,
 * vehicle year 45–49, make 49–53, model 53–56, style 56–58, color from 58 (`RED/BLK` two-tone).
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, isNcicFixedHeader, ncicColumns, type NcicFields } from './ncic-record.ts';

/** Every record reaches at least through the state field. */
export const NCIC_FIXED_MIN_LENGTH = 39;

function cutFields(line: string): NcicFields {
  // Some exports pad the color and append a free-text list name; the code is the first word.
  return { ...ncicColumns(line), color: line.slice(58).trim().split(/\s+/)[0] };
}

/**
 * Importer for the `ncic-fixed` format.
 * @example ncicFixedImporter.parse(text).entries[0].reason // 'stolen vehicle'
 */
export const ncicFixedImporter: HotlistImporter = {
  format: 'ncic-fixed',
  description: 'NCIC hot file, fixed-width columns (NIC, ORI, date, LIC, LIS, LIY, LIT, VYR, VMA, VMO, VST, VCO)',
  parse(text) {
    return parseLines(text, {
      isHeader: isNcicFixedHeader,
      parseLine(line, lineNo) {
        if (line.length < NCIC_FIXED_MIN_LENGTH) {
          return `too short: ${line.length} characters, a record needs at least ${NCIC_FIXED_MIN_LENGTH}`;
        }
        return buildNcicEntry(cutFields(line), lineNo);
      },
    });
  },
};
