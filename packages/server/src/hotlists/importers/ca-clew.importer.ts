/**
 * California DOJ CLEW stolen vehicle extract: fixed width — plate 0–8, state 8–10, county code
 * 10–12, date of loss from 12 (YYYYMMDD). The file carries no record type: every record is a
 * stolen vehicle (file code V). A first header line and the `TOTAL RECORD…` trailer are skipped.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, ncicFields } from './ncic-record.ts';

export const CA_CLEW_MIN_LENGTH = 10;

function isHeader(line: string): boolean {
  return !/^\d{8}$/.test(line.slice(12).trim());
}

/**
 * Importer for the `ca-clew` format.
 * @example caClewImporter.parse('ABC1234 CA1220190515').entries[0].enteredAt // Date.UTC(2019, 4, 15)
 */
export const caClewImporter: HotlistImporter = {
  format: 'ca-clew',
  description: 'California DOJ CLEW stolen vehicles: fixed width plate 0–8, state 8–10, county 10–12, date of loss 12– (YYYYMMDD)',
  parse(text) {
    return parseLines(text, {
      isHeader,
      isComment: (line) => /^\s*TOTAL\s+RECORD/i.test(line),
      parseLine(line, lineNo) {
        if (line.length < CA_CLEW_MIN_LENGTH) {
          return `too short: ${line.length} characters, a record needs at least ${CA_CLEW_MIN_LENGTH}`;
        }
        const county = line.slice(10, 12).trim();
        return buildNcicEntry(
          ncicFields({
            fileCode: 'V',
            plate: line.slice(0, 8),
            state: line.slice(8, 10),
            date: line.slice(12).trim(),
            remarks: county === '' ? '' : `CA county ${county}`,
          }),
          lineNo,
        );
      },
    });
  },
};
