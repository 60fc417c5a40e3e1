/**
 * The loop every line-oriented importer shares: line endings, blank lines, an optional header,
 * and one rejection per bad line with its 1-based line number.
 */
import { normalizePlate } from '@openrtcc/domain';
import type { ImportParseResult, ImportRejection, ParsedHotlistEntry } from '../importer.types.ts';

/** NCIC's LIC field is 10 characters; no jurisdiction issues longer plates. */
export const MAX_PLATE_LENGTH = 10;

const MAX_REJECTION_TEXT = 200;

export interface LineRules {
  /** Whether the first line with content is a header rather than a record. */
  isHeader(line: string): boolean;
  /** Lines skipped without being errors, besides blank ones. */
  isComment?(line: string): boolean;
  /** The entry a line holds, or why it is rejected. */
  parseLine(line: string, lineNo: number): ParsedHotlistEntry | string;
}

/**
 * Splits file text into lines. Tolerates a byte-order mark and CRLF or bare CR endings
 * (files exported on Windows); a final newline does not add an empty line.
 * @example splitLines('A\r\nB\r\n') // ['A', 'B']
 */
export function splitLines(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = body.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/**
 * Runs `rules` over every line of `text`.
 * @example parseLines('ABC123\n', plainRules).entries.length // 1
 */
export function parseLines(text: string, rules: LineRules): ImportParseResult {
  const entries: ParsedHotlistEntry[] = [];
  const rejections: ImportRejection[] = [];
  let skipped = 0;
  let seenContent = false;
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === '' || rules.isComment?.(line)) {
      skipped++;
      continue;
    }
    if (!seenContent) {
      seenContent = true;
      if (rules.isHeader(line)) {
        skipped++;
        continue;
      }
    }
    const result = rules.parseLine(line, i + 1);
    if (typeof result === 'string') rejections.push(rejection(i + 1, result, line));
    else entries.push(result);
  }
  return { entries, rejections, skipped };
}

function rejection(line: number, reason: string, text: string): ImportRejection {
  return { line, reason, text: text.length > MAX_REJECTION_TEXT ? text.slice(0, MAX_REJECTION_TEXT) : text };
}

/**
 * Normalizes a plate field, or says why it cannot be listed.
 * @example checkPlate(' ab-123 ') // { plate: 'AB123' }
 */
export function checkPlate(raw: string): { plate: string } | { problem: string } {
  const plate = normalizePlate(raw);
  if (plate === '') return { problem: 'empty plate' };
  if (plate.length > MAX_PLATE_LENGTH) {
    return { problem: `plate '${plate}' is longer than ${MAX_PLATE_LENGTH} characters` };
  }
  return { plate };
}
