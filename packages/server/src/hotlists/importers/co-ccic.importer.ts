/**
 * Colorado CCIC hot file: fixed width — plate 0–10, state 10–12, list type in words 12–34
 * ("Attempt To Locate", "Stolen Vehicle", "Felony Warrant" …), vehicle text from 34
 * ("2002 FORD FOC BLK"). List types with an NCIC category get it ("Stolen Plate" → stolen
 * plate) with the words kept after it; the others ("Attempt To Locate", "Reported Lost") are the
 * reason as written. Vehicle text that is not `year make model color` is kept as remarks.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, ncicFields } from './ncic-record.ts';

export const CO_CCIC_MIN_LENGTH = 13;

function isHeader(line: string): boolean {
  return /^\s*(plate|lic|license)\b/i.test(line);
}

/**
 * Importer for the `co-ccic` format.
 * @example coCcicImporter.parse('ABC123    COAttempt To Locate     2002 FORD FOC BLK').entries[0].reason // 'Attempt To Locate'
 */
export const coCcicImporter: HotlistImporter = {
  format: 'co-ccic',
  description: 'Colorado CCIC hot file: fixed width plate 0–10, state 10–12, list type 12–34, vehicle text 34–',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        if (line.length < CO_CCIC_MIN_LENGTH) {
          return `too short: ${line.length} characters, a record needs at least ${CO_CCIC_MIN_LENGTH}`;
        }
        const listText = line.slice(12, 34).trim();
        if (listText === '') return 'missing list type';
        const info = line.slice(34).trim();
        // "2002 FORD FOC BLK": year, make, model, color when it has that shape; else free text.
        const m = /^(\d{4})\s+(\S+)\s+(\S+)\s+(\S+)$/.exec(info);
        return buildNcicEntry(
          ncicFields({
            fileCode: '',
            listText,
            plate: line.slice(0, 10),
            state: line.slice(10, 12),
            // The list name in words stays after the category ("stolen vehicle: Stolen/Car Jacking/Ca").
            remarks: m ? listText : `${listText} ${info}`,
            ...(m ? { year: m[1], make: m[2], model: m[3], color: m[4] } : {}),
          }),
          lineNo,
        );
      },
    });
  },
};
