/**
 * Texas TCIC hot file: comma-separated, exactly 8 columns — record id (its second character is
 * the TCIC parse code: E violent person, M missing, O protection order, P stolen plate,
 * T threat against peace officer, V stolen vehicle, W wanted, X sex offender, Y child safety
 * check), plate, state, vehicle year, make, model, body style, color. No ORI and no date.
 * Lines of nothing but commas are skipped.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { TCIC_CODE_REASONS } from './ncic-codes.ts';
import { buildNcicEntry, ncicFields } from './ncic-record.ts';
import { splitCsvLine } from './tx-ncic.importer.ts';

export const TX_TCIC_COLUMNS = 8;

function isHeader(line: string): boolean {
  return !/^[A-Za-z0-9]{2}\d+$/.test(splitCsvLine(line)[0] ?? '');
}

/**
 * Importer for the `tx-tcic` format.
 * @example txTcicImporter.parse('TW1026325915,17MFM5,TX,2009,FORD,TK,PK,WHI').entries[0].reason // 'wanted person'
 */
export const txTcicImporter: HotlistImporter = {
  format: 'tx-tcic',
  description: 'Texas TCIC hot file, 8 comma-separated columns (record id with parse code, plate, state, year, make, model, style, color)',
  parse(text) {
    return parseLines(text, {
      isHeader,
      isComment: (line) => /^[,\s]*$/.test(line),
      parseLine(line, lineNo) {
        const c = splitCsvLine(line);
        if (c.length !== TX_TCIC_COLUMNS) return `expected ${TX_TCIC_COLUMNS} columns, found ${c.length}`;
        const id = c[0].trim();
        if (id.length < 2) return `record id '${id}' has no parse code`;
        return buildNcicEntry(
          ncicFields({
            nic: id,
            fileCode: id.charAt(1),
            codes: TCIC_CODE_REASONS,
            plate: c[1],
            state: c[2],
            year: c[3],
            make: c[4],
            model: c[5],
            style: c[6],
            color: c[7],
          }),
          lineNo,
        );
      },
    });
  },
};
