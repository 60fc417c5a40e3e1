/**
 * Florida FCIC hot file: semicolon-separated — [0] list type in words ("STOLEN LICENSE PLATE"),
 * [1] ORI, [2] agency name, [3] OCA (case number), [4] OAN, [5] FCIC number, [6] NCIC number,
 * [7] entry date MM/DD/YYYY, [8] flag, [9] date and time, [10] plate, [11] plate year, [12] state,
 * [13] plate type, then more dates. The category comes from the NCIC number's file code, else
 * from the list type words. An entry date that is not a date is left out, not rejected: it is
 * not needed to match a plate.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, looksLikeNic, ncicFields, parseUsDate } from './ncic-record.ts';

/** Records reach at least the state column. */
export const FL_MIN_COLUMNS = 13;

function isHeader(line: string): boolean {
  return !line.split(';').some((f) => /^\d{1,2}\/\d{1,2}\/\d{4}/.test(f.trim()));
}

/**
 * Importer for the `fl-fcic` format.
 * @example flFcicImporter.parse(line).entries[0].reason // 'stolen plate: STOLEN LICENSE PLATE'
 */
export const flFcicImporter: HotlistImporter = {
  format: 'fl-fcic',
  description: 'Florida FCIC hot file, semicolon-separated (list type, ORI, agency, OCA, …, NCIC number, date, …, plate, year, state, plate type)',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        const c = line.split(';').map((f) => f.trim());
        if (c.length < FL_MIN_COLUMNS) return `expected at least ${FL_MIN_COLUMNS} columns, found ${c.length}`;
        const ncic = looksLikeNic(c[6]) ? c[6] : '';
        const fields = ncicFields({
          nic: ncic,
          listText: c[0],
          remarks: c[0],
          ori: c[1],
          plate: c[10],
          plateYear: c[11],
          state: c[12],
          plateType: c[13] ?? '',
          enteredAt: parseUsDate(c[7]),
        });
        return buildNcicEntry(fields, lineNo);
      },
    });
  },
};
