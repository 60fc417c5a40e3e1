/**
 * Washington NCIC hot file: the NCIC fixed-width columns (record id 0–10, ORI 10–19, entry date
 * 19–27, plate 27–37, state 37–39, registration year 39–43, plate type 43–45, then vehicle
 * fields as in ncic-fixed when present), except that the file code is the record id's third
 * character (`21V0128839` is a stolen vehicle).
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, ncicColumns, ncicFields } from './ncic-record.ts';

export const WA_NCIC_MIN_LENGTH = 39;

/** A header is a first line without a date where records have one. */
function isHeader(line: string): boolean {
  return !/^\d{8}$/.test(line.slice(19, 27));
}

/**
 * Importer for the `wa-ncic` format.
 * @example waNcicImporter.parse('21V0128839WAKCS000020211006BN0W111   WA2022PC').entries[0].reason // 'stolen vehicle'
 */
export const waNcicImporter: HotlistImporter = {
  format: 'wa-ncic',
  description: 'Washington NCIC hot file: fixed width, file code at column 2, date 19–27, plate 27–37, state 37–39',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        if (line.length < WA_NCIC_MIN_LENGTH) {
          return `too short: ${line.length} characters, a record needs at least ${WA_NCIC_MIN_LENGTH}`;
        }
        return buildNcicEntry(
          ncicFields({
            ...ncicColumns(line),
            fileCode: line.charAt(2),
            color: line.slice(58).trim().split(/\s+/)[0],
          }),
          lineNo,
        );
      },
    });
  },
};
