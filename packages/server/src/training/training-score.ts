/**
 * Scoring a training run: a pure function of the expected outcome and the facts the training
 * service gathered from the store (hits raised and verified during the run, audited searches,
 * hotlist entries added). An area search's geometry is judged here with the domain's own
 * functions, the same the store searches with. Each expected item is met or not, with the reason in words a trainee
 * can act on.
 */
import { GeoError, distanceMeters, isInArea, validateArea } from '@openrtcc/domain';
import type { AuditSearchQuery, Disposition, HitStatus, SearchArea } from '@openrtcc/domain';
import type {
  AreaSearchFindsExpectation,
  HitDispositionExpectation,
  HotlistEntryExpectation,
  SearchFindsExpectation,
  TrainingExpectation,
  TrainingScore,
  TrainingScoreItem,
} from './training.types.ts';

/** A hit raised during the run. */
export interface HitFact {
  id: string;
  /** The plate text of the read behind the hit, as the camera read it. */
  readPlate: string;
  entryPlate: string;
  hotlistName: string;
  status: HitStatus;
  verification?: { disposition: Disposition; verifiedBy: string; verifiedAt: number };
}

/** The query of a search, as the audit trail recorded it. */
export type AuditedQuery = AuditSearchQuery;

/** A search of plate reads made during the run (an audit record of `reads.search`). */
export interface SearchFact {
  auditId: string;
  at: number;
  outcome: 'success' | 'denied' | 'failed';
  query: AuditedQuery;
  justification?: { offenseType: string; caseNumber: string; note?: string };
  resultCount?: number;
  /** By `search_finds` and `area_search_finds` item id: the item's target reads this search's result set held. */
  returned: Record<string, string[]>;
}

/** A read of a vehicle an area search must find, with the camera that made it. */
export interface AreaTarget {
  readId: string;
  /** The vehicle's true plate, as the expectation names it. */
  vehiclePlate: string;
  cameraId?: string;
}

/** An active hotlist entry with an expected plate, added during the run. */
export interface EntryFact {
  id: string;
  plate: string;
  hotlistName: string;
  createdAt: number;
  createdBy: string;
}

/** An audited addition of hotlist entries during the run (`hotlists.entries.add`). */
export interface AdditionFact {
  auditId: string;
  plates: string[];
}

/** Everything the score rests on, gathered for the run's window `[start, end]`. */
export interface RunFacts {
  start: number;
  end: number;
  hits: HitFact[];
  searches: SearchFact[];
  /** By `search_finds` item id: the reads of the vehicle that reached the platform during the run. */
  targets: Record<string, string[]>;
  /** By `area_search_finds` item id: the reads of each of its vehicles (by true plate) that reached the platform during the run. */
  areaTargets: Record<string, AreaTarget[]>;
  entries: EntryFact[];
  additions: AdditionFact[];
}

const sameName = (a: string, b: string) => a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const isoSecond = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** A search's query in a few words: `plate "KR?48*" from … to …, 2 cameras`. */
export function describeQuery(q: AuditedQuery): string {
  const parts: string[] = [];
  if (q.plate) parts.push(`plate "${q.plate}"${q.fuzzy ? ' (fuzzy)' : ''}`);
  if (q.from || q.to) parts.push(`${q.from ? `from ${q.from}` : 'from the start'} ${q.to ? `to ${q.to}` : 'to now'}`);
  else parts.push('no time window');
  if (q.cameraIds?.length) parts.push(plural(q.cameraIds.length, 'camera'));
  if (q.area !== undefined) {
    const r = (q.area as { radiusMeters?: unknown }).radiusMeters;
    parts.push(typeof r === 'number' ? `an area of ${Math.round(r)} m radius` : 'a drawn area');
  }
  return parts.join(', ');
}

