/**
 * Illinois LEADS hot file: plate 0–8, state 8–10, plate type 10–12, parse code from 12 (`STOLEN`,
 * `MISSING`, `WANTED`, not always followed by a space), then NCIC-style tags `VYR/05 VMA/DODG VMO/MAG VST/4D VCO/RED DOT/010315
 * LDS/V16A0661` (DOT date of theft MMDDYY, LDS the LEADS record number). Text after the parse
 * code that is not a tag (a missing or wanted person's description) is kept after the reason.
 */
import { normalizeState } from '@openrtcc/domain';
import type { HotlistImporter } from '../importer.types.ts';
import { parseLines } from './line-parser.ts';
import { buildNcicEntry, ncicFields, parseUsDate } from './ncic-record.ts';

export const IL_LEADS_MIN_LENGTH = 13;

const PARSE_CODES: Readonly<Record<string, string>> = { STOLEN: 'V', MISSING: 'M', WANTED: 'W' };

const TAG = /\b([A-Z]{3})\/(\S*)/g;

function isHeader(line: string): boolean {
  return normalizeState(line.slice(8, 10)) === undefined && !/\b[A-Z]{3}\//.test(line);
}

/**
 * Importer for the `il-leads` format.
 * @example ilLeadsImporter.parse('660JEM  WIPCSTOLEN VYR/05 VMA/DODG').entries[0].vehicle?.year // '2005'
 */
export const ilLeadsImporter: HotlistImporter = {
  format: 'il-leads',
  description: 'Illinois LEADS hot file: plate 0–8, state 8–10, plate type 10–12, parse code 12–19, then VYR/ VMA/ VMO/ VST/ VCO/ DOT/ LDS/ tags',
  parse(text) {
    return parseLines(text, {
      isHeader,
      parseLine(line, lineNo) {
        if (line.length < IL_LEADS_MIN_LENGTH) {
          return `too short: ${line.length} characters, a record needs at least ${IL_LEADS_MIN_LENGTH}`;
        }
        // The parse code is not always followed by a space (`WANTEDSMITH, JOHN`).
        const code = /^(STOLEN|MISSING|WANTED)/i.exec(line.slice(12));
        if (!code) return `unknown parse code '${line.slice(12, 19).trim()}'`;
        const fileCode = PARSE_CODES[code[1].toUpperCase()];
        const rest = line.slice(12 + code[1].length);
        const tags: Record<string, string> = {};
        for (const m of rest.matchAll(TAG)) tags[m[1]] = m[2];
        const remarks = rest.replace(TAG, ' ').trim();
        const dot = tags.DOT ?? '';
        const enteredAt = dot === '' ? undefined : parseUsDate(dot);
        if (dot !== '' && enteredAt === undefined) return `invalid date of theft '${dot}' (expected MMDDYY)`;
        const vyr = tags.VYR ?? '';
        return buildNcicEntry(
          ncicFields({
            nic: tags.LDS ?? '',
            fileCode,
            plate: line.slice(0, 8),
            state: line.slice(8, 10),
            plateType: line.slice(10, 12),
            year: /^\d{2}$/.test(vyr) ? (Number(vyr) < 70 ? '20' : '19') + vyr : vyr,
            make: tags.VMA ?? '',
            model: tags.VMO ?? '',
            style: tags.VST ?? '',
            color: tags.VCO ?? '',
            enteredAt,
            remarks,
          }),
          lineNo,
        );
      },
    });
  },
};
