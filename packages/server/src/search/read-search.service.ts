/**
 * Search of stored plate reads. Every search carries a justification (offense type and case
 * number), is refused without a usable one, and leaves an audit record (who, when, query,
 * justification, result count) before any result is returned.
 */
import { GeoError, PlatePatternError, parsePlateQuery, validateArea, validateJustification } from '@openrtcc/domain';
import type { Justification, Page, PlateRead, SearchArea } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { PlateFilter, ReadStore } from '../store/store.types.ts';

export interface ReadSearchInput {
  plate?: string;
  fuzzy?: boolean;
  from?: string;
  to?: string;
  cameraIds?: string[];
  area?: unknown;
  justification?: unknown;
  limit?: number;
  cursor?: string;
}

export interface SearchActor {
  name: string;
  from?: string;
}

const MAX_LIMIT = 1000;

function parseTime(field: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (!/[zZ]|[+-]\d\d:?\d\d$/.test(v) || Number.isNaN(t)) {
    throw new AppError('validation_failed', `${field} must be an ISO 8601 time with a zone, e.g. 2026-11-24T10:00:00Z`, { details: { field } });
  }
  return t;
}

export class ReadSearchService {
  private readonly reads: ReadStore;
  private readonly audit: AuditService;

  constructor(reads: ReadStore, audit: AuditService) {
    this.reads = reads;
    this.audit = audit;
  }

  async search(input: ReadSearchInput, actor: SearchActor): Promise<Page<PlateRead>> {
    const j = validateJustification(input.justification);
    const query = { ...input, justification: undefined };
    if (!j.ok) {
      await this.audit.record({ actor: actor.name, from: actor.from, action: 'reads.search', outcome: 'denied', query, details: { problems: j.problems } });
      throw new AppError('justification_required', `a search of plate data needs a justification: ${j.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
        details: j.problems,
      });
    }
    const justification: Justification = j.value;
    const plate = this.plateFilter(input);
    const from = parseTime('from', input.from);
    const to = parseTime('to', input.to);
    if (from !== undefined && to !== undefined && from >= to) throw new AppError('validation_failed', 'from must be before to');
    let area: SearchArea | undefined;
    if (input.area !== undefined) {
      try {
        area = validateArea(input.area);
      } catch (e) {
        if (e instanceof GeoError) throw new AppError('validation_failed', `area ${e.message}`, { details: { field: `area.${e.field}` } });
        throw e;
      }
    }
    const cameraIds = input.cameraIds?.length ? input.cameraIds : undefined;
    if (plate.kind === 'any' && !cameraIds && !area) {
      throw new AppError('validation_failed', 'a search needs a plate, cameras or an area; a time window alone would return every read');
    }
    const limit = input.limit ?? 100;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new AppError('validation_failed', `limit must be 1 to ${MAX_LIMIT}`);
    const page = await this.reads.search({ plate, from, to, cameraIds, area, limit, cursor: input.cursor });
    await this.audit.record({
      actor: actor.name,
      from: actor.from,
      action: 'reads.search',
      outcome: 'success',
      justification,
      query,
      resultCount: page.total,
    });
    return page;
  }

  private plateFilter(input: ReadSearchInput): PlateFilter {
    if (input.plate === undefined || input.plate.trim() === '') {
      if (input.fuzzy) throw new AppError('validation_failed', 'fuzzy needs a plate');
      return { kind: 'any' };
    }
    let q;
    try {
      q = parsePlateQuery(input.plate);
    } catch (e) {
      if (e instanceof PlatePatternError) throw new AppError('validation_failed', `plate: ${e.message}`, { details: { field: 'plate' } });
      throw e;
    }
    if (input.fuzzy) {
      if (q.kind !== 'exact') throw new AppError('validation_failed', 'fuzzy search takes a whole plate, without ? or *');
      return { kind: 'fuzzy', plate: q.plate };
    }
    return q.kind === 'exact' ? { kind: 'exact', plate: q.plate } : { kind: 'pattern', pattern: q.pattern };
  }
}
