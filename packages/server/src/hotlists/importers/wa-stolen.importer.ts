/**
 * Washington stolen vehicles file: comma-separated with a free-text tail — [0] list code,
 * [1] ORI, [2] plate, [3] state, [4] plate year, [5] plate type, [6] VIN, [7] vehicle year,
 * [8] make, [9] model, [10] style, [11] color, [12] date stolen MM/DD/YYYY, [13] case number,
 * then remarks that may themselves contain commas (everything after column 13 is one text).
 * Every record is a stolen vehicle; the case number and remarks are kept after the reason.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, ncicFields, parseUsDate } from './ncic-record.ts';

/** Records reach at least the color column. */
export const WA_STOLEN_MIN_COLUMNS = 12;

function isHeader(line: string): boolean {
  return !line.split(',').some((f) => /^\d{1,2}\/\d{1,2}\/\d{4}$/.test(f.trim()));
}

/**
 * Importer for the `wa-stolen` format.
 * @example waStolenImporter.parse(line).entries[0].reason // 'stolen vehicle: case 22-0001; VERIFY …, BOTH PLATES …'
 */
export const waStolenImporter: HotlistImporter = {
  format: 'wa-stolen',
  description: 'Washington stolen vehicles: comma-separated (list, ORI, plate, state, LIY, LIT, VIN, VYR, VMA, VMO, VST, VCO, date stolen, case) with free-text remarks',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        const c = line.split(',').map((f) => f.trim());
        if (c.length < WA_STOLEN_MIN_COLUMNS) return `expected at least ${WA_STOLEN_MIN_COLUMNS} columns, found ${c.length}`;
        const dateText = c[12] ?? '';
        const enteredAt = dateText === '' ? undefined : parseUsDate(dateText);
        if (dateText !== '' && enteredAt === undefined) return `invalid date stolen '${dateText}' (expected MM/DD/YYYY)`;
        const caseNo = c[13] ?? '';
        const remarks = c.slice(14).filter((f) => f !== '').join(', ');
        return buildNcicEntry(
          ncicFields({
            fileCode: 'V',
            ori: c[1],
            plate: c[2],
            state: c[3],
            plateYear: c[4],
            plateType: c[5],
            year: c[7],
            make: c[8],
            model: c[9],
            style: c[10],
            color: c[11],
            enteredAt,
            remarks: [caseNo === '' ? '' : `case ${caseNo}`, remarks].filter((x) => x !== '').join('; '),
          }),
          lineNo,
        );
      },
    });
  },
};
