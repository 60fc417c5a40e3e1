/**
 * The agency's justification policy beyond the shape of a justification: its own offense list,
 * and the purposes no plate search may serve whatever the offense (immigration enforcement,
 * reproductive health care, First Amendment-protected activity, as several state laws require).
 * Pure functions: the server loads the files, the search service refuses and audits.
 */
import { OFFENSE_TYPES, type OffenseTypeDef } from './justification.ts';

/** A purpose plate data must never be searched for, and the words that reveal it. */
export interface ProhibitedPurpose {
  code: string;
  label: string;
  /** Words or phrases matched whole, case and punctuation ignored ("ice detainer" ≠ "police"). */
  phrases: readonly string[];
}

/** What the search service enforces and the console offers. */
export interface JustificationPolicy {
  offenseTypes: readonly OffenseTypeDef[];
  prohibitedPurposes: readonly ProhibitedPurpose[];
}

/** Where a justification revealed a prohibited purpose: the rule, the field and the phrase. */
export interface ProhibitedPurposeFinding {
  rule: string;
  label: string;
  field: string;
  phrase: string;
}

/**
 * The prohibited purposes OpenRTCC ships, each on unless the agency says otherwise
 * (RTCC_PROHIBITED_PURPOSES). Phrases are chosen to name the purpose, not a crime scene: "church"
 * alone would refuse a church burglary, "attending church" does not.
 */
export const BUILT_IN_PROHIBITED_PURPOSES: readonly ProhibitedPurpose[] = [
  {
    code: 'immigration_enforcement',
    label: 'Immigration enforcement',
    phrases: [
      'immigration', 'immigration status', 'immigrant', 'immigrants', 'undocumented', 'illegal alien', 'illegal aliens',
      'deport', 'deportation', 'deportable', 'removal order', 'ice detainer', 'ice hold', 'ice request', 'ice warrant',
      'ice enforcement', 'ice ero', 'immigration and customs enforcement', 'enforcement and removal operations',
      'border patrol', 'customs and border protection', 'cbp', '287g', '287 g', 'visa overstay', 'overstayed visa',
      'green card', 'citizenship status', 'unlawful presence',
    ],
  },
  {
    code: 'reproductive_health_care',
    label: 'Reproductive health care',
    phrases: [
      'abortion', 'abortions', 'abortion clinic', 'reproductive health', 'reproductive health care', 'reproductive care',
      'planned parenthood', 'terminate pregnancy', 'terminated pregnancy', 'terminating a pregnancy', 'termination of pregnancy',
      'pregnancy termination', 'family planning clinic', 'mifepristone', 'misoprostol', 'abortion pill', 'abortion pills',
      'contraception', 'gender affirming care',
    ],
  },
  {
    code: 'first_amendment_activity',
    label: 'First Amendment-protected activity',
    phrases: [
      'protest', 'protests', 'protester', 'protesters', 'protestor', 'protestors', 'demonstrators', 'political rally',
      'rally attendees', 'picket', 'picketing', 'picket line', 'political activity', 'political affiliation',
      'political meeting', 'religious affiliation', 'religious service', 'attending church', 'church attendance',
      'mosque attendance', 'synagogue attendance', 'worship service', 'union organizing', 'petition signers',
      'journalist sources', 'press sources', 'free speech', 'peaceful assembly',
    ],
  },
];