function scoreHit(e: HitDispositionExpectation, f: RunFacts, trainee: string | undefined, reveal: boolean): TrainingScoreItem {
  const hits = f.hits.filter((h) => h.readPlate === e.readPlate && (e.entryPlate === undefined || h.entryPlate === e.entryPlate));
  const base = { id: e.id, kind: e.kind, description: e.description, evidence: { hitIds: hits.map((h) => h.id) } };
  const expected = reveal ? `; expected ${e.disposition}` : '';
  if (hits.length === 0) {
    return { ...base, met: false, reason: `no hit was raised on a read of ${e.readPlate}${e.entryPlate ? ` against ${e.entryPlate}` : ''} during the run` };
  }
  const problems: string[] = [];
  const confirmations: string[] = [];
  for (const h of hits) {
    const what = `the hit on ${h.readPlate} (${h.hotlistName}, record ${h.entryPlate})`;
    const v = h.verification;
    if (!v || v.verifiedAt > f.end) problems.push(`${what} has no disposition${v ? ' from before the run finished' : ' yet'}${expected}`);
    else if (trainee !== undefined && !sameName(v.verifiedBy, trainee)) problems.push(`${what} was verified by ${v.verifiedBy}, not by the trainee ${trainee}`);
    else if (v.disposition !== e.disposition) problems.push(`${what} was dispositioned ${v.disposition} by ${v.verifiedBy}${reveal ? expected : ', which is not the expected disposition'}`);
    else confirmations.push(`${what} was dispositioned ${v.disposition} by ${v.verifiedBy}`);
  }
  if (problems.length === 0) return { ...base, met: true, reason: confirmations.join('; ') };
  return { ...base, met: false, reason: problems.join('; ') };
}

/** What keeps a search that found the vehicle from meeting the item; empty when nothing does. */
function searchProblems(e: SearchFindsExpectation, s: SearchFact): string[] {
  const out: string[] = [];
  if (e.maxWindowMinutes !== undefined) {
    const from = s.query.from ? Date.parse(s.query.from) : NaN;
    const to = s.query.to ? Date.parse(s.query.to) : NaN;
    if (!Number.isFinite(from) || !Number.isFinite(to)) out.push(`it was not narrowed to a time window (give from and to, at most ${e.maxWindowMinutes} minutes apart)`);
    else if (to - from > e.maxWindowMinutes * 60_000) out.push(`its time window was ${Math.round((to - from) / 60_000)} minutes wide; at most ${e.maxWindowMinutes} expected`);
  }
  return [...out, ...justificationProblems(e.justification, s.justification)];
}

function justificationProblems(want: SearchFindsExpectation['justification'], got: SearchFact['justification']): string[] {
  const out: string[] = [];
  if (want?.offenseType && got?.offenseType.toLowerCase() !== want.offenseType.toLowerCase()) {
    out.push(`it was justified as ${got?.offenseType ?? 'nothing'}; the offense is ${want.offenseType}`);
  }
  if (want?.caseNumber && got?.caseNumber.trim().toUpperCase() !== want.caseNumber.trim().toUpperCase()) {
    out.push(`it carried case number ${got?.caseNumber ?? 'none'}; the case is ${want.caseNumber}`);
  }
  return out;
}

/** How far from `p` an area reaches: a circle's radius, a polygon's farthest corner. */
function reachOf(area: SearchArea, p: [number, number]): number {
  if ('center' in area) return area.radiusMeters;
  return Math.max(...area.coordinates[0].map((c) => distanceMeters(p, c)));
}

/** What keeps an area search from meeting the item; empty when nothing does. */
function areaProblems(e: AreaSearchFindsExpectation, s: SearchFact, targets: AreaTarget[], reveal: boolean): string[] {
  const out: string[] = [];
  let area: SearchArea | undefined;
  try {
    area = validateArea(s.query.area);
  } catch (err) {
    if (!(err instanceof GeoError)) throw err;
  }
  if (!area) out.push('its area could not be read');
  else {
    const circle = 'center' in area;
    if (!isInArea(e.point, area)) {
      const where = reveal ? ` at [${e.point.join(', ')}]${'center' in area ? `, ${Math.round(distanceMeters(e.point, area.center))} m from the circle's centre` : ''}` : '';
      out.push(`its area does not cover the scene${where}`);
    }
    const reach = Math.round(reachOf(area, e.point));
    if (reach > e.maxRadiusMeters) out.push(`${circle ? `its radius was ${reach} m` : `its area reached ${reach} m from the scene`}; at most ${e.maxRadiusMeters} m expected`);
  }
  const from = s.query.from ? Date.parse(s.query.from) : NaN;
  const to = s.query.to ? Date.parse(s.query.to) : NaN;
  if (!Number.isFinite(from) || !Number.isFinite(to)) out.push(`it was not narrowed to a time window (give from and to around the shooting, at most ${e.maxWindowMinutes} minutes apart)`);
  else {
    if (from > e.at || to < e.at) out.push(`its time window did not include the time of the shooting${reveal ? ` (${isoSecond(e.at)})` : ''}`);
    if (to - from > e.maxWindowMinutes * 60_000) out.push(`its time window was ${Math.round((to - from) / 60_000)} minutes wide; at most ${e.maxWindowMinutes} expected`);
  }
  out.push(...justificationProblems(e.justification, s.justification));
  const returned = new Set(s.returned[e.id] ?? []);
  const missed = e.vehicles.filter((v) => !targets.some((t) => t.vehiclePlate === v.plate && returned.has(t.readId)));
  if (missed.length > 0) {
    if (reveal) out.push(`it returned no read of ${missed.map((v) => v.plate).join(' or ')}`);
    else out.push(e.vehicles.length === 1 ? 'it returned no read of the vehicle' : `it returned reads of ${e.vehicles.length - missed.length} of the ${e.vehicles.length} vehicles sought`);
  }
  return out;
}

