/**
 * The justification every search of plate data must carry: an offense type and a case or incident
 * number, optionally a note. It is written to the audit record, so it has to mean something.
 */
import type { Justification } from './types.ts';

/**
 * One offense a plate search may be justified by. The `category` groups offenses on the public
 * transparency page (searches by reason); `noteRequired` makes the note mandatory for catch-all
 * entries such as "other felony", where the offense alone says too little.
 */
export interface OffenseTypeDef {
  code: string;
  label: string;
  category: string;
  noteRequired?: boolean;
}

/** The default offense list, used unless the agency configures its own (RTCC_OFFENSE_TYPES_FILE). */
export const OFFENSE_TYPES = [
  { code: 'homicide', label: 'Homicide', category: 'Violent crime' },
  { code: 'robbery', label: 'Robbery', category: 'Violent crime' },
  { code: 'carjacking', label: 'Carjacking', category: 'Violent crime' },
  { code: 'burglary', label: 'Burglary', category: 'Property crime' },
  { code: 'motor_vehicle_theft', label: 'Motor vehicle theft', category: 'Vehicle crime' },
  { code: 'stolen_plate', label: 'Stolen plate', category: 'Vehicle crime' },
  { code: 'kidnapping', label: 'Kidnapping / abduction', category: 'Person at risk' },
  { code: 'missing_person', label: 'Missing person', category: 'Person at risk' },
  { code: 'amber_alert', label: 'AMBER Alert', category: 'Person at risk' },
  { code: 'silver_alert', label: 'Silver Alert / endangered adult', category: 'Person at risk' },
  { code: 'hit_and_run', label: 'Hit and run', category: 'Vehicle crime' },
  { code: 'assault', label: 'Aggravated assault', category: 'Violent crime' },
  { code: 'shooting', label: 'Shooting / shots fired', category: 'Violent crime' },
  { code: 'sexual_assault', label: 'Sexual assault', category: 'Violent crime' },
  { code: 'arson', label: 'Arson', category: 'Property crime' },
  { code: 'weapons', label: 'Weapons offense', category: 'Drugs and weapons' },
  { code: 'narcotics', label: 'Narcotics trafficking', category: 'Drugs and weapons' },
  { code: 'fraud', label: 'Fraud / financial crime', category: 'Financial crime' },
  { code: 'human_trafficking', label: 'Human trafficking', category: 'Person at risk' },
  { code: 'wanted_person', label: 'Wanted person (warrant)', category: 'Warrant' },
  { code: 'terrorism', label: 'Terrorism', category: 'Violent crime' },
  { code: 'other_felony', label: 'Other felony (explain in the note)', category: 'Other felony', noteRequired: true },
] as const satisfies readonly OffenseTypeDef[];

export type OffenseType = (typeof OFFENSE_TYPES)[number]['code'];


export const CASE_NUMBER_MIN = 4;
export const CASE_NUMBER_MAX = 40;
export const NOTE_MAX = 500;
/** The shortest note accepted where the offense requires one (other felony). */
export const OTHER_FELONY_NOTE_MIN = 15;

/** Letter parts of case numbers that people type when they have no case. */
const PLACEHOLDER_WORDS = new Set([
  'NA', 'NONE', 'NULL', 'NIL', 'TEST', 'TESTING', 'TBD', 'TBA', 'UNKNOWN', 'UNK', 'PENDING', 'ASDF', 'QWERTY',
  'SAMPLE', 'DUMMY', 'FAKE', 'TEMP', 'TMP', 'EXAMPLE', 'NOCASE',
]);

/** Whole notes that say nothing about why. Compared lower-case with punctuation dropped. */
const GENERIC_NOTES = new Set([
  'investigation', 'investigative', 'investigative purposes', 'investigation purposes', 'ongoing investigation',
  'criminal investigation', 'active investigation', 'test', 'testing', 'just checking', 'checking', 'check',
  'curious', 'routine', 'routine check', 'lookup', 'look up', 'search', 'follow up', 'followup', 'na', 'n a',
  'none', 'work', 'official business', 'law enforcement purposes', 'le purposes', 'per request', 'requested',
  'case', 'intel', 'intelligence', 'same as above', 'see case', 'see report',
]);

export interface JustificationProblem {
  field: string;
  message: string;
}

export type JustificationResult = { ok: true; value: Justification } | { ok: false; problems: JustificationProblem[] };

/** Why a case number is a placeholder, or null when it looks real. */
function placeholderReason(caseNumber: string): string | null {
  const compact = caseNumber.toUpperCase().replace(/[^A-Z0-9]/g, '');
  const letters = compact.replace(/[0-9]/g, '');
  const digits = compact.replace(/[A-Z]/g, '');
  if (/^(.)\1*$/.test(compact)) return 'it is one character repeated';
  if (PLACEHOLDER_WORDS.has(letters) || /^X{2,}$/.test(letters)) return `"${letters}" is a placeholder, not a case prefix`;
  if (/^0+$/.test(digits)) return 'its digits are all zero';
  if (letters === '' && isCountingRun(digits)) return 'it is a counting sequence';
  return null;
}