/** Lower-case words separated by single spaces, diacritics dropped: what phrases are matched in. */
export function normalizeWords(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** The fields of a justification a purpose may show in: everything typed but the case number. */
function revealingTexts(j: Record<string, unknown>, offenseTypes: readonly OffenseTypeDef[]): { field: string; text: string }[] {
  const out: { field: string; text: string }[] = [];
  for (const [field, value] of Object.entries(j)) {
    if (field === 'caseNumber' || typeof value !== 'string') continue;
    out.push({ field, text: value });
    if (field === 'offenseType') {
      const offense = offenseTypes.find((o) => o.code === value.trim().toLowerCase());
      if (offense) out.push({ field, text: `${offense.label} ${offense.category}` });
    }
  }
  return out;
}

/**
 * The first prohibited purpose a justification reveals (in its offense, note, purpose or any other
 * text but the case number), or null. Runs before the shape check, so a prohibited purpose is
 * refused as such even when the justification is also incomplete.
 * @example findProhibitedPurpose({ offenseType: 'wanted_person', caseNumber: '26-1', note: 'ICE detainer' }, BUILT_IN_PROHIBITED_PURPOSES)?.rule // 'immigration_enforcement'
 */
export function findProhibitedPurpose(
  j: unknown,
  purposes: readonly ProhibitedPurpose[],
  offenseTypes: readonly OffenseTypeDef[] = OFFENSE_TYPES,
): ProhibitedPurposeFinding | null {
  if (typeof j !== 'object' || j === null || Array.isArray(j) || purposes.length === 0) return null;
  for (const { field, text } of revealingTexts(j as Record<string, unknown>, offenseTypes)) {
    const words = ` ${normalizeWords(text)} `;
    for (const p of purposes) {
      const phrase = p.phrases.find((ph) => words.includes(` ${normalizeWords(ph)} `));
      if (phrase !== undefined) return { rule: p.code, label: p.label, field, phrase };
    }
  }
  return null;
}

const CODE = /^[a-z0-9][a-z0-9_]{1,39}$/;
export const OFFENSE_LIST_MAX = 500;

/** A parsed list and what is wrong with it, each problem naming the entry. */
export interface Parsed<T> {
  items: T[];
  problems: string[];
}

/** Splits CSV text into rows of trimmed fields; double quotes may wrap a field holding commas. */
export function parseCsvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const fields: string[] = [];
    let cur = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted) {
        if (c === '"' && line[i + 1] === '"') (cur += '"'), i++;
        else if (c === '"') quoted = false;
        else cur += c;
      } else if (c === '"') quoted = true;
      else if (c === ',') fields.push(cur.trim()), (cur = '');
      else cur += c;
    }
    fields.push(cur.trim());
    rows.push(fields);
  }
  return rows;
}

function offenseFrom(raw: Record<string, unknown>, where: string, problems: string[]): OffenseTypeDef | undefined {
  const code = typeof raw.code === 'string' ? raw.code.trim().toLowerCase() : '';
  const label = typeof raw.label === 'string' ? raw.label.trim() : '';
  const category = typeof raw.category === 'string' ? raw.category.trim() : '';
  const before = problems.length;
  if (!CODE.test(code)) problems.push(`${where}: code ${JSON.stringify(raw.code ?? '')} must be 2–40 lower-case letters, digits or _`);
  if (label === '' || label.length > 100) problems.push(`${where}: label must be 1–100 characters`);
  if (category === '' || category.length > 60) problems.push(`${where}: category must be 1–60 characters (it groups searches on the transparency page)`);
  const note = raw.noteRequired ?? raw.note_required;
  const noteRequired = note === true || (typeof note === 'string' && ['true', 'yes', '1'].includes(note.trim().toLowerCase()));
  if (problems.length > before) return undefined;
  return noteRequired ? { code, label, category, noteRequired } : { code, label, category };
}

/**
 * Reads an agency offense list: JSON (an array of `{ code, label, category, noteRequired? }`) or
 * CSV with the header `code,label,category` and an optional `note_required` column.
 * @example parseOffenseTypes('code,label,category\nrobbery,Robbery,Violent crime', 'csv').items[0].code // 'robbery'
 */
export function parseOffenseTypes(text: string, format: 'json' | 'csv'): Parsed<OffenseTypeDef> {
  const problems: string[] = [];
  let records: Record<string, unknown>[];
  if (format === 'json') {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      return { items: [], problems: [`not valid JSON: ${(e as Error).message}`] };
    }
    if (!Array.isArray(data) || !data.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x))) {
      return { items: [], problems: ['must be a JSON array of objects { "code", "label", "category" }'] };
    }
    records = data as Record<string, unknown>[];
  } else {
    const [head, ...rows] = parseCsvRows(text);
    const cols = (head ?? []).map((h) => h.toLowerCase());
    if (!['code', 'label', 'category'].every((c) => cols.includes(c))) {
      return { items: [], problems: ['the first line must be the header code,label,category (optionally ,note_required)'] };
    }
    records = rows.map((r) => Object.fromEntries(cols.map((c, i) => [c, r[i] ?? ''])));
  }
  if (records.length === 0) problems.push('lists no offense; a search could never be justified');
  if (records.length > OFFENSE_LIST_MAX) problems.push(`lists ${records.length} offenses; at most ${OFFENSE_LIST_MAX}`);
  const items: OffenseTypeDef[] = [];
  const seen = new Set<string>();
  records.forEach((r, i) => {
    const where = format === 'json' ? `entry ${i + 1}` : `line ${i + 2}`;
    const o = offenseFrom(r, where, problems);
    if (!o) return;
    if (seen.has(o.code)) problems.push(`${where}: code ${o.code} appears twice`);
    seen.add(o.code);
    items.push(o);
  });
  return { items, problems };
}

