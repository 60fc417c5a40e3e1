/**
 * Legal holds as pure functions: checking a hold someone places, and folding the active holds
 * into what retention must leave alone.
 *
 * A hold selects by read ids, hit ids, plates and a time window. Plates with a window hold
 * those plates' reads and hits inside it; plates alone hold them at any time; a window without
 * plates holds every record of every type inside it (a major incident: keep everything).
 */
import { normalizePlate, type LegalHoldInput } from '@openrtcc/domain';
import type { LegalHold, TimeWindow } from '../store/store.types.ts';
import type { PolicyProblem } from './retention-policy.ts';

/** What a person sends to place a hold (`LegalHoldInput`), not yet checked. */
export type HoldInput = { [K in keyof LegalHoldInput]?: unknown };

export type CheckedHold = Pick<LegalHold, 'caseNumber' | 'reason' | 'plates' | 'readIds' | 'hitIds' | 'window'>;

/** Most items one list of a hold may name: a case with more reads is held by plate or window. */
export const MAX_HOLD_ITEMS = 10_000;
const MIN_REASON = 10;

function isoTime(v: unknown): number | undefined {
  if (typeof v !== 'string' || !/[zZ]|[+-]\d\d:?\d\d$/.test(v)) return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

function stringList(field: string, v: unknown, problems: PolicyProblem[], check: (s: string) => boolean, what: string): string[] {
  if (v === undefined) return [];
  if (!Array.isArray(v) || v.length > MAX_HOLD_ITEMS || v.some((s) => typeof s !== 'string' || !check(s))) {
    problems.push({ field, message: `must be a list of at most ${MAX_HOLD_ITEMS} ${what}` });
    return [];
  }
  return [...new Set(v as string[])];
}

function checkWindow(v: unknown, problems: PolicyProblem[]): TimeWindow | undefined {
  if (v === undefined) return undefined;
  const w = v as { from?: unknown; to?: unknown } | null;
  const from = isoTime(w?.from);
  const to = isoTime(w?.to);
  if (w === null || typeof w !== 'object' || from === undefined || to === undefined) {
    problems.push({ field: 'window', message: 'must be { from, to }, ISO 8601 times with a zone (e.g. 2026-11-24T10:00:00Z)' });
    return undefined;
  }
  if (from >= to) {
    problems.push({ field: 'window', message: 'from must be before to' });
    return undefined;
  }
  return { from, to };
}

/**
 * Checks a hold: a case number, a reason of at least ten characters, and at least one selector.
 * Plates are normalized (upper-case letters and digits) as reads store them.
 */
export function checkHold(input: HoldInput): { ok: true; value: CheckedHold } | { ok: false; problems: PolicyProblem[] } {
  const problems: PolicyProblem[] = [];
  const caseNumber = typeof input.caseNumber === 'string' ? input.caseNumber.trim() : '';
  if (caseNumber.length < 1 || caseNumber.length > 100) problems.push({ field: 'caseNumber', message: 'is required (1 to 100 characters)' });
  const reason = typeof input.reason === 'string' ? input.reason.trim() : '';
  if (reason.length < MIN_REASON || reason.length > 2000) problems.push({ field: 'reason', message: `must say why, in ${MIN_REASON} to 2000 characters` });
  const rawPlates = stringList('plates', input.plates, problems, (s) => normalizePlate(s).length > 0 && s.length <= 20, 'plates');
  const plates = [...new Set(rawPlates.map(normalizePlate))];
  const readIds = stringList('readIds', input.readIds, problems, (s) => /^[0-9]{1,19}$/.test(s), 'read ids');
  const hitIds = stringList('hitIds', input.hitIds, problems, (s) => s.length > 0 && s.length <= 100, 'hit ids');
  const window = checkWindow(input.window, problems);
  if (problems.length === 0 && plates.length + readIds.length + hitIds.length === 0 && !window) {
    problems.push({ field: 'body', message: 'a hold must name plates, read ids, hit ids or a time window' });
  }
  if (problems.length > 0) return { ok: false, problems };
  const value: CheckedHold = { caseNumber, reason, plates, readIds, hitIds };
  if (window) value.window = window;
  return { ok: true, value };
}

/** Everything the active holds keep, merged. */
export interface HeldSelection {
  readIds: Set<string>;
  hitIds: Set<string>;
  plates: { plate: string; window?: TimeWindow }[];
  /** Windows of holds without plates: every record inside is kept. */
  windows: TimeWindow[];
}

/** Folds active holds into one selection (released holds keep nothing). */
export function heldSelection(holds: LegalHold[]): HeldSelection {
  const out: HeldSelection = { readIds: new Set(), hitIds: new Set(), plates: [], windows: [] };
  for (const h of holds) {
    if (h.releasedAt !== undefined) continue;
    for (const id of h.readIds) out.readIds.add(id);
    for (const id of h.hitIds) out.hitIds.add(id);
    for (const plate of h.plates) out.plates.push(h.window ? { plate, window: h.window } : { plate });
    if (h.window && h.plates.length === 0) out.windows.push(h.window);
  }
  return out;
}
