/**
 * Texas NCIC hot file: comma-separated, exactly 11 columns —
 * NIC (first character = file code), ORI, entry date YYYYMMDD, plate, state, registration year,
 * vehicle year, make, model, style, color. There is no plate type column.
 */
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, looksLikeNic } from './ncic-record.ts';

export const TX_NCIC_COLUMNS = 11;

/**
 * Splits one comma-separated line. Double-quoted fields may hold commas and `""` for a quote;
 * a stray quote inside an unquoted field is kept as text rather than failing the line.
 * @example splitCsvLine('a,"b,c",d') // ['a', 'b,c', 'd']
 */
export function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    while (line[i] === ' ' || line[i] === '\t') i++;
    if (line[i] === '"') {
      i++;
      while (i < line.length) {
        if (line[i] === '"') {
          if (line[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += line[i++];
      }
      // Anything between the closing quote and the comma is kept, not lost.
      const next = line.indexOf(',', i);
      const end = next < 0 ? line.length : next;
      field += line.slice(i, end);
      i = end;
    } else {
      const next = line.indexOf(',', i);
      const end = next < 0 ? line.length : next;
      field = line.slice(i, end);
      i = end;
    }
    fields.push(field.trim());
    if (i >= line.length) return fields;
    i++; // the comma
  }
}

/** A header is a first line with neither an NCIC number nor a date where records have them. */
function isHeader(line: string): boolean {
  const cols = splitCsvLine(line);
  return !looksLikeNic(cols[0] ?? '') && !/^\d{8}$/.test(cols[2] ?? '');
}

/**
 * Importer for the `tx-ncic` format.
 * @example txNcicImporter.parse('C165399977,0H0671200,20200124,GGX6728,0H,2021,2009,D0DG,CHA,4D,GRY').entries[0].state // 'OH'
 */
export const txNcicImporter: HotlistImporter = {
  format: 'tx-ncic',
  description: 'Texas NCIC hot file, 11 comma-separated columns (NIC, ORI, date, plate, state, LIY, VYR, VMA, VMO, VST, VCO)',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        const c = splitCsvLine(line);
        if (c.length !== TX_NCIC_COLUMNS) return `expected ${TX_NCIC_COLUMNS} columns, found ${c.length}`;
        return buildNcicEntry(
          {
            nic: c[0],
            ori: c[1],
            date: c[2],
            plate: c[3],
            state: c[4],
            plateYear: c[5],
            plateType: '',
            year: c[6],
            make: c[7],
            model: c[8],
            style: c[9],
            color: c[10],
          },
          lineNo,
        );
      },
    });
  },
};
