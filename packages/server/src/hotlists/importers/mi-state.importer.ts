/**
 * Michigan state hot file: NCIC fixed-width columns (see ncic-fixed) with the color cut at 58–65
 * and a free-text record type from 65 ("MISSING PERSON NCIC", "Stolen Vehicle MI"), kept after
 * the reason. The file code still comes from the NIC; the text decides only when the NIC's
 * letter is unknown.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, looksLikeNic, ncicFields } from './ncic-record.ts';

export const MI_MIN_LENGTH = 39;

function isHeader(line: string): boolean {
  return !looksLikeNic(line.slice(0, 10)) && !/^\d{8}$/.test(line.slice(19, 27));
}

/**
 * Importer for the `mi-state` format.
 * @example miStateImporter.parse(text).entries[0].reason // 'missing person: MISSING PERSON NCIC'
 */
export const miStateImporter: HotlistImporter = {
  format: 'mi-state',
  description: 'Michigan hot file: NCIC fixed-width columns, color 58–65, record type text from 65',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        if (line.length < MI_MIN_LENGTH) return `too short: ${line.length} characters, a record needs at least ${MI_MIN_LENGTH}`;
        const recordType = line.slice(65, 100);
        return buildNcicEntry(
          ncicFields({
            nic: line.slice(0, 10),
            ori: line.slice(10, 19),
            date: line.slice(19, 27),
            plate: line.slice(27, 37),
            state: line.slice(37, 39),
            plateYear: line.slice(39, 43),
            plateType: line.slice(43, 45),
            year: line.slice(45, 49),
            make: line.slice(49, 53),
            model: line.slice(53, 56),
            style: line.slice(56, 58),
            color: line.slice(58, 65).trim(),
            listText: recordType,
            remarks: recordType,
          }),
          lineNo,
        );
      },
    });
  },
};
