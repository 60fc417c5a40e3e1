/**
 * Training runs on a training server: a scenario runner registers the outcome a trainee should
 * reach, the trainee works the platform as on a real shift, and the score is computed from what
 * actually happened in the store during the run (hits verified, searches in the audit trail,
 * hotlist entries added), never from anything the trainee or the runner reports.
 */
import { randomUUID } from 'node:crypto';
import { DISPOSITIONS, GeoError, PlatePatternError, normalizePlate, parsePlateQuery, validateArea } from '@openrtcc/domain';
import type { Disposition, Hit, Page, PlateRead, SearchArea } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { ModuleName } from '../config/modules.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { HotlistService } from '../hotlists/hotlist.service.ts';
import type { AuditRecord, HitStore, PlateFilter, ReadStore, TrainingRunStore } from '../store/store.types.ts';
import { scoreRun, type AdditionFact, type AreaTarget, type AuditedQuery, type EntryFact, type HitFact, type RunFacts, type SearchFact } from './training-score.ts';
import { EXPECTATION_KINDS, type TrainingExpectation, type TrainingRun, type TrainingScore } from './training.types.ts';

/** A run as the scenario runner sends it. */
export interface TrainingRunInput {
  scenarioId: string;
  title: string;
  trainee?: string;
  briefing?: string;
  expected: Record<string, unknown>[];
}

export interface TrainingActor {
  name: string;
  from?: string;
}

export interface TrainingServiceDeps {
  runs: TrainingRunStore;
  hits: HitStore;
  reads: ReadStore;
  audit: AuditService;
  hotlists: HotlistService;
  modules: readonly ModuleName[];
  now?: () => number;
}

/** Items the store is paged through per call while gathering facts. */
const PAGE = 500;

export class TrainingService {
  private readonly d: TrainingServiceDeps;
  private readonly now: () => number;

  constructor(deps: TrainingServiceDeps) {
    this.d = deps;
    this.now = deps.now ?? Date.now;
  }

  /** Registers a run: its expected outcome and its start, now. */
  async start(input: TrainingRunInput, actor: TrainingActor): Promise<TrainingRun> {
    const expected = this.validateExpected(input.expected);
    const run: TrainingRun = {
      id: randomUUID(),
      scenarioId: input.scenarioId,
      title: input.title.trim(),
      startedAt: this.now(),
      startedBy: actor.name,
      expected,
    };
    if (input.trainee?.trim()) run.trainee = input.trainee.trim();
    if (input.briefing?.trim()) run.briefing = input.briefing;
    await this.d.runs.create(run);
    await this.d.audit.record({ actor: actor.name, from: actor.from, action: 'training.runs.start', outcome: 'success', details: { runId: run.id, scenarioId: run.scenarioId, trainee: run.trainee } });
    return run;
  }

  async get(id: string): Promise<{ run: TrainingRun; score: TrainingScore }> {
    const run = await this.d.runs.get(id);
    if (!run) throw new AppError('not_found_or_forbidden', `training run ${id} not found`);
    return { run, score: run.result ?? (await this.score(run, this.now(), false)) };
  }

  /** Newest first; finished runs with their final score, running ones without a score (ask for one run). */
  list(opts: { limit: number; cursor?: string }): Promise<Page<TrainingRun>> {
    return this.d.runs.list(opts);
  }

  /** Ends the run now and freezes its score; a finished run is a `conflict`. */
  async finish(id: string, actor: TrainingActor): Promise<{ run: TrainingRun; score: TrainingScore }> {
    const run = await this.d.runs.get(id);
    if (!run) throw new AppError('not_found_or_forbidden', `training run ${id} not found`);
    if (run.finishedAt !== undefined) throw alreadyFinished(run);
    const end = this.now();
    const score = await this.score(run, end, true);
    const r = await this.d.runs.finish(id, { finishedAt: end, finishedBy: actor.name, result: score });
    if (!r) throw new AppError('not_found_or_forbidden', `training run ${id} not found`);
    if (!r.changed) throw alreadyFinished(r.run);
    await this.d.audit.record({ actor: actor.name, from: actor.from, action: 'training.runs.finish', outcome: 'success', details: { runId: id, met: score.met, of: score.of } });
    return { run: r.run, score };
  }