/** 0123, 1234, 12345, 4321 …: what people type to get past a required field. */
function isCountingRun(digits: string): boolean {
  if (digits.length < 4) return false;
  const step = digits.charCodeAt(1) - digits.charCodeAt(0);
  if (step !== 1 && step !== -1) return false;
  for (let i = 2; i < digits.length; i++) if (digits.charCodeAt(i) - digits.charCodeAt(i - 1) !== step) return false;
  // Only runs from 0 or 1: 2345 or 6789 can be a real small-agency incident number.
  return (step === 1 ? digits[0] : digits[digits.length - 1]) <= '1';
}

function checkCaseNumber(raw: unknown, problems: JustificationProblem[]): string | undefined {
  const field = 'caseNumber';
  if (raw === undefined || raw === null || (typeof raw === 'string' && raw.trim() === '')) {
    problems.push({ field, message: 'Enter the case or incident number this search is for.' });
    return undefined;
  }
  if (typeof raw !== 'string') {
    problems.push({ field, message: 'The case number must be text, such as 2025-004817.' });
    return undefined;
  }
  const value = raw.trim().replace(/\s+/g, ' ');
  const fail = (message: string): undefined => {
    problems.push({ field, message });
    return undefined;
  };
  const reason = placeholderReason(value);
  if (reason) return fail(`"${value}" looks like a placeholder (${reason}); enter the real case or incident number.`);
  if (value.length < CASE_NUMBER_MIN || value.length > CASE_NUMBER_MAX) {
    return fail(`The case number must be ${CASE_NUMBER_MIN}–${CASE_NUMBER_MAX} characters; "${value}" has ${value.length}.`);
  }
  const bad = /[^A-Za-z0-9 \-/._#:]/.exec(value);
  if (bad) return fail(`The case number may hold letters, digits, spaces and - / . _ # : only; remove "${bad[0]}".`);
  if ((value.match(/[0-9]/g) ?? []).length < 2) {
    return fail('The case number must contain at least 2 digits; enter the number from the case or CAD incident.');
  }
  return value;
}

function checkNote(raw: unknown, offense: OffenseTypeDef | undefined, problems: JustificationProblem[]): string | undefined {
  const field = 'note';
  if (raw !== undefined && raw !== null && typeof raw !== 'string') {
    problems.push({ field, message: 'The note must be text.' });
    return undefined;
  }
  const note = (raw ?? '').trim();
  const required = offense?.noteRequired === true;
  const named = offense?.label.replace(/\s*\(.*\)$/, '').toLowerCase();
  if (note === '') {
    if (required) {
      problems.push({ field, message: `For "${named}", describe the offense in the note (at least ${OTHER_FELONY_NOTE_MIN} characters).` });
    }
    return undefined;
  }
  if (note.length > NOTE_MAX) {
    problems.push({ field, message: `Keep the note to ${NOTE_MAX} characters; it has ${note.length}.` });
    return undefined;
  }
  const gist = note.toLowerCase().replace(/[^a-z0-9 ]/g, ' ').replace(/\s+/g, ' ').trim();
  if (GENERIC_NOTES.has(gist)) {
    problems.push({ field, message: `"${note}" does not say why; describe what is being investigated (offense, vehicle, event), or leave the note empty.` });
    return undefined;
  }
  if (required && note.length < OTHER_FELONY_NOTE_MIN) {
    problems.push({ field, message: `For "${named}", describe the offense in at least ${OTHER_FELONY_NOTE_MIN} characters; the note has ${note.length}.` });
    return undefined;
  }
  return note;
}

/**
 * Checks the justification a user gave for a plate search against the agency's offense list
 * (the default `OFFENSE_TYPES` unless it configured its own) and returns a cleaned copy
 * (trimmed, offense code lower-cased, empty note dropped) or every problem with what to fix.
 * @example validateJustification({ offenseType: 'robbery', caseNumber: '2025-004817' }).ok // true
 * @example validateJustification({ offenseType: 'robbery', caseNumber: 'n/a' }).ok // false
 */
export function validateJustification(j: unknown, offenseTypes: readonly OffenseTypeDef[] = OFFENSE_TYPES): JustificationResult {
  if (typeof j !== 'object' || j === null || Array.isArray(j)) {
    return {
      ok: false,
      problems: [{ field: 'justification', message: 'Every plate search needs a justification: an offense type and a case or incident number.' }],
    };
  }
  const input = j as Record<string, unknown>;
  const problems: JustificationProblem[] = [];

  const rawType = input.offenseType;
  const offense = typeof rawType === 'string' ? offenseTypes.find((o) => o.code === rawType.trim().toLowerCase()) : undefined;
  const offenseType = offense?.code;
  if (!offense) {
    const given = typeof rawType === 'string' && rawType.trim() !== '' ? ` "${rawType}" is not one of them.` : '';
    const examples = offenseTypes.slice(0, 3).map((o) => o.code).join(', ');
    problems.push({ field: 'offenseType', message: `Choose the offense type from the list (for example ${examples}).${given}` });
  }
  const caseNumber = checkCaseNumber(input.caseNumber, problems);
  const note = checkNote(input.note, offense, problems);

  if (problems.length > 0 || offenseType === undefined || caseNumber === undefined) return { ok: false, problems };
  const value: Justification = { offenseType, caseNumber };
  if (note !== undefined) value.note = note;
  return { ok: true, value };
}
