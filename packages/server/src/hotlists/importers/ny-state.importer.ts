/**
 * New York state hot file: fixed width — plate 0–10, state 10–12, vehicle type 12–15, list type
 * 15 (one NCIC file code letter: V stolen vehicle, P stolen plate …), then make and color run
 * together from 16: `BUICWHI`, or a two-tone `MELRYEL/BLK` (color = last 7 characters). Without a
 * known 3-letter color at the end the whole tail is the make.
 */
import { normalizeState } from '@openrtcc/domain';
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { COLOR_CODES, lettersOnly } from './ncic-codes.ts';
import { buildNcicEntry, ncicFields } from './ncic-record.ts';

export const NY_MIN_LENGTH = 16;

/** Exports start with a column-name line; a record always has a state at 10–12. */
function isHeader(line: string): boolean {
  return normalizeState(line.slice(10, 12)) === undefined;
}

function splitMakeColor(info: string): { make: string; color: string } {
  if (/^.*[A-Z0-9]{3}\/[A-Z0-9]{3}$/i.test(info)) return { make: info.slice(0, -7), color: info.slice(-7) };
  const tail = info.slice(-3);
  if (info.length > 3 && Object.hasOwn(COLOR_CODES, lettersOnly(tail))) return { make: info.slice(0, -3), color: tail };
  return { make: info, color: '' };
}

/**
 * Importer for the `ny-state` format.
 * @example nyStateImporter.parse('ABC1234   NYPASVBUICWHI').entries[0].vehicle?.color // 'white'
 */
export const nyStateImporter: HotlistImporter = {
  format: 'ny-state',
  description: 'New York hot file: fixed width plate 0–10, state 10–12, vehicle type 12–15, list type letter 15, make+color 16–',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        if (line.length < NY_MIN_LENGTH) return `too short: ${line.length} characters, a record needs at least ${NY_MIN_LENGTH}`;
        const { make, color } = splitMakeColor(line.slice(16).trim());
        return buildNcicEntry(
          ncicFields({
            fileCode: line.charAt(15),
            plate: line.slice(0, 10),
            state: line.slice(10, 12),
            plateType: line.slice(12, 15),
            make,
            color,
          }),
          lineNo,
        );
      },
    });
  },
};