/**
 * Reads agency prohibited purposes: a JSON array of `{ code, label, phrases: string[] }`.
 * @example parseProhibitedPurposes('[{"code":"x_y","label":"X","phrases":["x y"]}]').items.length // 1
 */
export function parseProhibitedPurposes(text: string): Parsed<ProhibitedPurpose> {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { items: [], problems: [`not valid JSON: ${(e as Error).message}`] };
  }
  if (!Array.isArray(data)) return { items: [], problems: ['must be a JSON array of objects { "code", "label", "phrases": [...] }'] };
  const problems: string[] = [];
  const items: ProhibitedPurpose[] = [];
  data.forEach((raw: Record<string, unknown>, i) => {
    const where = `entry ${i + 1}`;
    const code = typeof raw?.code === 'string' ? raw.code.trim().toLowerCase() : '';
    const label = typeof raw?.label === 'string' ? raw.label.trim() : '';
    const phrases = Array.isArray(raw?.phrases) ? raw.phrases.filter((p): p is string => typeof p === 'string' && normalizeWords(p) !== '') : [];
    const before = problems.length;
    if (!CODE.test(code)) problems.push(`${where}: code ${JSON.stringify(raw?.code ?? '')} must be 2–40 lower-case letters, digits or _`);
    if (label === '' || label.length > 100) problems.push(`${where}: label must be 1–100 characters`);
    if (phrases.length === 0 || !Array.isArray(raw?.phrases) || phrases.length !== raw.phrases.length) {
      problems.push(`${where}: phrases must be a non-empty array of words or phrases (letters or digits)`);
    }
    if (problems.length === before) items.push({ code, label, phrases: phrases.map((p) => p.trim()) });
  });
  return { items, problems };
}

/**
 * The built-in purposes an agency keeps, from `RTCC_PROHIBITED_PURPOSES`: unset means all of them,
 * `none` none, otherwise a comma-separated list of their codes.
 */
export function selectBuiltInPurposes(raw: string | undefined): Parsed<ProhibitedPurpose> {
  const v = raw?.trim().toLowerCase();
  if (v === undefined || v === '') return { items: [...BUILT_IN_PROHIBITED_PURPOSES], problems: [] };
  if (v === 'none') return { items: [], problems: [] };
  const problems: string[] = [];
  const items: ProhibitedPurpose[] = [];
  for (const code of new Set(v.split(',').map((s) => s.trim()).filter(Boolean))) {
    const p = BUILT_IN_PROHIBITED_PURPOSES.find((b) => b.code === code);
    if (p) items.push(p);
    else problems.push(`${JSON.stringify(code)} is not a built-in purpose; known: ${BUILT_IN_PROHIBITED_PURPOSES.map((b) => b.code).join(', ')} (or none)`);
  }
  return { items, problems };
}

/** Offenses whose own code, label or category reveals a prohibited purpose: a list that contradicts itself. */
export function conflictingOffenses(offenseTypes: readonly OffenseTypeDef[], purposes: readonly ProhibitedPurpose[]): string[] {
  return offenseTypes.flatMap((o) => {
    const f = findProhibitedPurpose({ offenseType: o.code }, purposes, [o]);
    return f ? [`offense ${o.code} ("${o.label}") reveals the prohibited purpose ${f.rule} ("${f.phrase}")`] : [];
  });
}

/** The policy OpenRTCC enforces when the agency configures nothing. */
export const DEFAULT_JUSTIFICATION_POLICY: JustificationPolicy = {
  offenseTypes: OFFENSE_TYPES,
  prohibitedPurposes: BUILT_IN_PROHIBITED_PURPOSES,
};
