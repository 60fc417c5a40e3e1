/**
 * Plain plate list: one plate per line, optionally followed by a state and a free-text reason,
 * separated by commas, tabs or spaces (`ABC123`, `ABC123,TX`, `ABC123,TX,stolen from lot 4`).
 * `#` starts a comment line. This is what an analyst types or exports from a spreadsheet.
 */
import { normalizeState } from '@openrtcc/domain';
import type { HotlistImporter, ParsedHotlistEntry } from '../importer.types.ts';
import { checkPlate, parseLines } from './line-parser.ts';

export const PLAIN_DEFAULT_REASON = 'listed';

interface PlainFields {
  plate: string;
  state: string;
  reason: string;
}

/**
 * Cuts a line into plate, state and reason. The separator is the first of comma or tab found in
 * the line, else runs of spaces; the reason keeps any later separators (`stolen, lot 4`).
 * @example splitPlainLine('ABC123 TX stolen from lot 4') // { plate: 'ABC123', state: 'TX', reason: 'stolen from lot 4' }
 */
export function splitPlainLine(line: string): PlainFields {
  const sep = line.includes(',') ? ',' : line.includes('\t') ? '\t' : undefined;
  if (sep === undefined) {
    const m = /^\s*(\S*)\s*(\S*)\s*(.*?)\s*$/.exec(line);
    return m ? { plate: m[1], state: m[2], reason: m[3] } : { plate: '', state: '', reason: '' };
  }
  const first = line.indexOf(sep);
  const second = line.indexOf(sep, first + 1);
  return {
    plate: line.slice(0, first).trim(),
    state: (second < 0 ? line.slice(first + 1) : line.slice(first + 1, second)).trim(),
    reason: second < 0 ? '' : line.slice(second + 1).trim(),
  };
}

const PLATE_HEADING = /^(license\s*)?plate(\s*(number|no\.?|#))?$/i;

/**
 * A spreadsheet export's column names, e.g. `plate,state,reason` or `Plate Number,Description`.
 * A lone `PLATE` or `PLATE,TX` is a vanity plate, not a header.
 */
function isHeader(line: string): boolean {
  const whole = line.trim();
  // A multi-word heading alone on the line (`License Plate`) cannot be a plate.
  if (/\s/.test(whole) && PLATE_HEADING.test(whole)) return true;
  const f = splitPlainLine(line);
  return PLATE_HEADING.test(f.plate) && f.state !== '' && normalizeState(f.state) === undefined;
}

function parseLine(line: string, lineNo: number): ParsedHotlistEntry | string {
  const f = splitPlainLine(line);
  const checked = checkPlate(f.plate);
  if ('problem' in checked) return checked.problem;
  const entry: ParsedHotlistEntry = { plate: checked.plate, plateRaw: f.plate, reason: f.reason || PLAIN_DEFAULT_REASON, line: lineNo };
  if (f.state !== '') {
    const state = normalizeState(f.state);
    // The state column is positional: a word here usually means a missing separator or a typo.
    if (!state) return `unknown state '${f.state}'`;
    entry.state = state;
  }
  return entry;
}

/**
 * Importer for the `plain` format.
 * @example plainImporter.parse('ABC123,TX\n').entries[0] // { plate: 'ABC123', state: 'TX', reason: 'listed', … }
 */
export const plainImporter: HotlistImporter = {
  format: 'plain',
  description: 'One plate per line, optionally followed by state and reason (comma, tab or space separated); # comments',
  parse(text) {
    return parseLines(text, {
      isHeader,
      isComment: (line) => line.trimStart().startsWith('#'),
      parseLine,
    });
  },
};
