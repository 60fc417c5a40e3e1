/**
 * Minnesota NCIC hot file, also sent by Kansas (Topeka PD): comma-separated, exactly 12 columns —
 * NIC or the bare file code (`V`), ORI, entry date YYYYMMDD, plate, state, registration year,
 * plate type, vehicle year, make, model, style, color.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, looksLikeNic, ncicFields } from './ncic-record.ts';
import { splitCsvLine } from './tx-ncic.importer.ts';

export const MN_NCIC_COLUMNS = 12;

function isHeader(line: string): boolean {
  const c = splitCsvLine(line);
  const first = (c[0] ?? '').trim();
  return !looksLikeNic(first) && !/^[A-Za-z]$/.test(first) && !/^\d{8}$/.test(c[2] ?? '');
}

/**
 * Importer for the `mn-ncic` format.
 * @example mnNcicImporter.parse('V,NY03030P0,20210609,85TF66,NY,2021,MC,2005,YAMA,CYL,MC,BLK').entries[0].reason // 'stolen vehicle'
 */
export const mnNcicImporter: HotlistImporter = {
  format: 'mn-ncic',
  description: 'Minnesota NCIC / Kansas (Topeka) hot file, 12 comma-separated columns (NIC or file code, ORI, date, plate, state, LIY, LIT, VYR, VMA, VMO, VST, VCO)',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        const c = splitCsvLine(line);
        if (c.length !== MN_NCIC_COLUMNS) return `expected ${MN_NCIC_COLUMNS} columns, found ${c.length}`;
        return buildNcicEntry(
          ncicFields({
            nic: c[0],
            ori: c[1],
            date: c[2],
            plate: c[3],
            state: c[4],
            plateYear: c[5],
            plateType: c[6],
            year: c[7],
            make: c[8],
            model: c[9],
            style: c[10],
            color: c[11],
          }),
          lineNo,
        );
      },
    });
  },
};