  /**
   * Scores `run` over `[startedAt, end]` from the store's records.
   * @param reveal whether reasons may give the expected answers away (the final score), or not (a run going on)
   */
  async score(run: TrainingRun, end: number, reveal: boolean): Promise<TrainingScore> {
    const facts = await this.gather(run, run.startedAt, end);
    return scoreRun(run.expected, facts, { trainee: run.trainee, now: end, reveal });
  }

  private validateExpected(raw: Record<string, unknown>[]): TrainingExpectation[] {
    const problems: { field: string; message: string }[] = [];
    const say = (i: number, field: string, message: string) => problems.push({ field: `expected[${i}]${field ? `.${field}` : ''}`, message });
    const plate = (i: number, field: string, v: unknown): string => {
      const p = typeof v === 'string' ? normalizePlate(v) : '';
      if (p.length < 2 || p.length > 10) say(i, field, 'must be a plate of 2 to 10 letters or digits');
      return p;
    };
    const ids = new Set<string>();
    const out: TrainingExpectation[] = [];
    raw.forEach((e, i) => {
      const id = String(e.id);
      if (ids.has(id)) say(i, 'id', `${id} is used twice`);
      ids.add(id);
      const description = String(e.description);
      const debrief = typeof e.debrief === 'string' && e.debrief.trim() ? { debrief: e.debrief.trim() } : {};
      const kind = e.kind as TrainingExpectation['kind'];
      const needs = kind === 'search_finds' || kind === 'area_search_finds' ? 'lpr' : 'hotlists';
      if (EXPECTATION_KINDS.includes(kind) && !this.d.modules.includes(needs)) say(i, 'kind', `${kind} needs the ${needs} module, which is off on this server (RTCC_MODULES)`);
      if (kind === 'hit_disposition') {
        if (!DISPOSITIONS.includes(e.disposition as Disposition)) say(i, 'disposition', `must be one of ${DISPOSITIONS.join(', ')}`);
        const item: TrainingExpectation = { id, kind, description, ...debrief, readPlate: plate(i, 'readPlate', e.readPlate), disposition: e.disposition as Disposition };
        if (e.entryPlate !== undefined) item.entryPlate = plate(i, 'entryPlate', e.entryPlate);
        out.push(item);
      } else if (kind === 'search_finds') {
        const readPlates = Array.isArray(e.readPlates) ? e.readPlates.map((p, k) => plate(i, `readPlates[${k}]`, p)) : [];
        if (readPlates.length === 0) say(i, 'readPlates', 'must list the plate texts the cameras read for the vehicle');
        const item: TrainingExpectation = { id, kind, description, ...debrief, vehiclePlate: plate(i, 'vehiclePlate', e.vehiclePlate), readPlates: [...new Set(readPlates)] };
        if (e.justification !== undefined) item.justification = e.justification as { offenseType?: string; caseNumber?: string };
        if (e.maxWindowMinutes !== undefined) item.maxWindowMinutes = Number(e.maxWindowMinutes);
        out.push(item);
      } else if (kind === 'area_search_finds') {
        const point = e.point;
        if (!Array.isArray(point) || point.length !== 2 || !point.every((x) => typeof x === 'number' && Number.isFinite(x)) || Math.abs(point[0]) > 180 || Math.abs(point[1]) > 90) {
          say(i, 'point', 'must be [lon, lat] of the scene');
        }
        const at = typeof e.at === 'string' && /[zZ]|[+-]\d\d:?\d\d$/.test(e.at) ? Date.parse(e.at) : NaN;
        if (Number.isNaN(at)) say(i, 'at', 'must be the time of the incident, ISO 8601 with a zone');
        const vehicles = (Array.isArray(e.vehicles) ? e.vehicles : []).map((v: { plate?: unknown; readPlates?: unknown }, k: number) => {
          const readPlates = Array.isArray(v?.readPlates) ? v.readPlates.map((p, r) => plate(i, `vehicles[${k}].readPlates[${r}]`, p)) : [];
          if (readPlates.length === 0) say(i, `vehicles[${k}].readPlates`, 'must list the plate texts the cameras read for the vehicle');
          return { plate: plate(i, `vehicles[${k}].plate`, v?.plate), readPlates: [...new Set(readPlates)] };
        });
        if (vehicles.length === 0) say(i, 'vehicles', 'must list at least one vehicle: { plate, readPlates }');
        for (const f of ['maxRadiusMeters', 'maxWindowMinutes'] as const) if (!Number.isInteger(e[f]) || (e[f] as number) < 1) say(i, f, 'is required: a whole number above 0');
        const item: TrainingExpectation = {
          id,
          kind,
          description,
          ...debrief,
          point: point as [number, number],
          at,
          vehicles,
          maxRadiusMeters: Number(e.maxRadiusMeters),
          maxWindowMinutes: Number(e.maxWindowMinutes),
        };
        if (e.justification !== undefined) item.justification = e.justification as { offenseType?: string; caseNumber?: string };
        out.push(item);
      } else if (kind === 'hotlist_entry') {
        out.push({ id, kind, description, ...debrief, plate: plate(i, 'plate', e.plate) });
      }
    });
    if (problems.length > 0) {
      throw new AppError('validation_failed', problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: problems });
    }
    return out;
  }

  private async gather(run: TrainingRun, start: number, end: number): Promise<RunFacts> {
    const within = (t: number) => t >= start && t <= end;
    const expected = run.expected;
    const facts: RunFacts = { start, end, hits: [], searches: [], targets: {}, areaTargets: {}, entries: [], additions: [] };

    if (expected.some((e) => e.kind === 'hit_disposition')) facts.hits = await this.hitsDuring(run, start, end);

    const searchItems = expected.filter((e) => e.kind === 'search_finds' || e.kind === 'area_search_finds');
    if (searchItems.length > 0) {
      const readsOf = async (readPlates: string[]): Promise<PlateRead[]> => {
        const reads: PlateRead[] = [];
        for (const plate of readPlates) {
          const page = await this.d.reads.search({ plate: { kind: 'exact', plate }, limit: 1000 });
          reads.push(...page.items.filter((r) => within(r.receivedAt)));
        }
        return reads;
      };
      const targets = new Map<string, PlateRead[]>();
      for (const e of searchItems) {
        if (e.kind === 'search_finds') {
          const reads = await readsOf(e.readPlates);
          targets.set(e.id, reads);
          facts.targets[e.id] = reads.map((r) => r.id);
          continue;
        }
        const all: PlateRead[] = [];
        const area: AreaTarget[] = [];
        for (const v of e.vehicles) {
          for (const r of await readsOf(v.readPlates)) {
            all.push(r);
            area.push(r.cameraId === undefined ? { readId: r.id, vehiclePlate: v.plate } : { readId: r.id, vehiclePlate: v.plate, cameraId: r.cameraId });
          }
        }
        targets.set(e.id, all);
        facts.areaTargets[e.id] = area;
      }
      for (const rec of await this.auditDuring('reads.search', start, end)) {
        const query = (rec.query ?? {}) as AuditedQuery;
        const returned: Record<string, string[]> = {};
        if (rec.outcome === 'success') {
          for (const [itemId, reads] of targets) {
            const found: string[] = [];
            // a read that arrived after the search cannot have been in its results
            for (const r of reads) if (r.receivedAt <= rec.at && (await this.searchReturns(query, r))) found.push(r.id);
            returned[itemId] = found;
          }
        }
        const s: SearchFact = { auditId: rec.id, at: rec.at, outcome: rec.outcome, query, returned };
        if (rec.justification) s.justification = rec.justification;
        if (rec.resultCount !== undefined) s.resultCount = rec.resultCount;
        facts.searches.push(s);
      }
    }

    const entryItems = expected.filter((e) => e.kind === 'hotlist_entry');
    if (entryItems.length > 0) {
      const now = this.now();
      for (const e of entryItems) {
        for (const m of this.d.hotlists.match({ plate: e.plate }, now)) {
          if (m.entry.plate !== e.plate) continue;
          const entry = await this.d.hotlists.getEntry(m.entry.id);
          if (!entry || !within(entry.createdAt)) continue;
          const fact: EntryFact = { id: entry.id, plate: entry.plate, hotlistName: this.d.hotlists.find(entry.hotlistId)?.name ?? entry.hotlistId, createdAt: entry.createdAt, createdBy: entry.createdBy };
          facts.entries.push(fact);
        }
      }
      for (const rec of await this.auditDuring('hotlists.entries.add', start, end)) {
        const plates = (rec.details as { plates?: unknown } | undefined)?.plates;
        const a: AdditionFact = { auditId: rec.id, plates: Array.isArray(plates) ? plates.filter((p): p is string => typeof p === 'string') : [] };
        facts.additions.push(a);
      }
    }
    return facts;
  }

  /** Hits raised in `[start, end]` with the plate of the read behind each (a hit may have matched a candidate). */
  private async hitsDuring(run: TrainingRun, start: number, end: number): Promise<HitFact[]> {
    const entryPlates = new Set<string>();
    let anyEntry = false;
    for (const e of run.expected) {
      if (e.kind !== 'hit_disposition') continue;
      if (e.entryPlate === undefined) anyEntry = true;
      else entryPlates.add(e.entryPlate);
    }
    const hits: Hit[] = [];
    let cursor: string | undefined;
    outer: for (;;) {
      const page = await this.d.hits.list({ status: 'all', limit: PAGE, cursor });
      for (const h of page.items) {
        if (h.raisedAt < start) break outer; // newest first: the rest were raised before the run
        if (h.raisedAt <= end && (anyEntry || entryPlates.has(h.entryPlate))) hits.push(h);
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const plates = new Map<string, string>();
    for (let k = 0; k < hits.length; k += PAGE) {
      for (const r of await this.d.reads.getMany([...new Set(hits.slice(k, k + PAGE).map((h) => h.readId))])) plates.set(r.id, r.plate);
    }
    return hits.reverse().map((h) => {
      const fact: HitFact = { id: h.id, readPlate: plates.get(h.readId) ?? h.readPlate, entryPlate: h.entryPlate, hotlistName: h.hotlistName, status: h.status };
      if (h.verification) fact.verification = { disposition: h.verification.disposition, verifiedBy: h.verification.verifiedBy, verifiedAt: h.verification.verifiedAt };
      return fact;
    });
  }

  /** Audit records of `action` in `[start, end]`, oldest first. */
  private async auditDuring(action: string, start: number, end: number): Promise<AuditRecord[]> {
    const out: AuditRecord[] = [];
    let cursor: string | undefined;
    outer: for (;;) {
      const page = await this.d.audit.list({ action, limit: PAGE, cursor });
      for (const r of page.items) {
        if (r.at < start) break outer;
        if (r.at <= end) out.push(r);
      }
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    return out.reverse();
  }

  /**
   * Whether the audited search's result set held `read`: the same query, run again by the store
   * with its time window narrowed to the read's own instant. Narrowing only removes other reads,
   * so the store's own semantics (patterns, fuzzy, cameras, area) decide, not a copy of them.
   */
  private async searchReturns(q: AuditedQuery, read: PlateRead): Promise<boolean> {
    let plate: PlateFilter = { kind: 'any' };
    let area: SearchArea | undefined;
    try {
      if (q.plate?.trim()) {
        const p = parsePlateQuery(q.plate);
        plate = q.fuzzy && p.kind === 'exact' ? { kind: 'fuzzy', plate: p.plate } : p.kind === 'exact' ? p : { kind: 'pattern', pattern: p.pattern };
      }
      if (q.area !== undefined) area = validateArea(q.area);
    } catch (e) {
      if (e instanceof PlatePatternError || e instanceof GeoError) return false;
      throw e;
    }
    const from = q.from ? Date.parse(q.from) : -Infinity;
    const to = q.to ? Date.parse(q.to) : Infinity;
    const lo = Math.max(from, read.observedAt);
    const hi = Math.min(to, read.observedAt + 1);
    if (!(lo < hi)) return false;
    const cameraIds = q.cameraIds?.length ? q.cameraIds : undefined;
    const page = await this.d.reads.search({ plate, from: lo, to: hi, cameraIds, area, limit: 1000 });
    return page.items.some((r) => r.id === read.id);
  }
}

function alreadyFinished(run: TrainingRun): AppError {
  return new AppError('conflict', `training run ${run.id} already finished at ${new Date(run.finishedAt ?? 0).toISOString()}${run.finishedBy ? ` (by ${run.finishedBy})` : ''}`, {
    details: { finishedAt: run.finishedAt === undefined ? undefined : new Date(run.finishedAt).toISOString() },
  });
}
