/**
 * The settings of the justification policy (the agency's offense list, its prohibited purposes)
 * and of the public transparency page. Files are read once at boot, except the policy text,
 * which the transparency page re-reads so an edit shows without a restart.
 */
import { existsSync, readFileSync } from 'node:fs';
import { extname, resolve } from 'node:path';
import {
  DEFAULT_JUSTIFICATION_POLICY,
  conflictingOffenses,
  parseOffenseTypes,
  parseProhibitedPurposes,
  selectBuiltInPurposes,
  type JustificationPolicy,
  type OffenseTypeDef,
  type ProhibitedPurpose,
} from '@openrtcc/domain';

/** How precisely the transparency page shows where cameras are. */
export type CameraMapPolicy = 'off' | 'approximate' | 'exact';

export interface TransparencySettings {
  cameraMap: CameraMapPolicy;
  /** A text or Markdown file of the agency's ALPR policy, shown escaped on the page. */
  policyFile?: string;
}

function readSetting(name: string, raw: string | undefined, problems: string[]): { path: string; text: string } | undefined {
  if (!raw?.trim()) return undefined;
  const path = resolve(raw.trim());
  if (!existsSync(path)) {
    problems.push(`${name}=${JSON.stringify(raw)}: no such file`);
    return undefined;
  }
  try {
    return { path, text: readFileSync(path, 'utf8') };
  } catch (e) {
    problems.push(`${name}=${JSON.stringify(raw)}: cannot be read (${(e as Error).message})`);
    return undefined;
  }
}

function offenseList(env: NodeJS.ProcessEnv, problems: string[]): readonly OffenseTypeDef[] {
  const file = readSetting('RTCC_OFFENSE_TYPES_FILE', env.RTCC_OFFENSE_TYPES_FILE, problems);
  if (!file) return DEFAULT_JUSTIFICATION_POLICY.offenseTypes;
  const ext = extname(file.path).toLowerCase();
  if (ext !== '.json' && ext !== '.csv') {
    problems.push('RTCC_OFFENSE_TYPES_FILE must be a .json or .csv file');
    return DEFAULT_JUSTIFICATION_POLICY.offenseTypes;
  }
  const parsed = parseOffenseTypes(file.text, ext === '.json' ? 'json' : 'csv');
  problems.push(...parsed.problems.map((p) => `RTCC_OFFENSE_TYPES_FILE ${file.path}: ${p}`));
  return parsed.items;
}

function prohibitedPurposes(env: NodeJS.ProcessEnv, problems: string[]): ProhibitedPurpose[] {
  const builtIn = selectBuiltInPurposes(env.RTCC_PROHIBITED_PURPOSES);
  problems.push(...builtIn.problems.map((p) => `RTCC_PROHIBITED_PURPOSES: ${p}`));
  const file = readSetting('RTCC_PROHIBITED_PURPOSES_FILE', env.RTCC_PROHIBITED_PURPOSES_FILE, problems);
  if (!file) return builtIn.items;
  const own = parseProhibitedPurposes(file.text);
  problems.push(...own.problems.map((p) => `RTCC_PROHIBITED_PURPOSES_FILE ${file.path}: ${p}`));
  for (const p of own.items) {
    if (builtIn.items.some((b) => b.code === p.code)) problems.push(`RTCC_PROHIBITED_PURPOSES_FILE: ${p.code} is already a built-in purpose; give the agency rule its own code`);
  }
  return [...builtIn.items, ...own.items];
}

/** RTCC_OFFENSE_TYPES_FILE, RTCC_PROHIBITED_PURPOSES and RTCC_PROHIBITED_PURPOSES_FILE. */
export function loadJustificationPolicy(env: NodeJS.ProcessEnv, problems: string[]): JustificationPolicy {
  const offenseTypes = offenseList(env, problems);
  const purposes = prohibitedPurposes(env, problems);
  // an offense the policy itself forbids would make every search under it a refusal
  problems.push(...conflictingOffenses(offenseTypes, purposes).map((c) => `RTCC_OFFENSE_TYPES_FILE: ${c}; remove it or change the prohibited purposes`));
  return { offenseTypes, prohibitedPurposes: purposes };
}

/** RTCC_TRANSPARENCY_CAMERA_MAP and RTCC_TRANSPARENCY_POLICY_FILE. */
export function loadTransparencySettings(env: NodeJS.ProcessEnv, problems: string[]): TransparencySettings {
  const map = (env.RTCC_TRANSPARENCY_CAMERA_MAP?.trim().toLowerCase() || 'off') as CameraMapPolicy;
  if (!['off', 'approximate', 'exact'].includes(map)) problems.push(`RTCC_TRANSPARENCY_CAMERA_MAP=${JSON.stringify(env.RTCC_TRANSPARENCY_CAMERA_MAP)} must be off, approximate or exact`);
  const policy = env.RTCC_TRANSPARENCY_POLICY_FILE?.trim() ? resolve(env.RTCC_TRANSPARENCY_POLICY_FILE.trim()) : undefined;
  if (policy && !existsSync(policy)) problems.push(`RTCC_TRANSPARENCY_POLICY_FILE=${JSON.stringify(env.RTCC_TRANSPARENCY_POLICY_FILE)}: no such file`);
  return { cameraMap: ['off', 'approximate', 'exact'].includes(map) ? map : 'off', policyFile: policy };
}
