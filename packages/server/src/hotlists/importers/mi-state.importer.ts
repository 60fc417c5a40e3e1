/**
 * Michigan state hot file: NCIC fixed-width columns (see ncic-fixed) with the color cut at 58–65
 * and a free-text record type from 65 ("MISSING PERSON NCIC", "Stolen Vehicle MI"), kept after
 * the reason. The file code still comes from the NIC; the text decides only when the NIC's
 * letter is unknown.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, isNcicFixedHeader, ncicColumns, ncicFields } from './ncic-record.ts';

export const MI_MIN_LENGTH = 39;

/**
 * Importer for the `mi-state` format.
 * @example miStateImporter.parse(text).entries[0].reason // 'missing person: MISSING PERSON NCIC'
 */
export const miStateImporter: HotlistImporter = {
  format: 'mi-state',
  description: 'Michigan hot file: NCIC fixed-width columns, color 58–65, record type text from 65',
  parse(text) {
    return parseLines(text, {
      isHeader: isNcicFixedHeader,
      parseLine(line, lineNo) {
        if (line.length < MI_MIN_LENGTH) return `too short: ${line.length} characters, a record needs at least ${MI_MIN_LENGTH}`;
        const recordType = line.slice(65, 100);
        return buildNcicEntry(
          ncicFields({
            ...ncicColumns(line),
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