function scoreAreaSearch(e: AreaSearchFindsExpectation, f: RunFacts, reveal: boolean): TrainingScoreItem {
  const targets = f.areaTargets[e.id] ?? [];
  const done = f.searches.filter((s) => s.outcome === 'success');
  const refused = f.searches.filter((s) => s.outcome === 'denied').length;
  const withArea = done.filter((s) => s.query.area !== undefined);
  const finding = withArea.filter((s) => (s.returned[e.id] ?? []).length > 0);
  const base = { id: e.id, kind: e.kind, description: e.description, evidence: { auditIds: finding.map((s) => s.auditId) } };
  const refusedNote = refused > 0 ? `; ${plural(refused, 'search was', 'searches were')} refused for want of a justification` : '';
  const unseen = e.vehicles.filter((v) => !targets.some((t) => t.vehiclePlate === v.plate));
  if (unseen.length > 0) {
    const who = reveal ? unseen.map((v) => v.plate).join(' or ') : e.vehicles.length === 1 ? 'the vehicle' : 'a vehicle sought';
    return { ...base, met: false, reason: `no read of ${who} reached the platform during the run, so no search could find one` };
  }
  if (done.length === 0) return { ...base, met: false, reason: `no justified search of plate reads was made during the run${refusedNote}` };
  if (withArea.length === 0) {
    return { ...base, met: false, reason: `${plural(done.length, 'justified search', 'justified searches')} during the run, none of them with an area: search with area (a circle or a polygon) around the scene${refusedNote}` };
  }
  const judged = withArea.map((s) => ({ s, problems: areaProblems(e, s, targets, reveal) }));
  const good = judged.find((j) => j.problems.length === 0);
  if (good) {
    const returned = new Set(good.s.returned[e.id]);
    const found = targets.filter((t) => returned.has(t.readId));
    const cameras = new Set(found.map((t) => t.cameraId ?? 'a mobile unit'));
    const perVehicle = e.vehicles.map((v) => `${plural(found.filter((t) => t.vehiclePlate === v.plate).length, 'read')} of ${v.plate}`).join(' and ');
    const j = good.s.justification;
    return {
      ...base,
      evidence: { auditIds: [good.s.auditId] },
      met: true,
      reason: `the search at ${isoSecond(good.s.at)} (${describeQuery(good.s.query)}) covered the scene and the time of the shooting and returned ${perVehicle}, from ${plural(cameras.size, 'camera')}${j ? `, justified as ${j.offenseType}, case ${j.caseNumber}` : ''}`,
    };
  }
  // the closest miss (fewest problems, the latest of equals) tells the trainee what to change
  const best = judged.reduce((a, b) => (b.problems.length <= a.problems.length ? b : a));
  const others = withArea.length > 1 ? ` (${plural(withArea.length, 'area search', 'area searches')} in all, none met every condition)` : '';
  return { ...base, met: false, reason: `the search at ${isoSecond(best.s.at)} (${describeQuery(best.s.query)}): ${best.problems.join('; ')}${others}${refusedNote}` };
}

