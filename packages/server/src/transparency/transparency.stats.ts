/**
 * Pure aggregations behind the transparency page: audit records into searches by reason, hits
 * into verified outcomes, cameras into (rounded) positions, modules into what is collected.
 * They take internal records and return only counts and labels.
 */
import { DISPOSITIONS, type Camera, type Disposition, type Hit, type JustificationPolicy } from '@openrtcc/domain';
import type { AuditRecord } from '../store/store.types.ts';
import type { CameraPoint, CameraSection, CollectedItem, CountBy, HitSection, SearchSection } from './transparency.types.ts';

const DISPOSITION_LABELS: Record<Disposition, string> = {
  confirmed: 'Confirmed: the plate and vehicle matched the record',
  misread: 'Misread: the camera read the plate wrong',
  wrong_state: 'Wrong state: same characters, another state',
  vehicle_mismatch: 'Vehicle did not match the record',
  record_stale: 'Record out of date (vehicle already recovered, warrant served)',
  dismissed: 'Dismissed for another reason',
};

/** Counts in descending order, ties by label, so the page reads the same every time. */
function sorted(m: Map<string, CountBy>): CountBy[] {
  return [...m.values()].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

function bump(m: Map<string, CountBy>, key: string, label: string): void {
  const c = m.get(key);
  if (c) c.count++;
  else m.set(key, { key, label, count: 1 });
}

function refusalOf(details: unknown): { code: string; rule?: string } {
  const d = (typeof details === 'object' && details !== null ? details : {}) as { refusal?: unknown; rule?: unknown };
  // records from before refusals were labelled were all justification refusals
  const code = typeof d.refusal === 'string' ? d.refusal : 'justification_required';
  return { code, rule: typeof d.rule === 'string' ? d.rule : undefined };
}

/**
 * Searches by the category of their offense, and refusals by reason. Only categories and rule
 * labels from the agency's policy are shown; an offense code no longer in the list counts as
 * "Offense no longer listed", never by its code.
 */
export function countSearches(records: readonly AuditRecord[], policy: JustificationPolicy): Omit<SearchSection, 'truncated' | 'partnerQueries'> {
  const byCategory = new Map<string, CountBy>();
  const refused = new Map<string, CountBy>();
  let justified = 0;
  let refusals = 0;
  for (const r of records) {
    if (r.outcome === 'success') {
      justified++;
      const offense = policy.offenseTypes.find((o) => o.code === r.justification?.offenseType);
      const category = offense?.category ?? 'Offense no longer listed';
      bump(byCategory, category, category);
    } else if (r.outcome === 'denied') {
      refusals++;
      const { code, rule } = refusalOf(r.details);
      if (code === 'prohibited_purpose') {
        const label = policy.prohibitedPurposes.find((p) => p.code === rule)?.label ?? 'a rule no longer configured';
        bump(refused, `prohibited_purpose:${rule ?? 'unknown'}`, `Prohibited purpose: ${label}`);
      } else {
        bump(refused, 'justification_required', 'Missing or inadequate justification (offense, case number or note)');
      }
    }
  }
  return { total: justified + refusals, justified, refused: refusals, byCategory: sorted(byCategory), refusedByReason: sorted(refused) };
}

/** Hits raised in the period, and what the people who verified them found. */
export function countHits(hits: readonly Hit[]): Omit<HitSection, 'truncated'> {
  const counts = new Map<Disposition, number>(DISPOSITIONS.map((d) => [d, 0]));
  let pending = 0;
  for (const h of hits) {
    const d = h.verification?.disposition;
    if (d && counts.has(d)) counts.set(d, counts.get(d)! + 1);
    else pending++;
  }
  const verified = hits.length - pending;
  return {
    total: hits.length,
    pending,
    verified,
    byDisposition: DISPOSITIONS.map((d) => ({ key: d, label: DISPOSITION_LABELS[d], count: counts.get(d)! })),
    misreadRate: verified === 0 ? null : counts.get('misread')! / verified,
  };
}

/** ~1 km: 0.01° of latitude is 1.1 km; longitude steps widen with latitude to stay ~1 km. */
function roundApproximate(lon: number, lat: number): [number, number] {
  const r = (v: number, step: number) => Number((Math.round(v / step) * step).toFixed(4));
  const cellLat = r(lat, 0.01);
  // the longitude step from the cell's latitude, not the camera's, so one cell has one step
  const lonStep = 0.01 / Math.max(0.2, Math.cos((cellLat * Math.PI) / 180));
  return [r(lon, lonStep), cellLat];
}

/**
 * The camera count, and their positions as the agency's policy allows: none, rounded to about
 * 1 km and merged per cell (so a single camera's exact corner is not given away), or exact.
 */
export function cameraSection(cameras: readonly Camera[], precision: 'off' | 'approximate' | 'exact'): CameraSection {
  const fixed = cameras.filter((c) => c.location !== undefined);
  const base = { total: cameras.length, fixed: fixed.length, mobile: cameras.length - fixed.length };
  if (precision === 'off') return { ...base, map: { precision } };
  const cells = new Map<string, CameraPoint>();
  for (const c of fixed) {
    const [lon, lat] = precision === 'exact' ? [Number(c.location![0].toFixed(6)), Number(c.location![1].toFixed(6))] : roundApproximate(c.location![0], c.location![1]);
    const key = `${lon},${lat}`;
    const p = cells.get(key);
    if (p) p.cameras++;
    else cells.set(key, { lon, lat, cameras: 1 });
  }
  const points = [...cells.values()].sort((a, b) => b.lat - a.lat || a.lon - b.lon);
  return { ...base, map: { precision, points } };
}

const COLLECTS: Record<string, string> = {
  lpr: 'Plate reads from the agency\'s cameras: the characters of a plate, the state when the camera reads it, the time, the camera and its position, how sure the camera was, the vehicle\'s description when the camera gives one (make, colour, type) and the images the camera sends.',
  hotlists: 'Hotlists: plates the agency is looking for (stolen vehicles and plates, wanted persons, missing and endangered persons, AMBER and Silver Alerts), and the hits raised when a read matches one, with what the person who checked it found.',
  cad: 'Dispatch incidents from the agency\'s computer-aided dispatch (type, time, location, status) and gunshot alerts from acoustic sensors (time, location and outcome, no audio).',
  avl: 'Locations of the agency\'s own units (patrol vehicles, officers\' phones) while on duty.',
  sharing: 'Plate reads exchanged with the partner agencies listed on this page, under written agreements.',
  video: 'Video from the agency\'s cameras.',
};

/** What the enabled modules collect, in a sentence each. */
export function collectedFor(modules: readonly string[]): CollectedItem[] {
  return modules.filter((m) => COLLECTS[m]).map((m) => ({ module: m, what: COLLECTS[m] }));
}

/** What the system does not collect: fixed statements, plus each capability that is switched off. */
export function notCollectedFor(modules: readonly string[]): string[] {
  const out = [
    'No names, addresses or registration records: the system stores plate characters and does not look up who owns a vehicle.',
    'No facial recognition, and no analysis of the people in an image.',
    'No audio recordings.',
    'Plate data is never sold, and leaves the agency only under the sharing agreements listed on this page.',
  ];
  if (!modules.includes('video')) out.push('No video is recorded or stored.');
  if (!modules.includes('avl')) out.push('No locations of officers or agency vehicles.');
  if (!modules.includes('cad')) out.push('No dispatch incidents or gunshot alerts.');
  if (!modules.includes('sharing')) out.push('No plate data is shared with other agencies.');
  return out;
}