function scoreSearch(e: SearchFindsExpectation, f: RunFacts, reveal: boolean): TrainingScoreItem {
  const targets = f.targets[e.id] ?? [];
  const done = f.searches.filter((s) => s.outcome === 'success');
  const refused = f.searches.filter((s) => s.outcome === 'denied').length;
  const finding = done.filter((s) => (s.returned[e.id] ?? []).length > 0);
  const base = { id: e.id, kind: e.kind, description: e.description, evidence: { auditIds: finding.map((s) => s.auditId) } };
  const vehicle = reveal ? e.vehiclePlate : 'the vehicle';
  const refusedNote = refused > 0 ? `; ${plural(refused, 'search was', 'searches were')} refused for want of a justification` : '';
  if (targets.length === 0) return { ...base, met: false, reason: `no read of ${vehicle} reached the platform during the run, so no search could find one` };
  if (done.length === 0) return { ...base, met: false, reason: `no justified search of plate reads was made during the run${refusedNote}` };
  if (finding.length === 0) {
    const last = done[done.length - 1];
    return {
      ...base,
      met: false,
      reason: `${plural(done.length, 'justified search', 'justified searches')} during the run, none of which returned a read of ${vehicle}; the last: ${describeQuery(last.query)}, ${plural(last.resultCount ?? 0, 'result')}${refusedNote}`,
    };
  }
  const good = finding.find((s) => searchProblems(e, s).length === 0);
  if (good) {
    const j = good.justification;
    const n = good.returned[e.id].length;
    return {
      ...base,
      evidence: { auditIds: [good.auditId] },
      met: true,
      reason: `the search at ${isoSecond(good.at)} (${describeQuery(good.query)}) returned ${plural(n, 'read')} of ${e.vehiclePlate}${j ? `, justified as ${j.offenseType}, case ${j.caseNumber}` : ''}`,
    };
  }
  const last = finding[finding.length - 1];
  return {
    ...base,
    met: false,
    reason: `the search at ${isoSecond(last.at)} (${describeQuery(last.query)}) returned a read of ${vehicle}, but ${searchProblems(e, last).join(', and ')}`,
  };
}

function scoreEntry(e: HotlistEntryExpectation, f: RunFacts, reveal: boolean): TrainingScoreItem {
  const entries = f.entries.filter((x) => x.plate === e.plate);
  const base = { id: e.id, kind: e.kind, description: e.description, evidence: { entryIds: entries.map((x) => x.id) } };
  if (entries.length > 0) {
    const x = entries[0];
    return { ...base, met: true, reason: `${e.plate} was put on "${x.hotlistName}" by ${x.createdBy} at ${isoSecond(x.createdAt)}` };
  }
  const added = f.additions.flatMap((a) => a.plates);
  if (added.includes(e.plate)) return { ...base, met: false, reason: `${reveal ? e.plate : 'the plate'} was added to a hotlist during the run, but that entry is no longer active (removed or expired)` };
  const others = [...new Set(added)];
  return {
    ...base,
    met: false,
    reason: `no hotlist entry for ${reveal ? e.plate : "the vehicle's plate"} was added during the run${others.length ? `; entries added: ${others.slice(0, 10).join(', ')}${others.length > 10 ? ' …' : ''}` : ''}`,
  };
}

/**
 * Scores a run: each expected item met or not, with the reason, and the total.
 * @param opts.trainee when the run names its trainee, only hit verifications under that name count
 * @param opts.reveal false while the run goes on: a reason then never gives away the expected answer
 *   (the disposition, the vehicle's plate), and items carry no debrief
 * @example
 * const score = scoreRun(run.expected, facts, { trainee: run.trainee, now: Date.now(), reveal: false });
 * score.items.filter((i) => !i.met).map((i) => i.reason);
 */
export function scoreRun(expected: readonly TrainingExpectation[], facts: RunFacts, opts: { trainee?: string; now: number; reveal: boolean }): TrainingScore {
  const items = expected.map((e): TrainingScoreItem => {
    const item =
      e.kind === 'hit_disposition'
        ? scoreHit(e, facts, opts.trainee, opts.reveal)
        : e.kind === 'search_finds'
          ? scoreSearch(e, facts, opts.reveal)
          : e.kind === 'area_search_finds'
            ? scoreAreaSearch(e, facts, opts.reveal)
            : scoreEntry(e, facts, opts.reveal);
    if (opts.reveal && e.debrief) item.debrief = e.debrief;
    return item;
  });
  return { computedAt: opts.now, met: items.filter((i) => i.met).length, of: items.length, items };
}
