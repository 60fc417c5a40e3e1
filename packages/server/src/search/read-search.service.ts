/**
 * Search of stored plate reads. Every search carries a justification (offense type and case
 * number), is refused without a usable one, and leaves an audit record (who, when, query with
 * its vehicle filter, justification, result count) before any result is returned.
 */
import { DEFAULT_JUSTIFICATION_POLICY, GeoError, PlatePatternError, VEHICLE_FILTER_MAX, findProhibitedPurpose, normalizeVehicleFilter, parsePlateQuery, validateArea, validateJustification } from '@openrtcc/domain';
import type { AuditSearchQuery, Justification, JustificationPolicy, Page, PlateRead, SearchArea, VehicleFilter } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { PlateFilter, ReadQuery, ReadStore } from '../store/store.types.ts';

/** A search as posted: the query the audit trail records (AuditSearchQuery), its vehicle filter, justification and page size. */
export interface ReadSearchInput extends AuditSearchQuery {
  /** Make, model, colour, body type as cameras describe the vehicle (case-insensitive; see `matchesVehicle`). */
  vehicle?: VehicleFilter;
  justification?: unknown;
  limit?: number;
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
  private readonly policy: JustificationPolicy;

  /** `policy`: the agency's offense list and prohibited purposes (config.justification). */
  constructor(reads: ReadStore, audit: AuditService, policy: JustificationPolicy = DEFAULT_JUSTIFICATION_POLICY) {
    this.reads = reads;
    this.audit = audit;
    this.policy = policy;
  }

  async search(input: ReadSearchInput, actor: SearchActor): Promise<Page<PlateRead>> {
    const query = { ...input, justification: undefined };
    const justification = await this.justify(input.justification, query, actor);
    const page = await this.reads.search(this.compile(input));
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

  /**
   * The justification, or a refusal that is audited first (outcome `denied`, `details.refusal`
   * saying why) and then thrown. A prohibited purpose is checked before the form, so it is
   * refused as such even when the justification is also incomplete.
   */
  private async justify(raw: unknown, query: unknown, actor: SearchActor): Promise<Justification> {
    const { offenseTypes, prohibitedPurposes } = this.policy;
    const j = validateJustification(raw, offenseTypes);
    const refuse = (details: Record<string, unknown>) =>
      this.audit.record({ actor: actor.name, from: actor.from, action: 'reads.search', outcome: 'denied', query, justification: j.ok ? j.value : undefined, details });
    const found = findProhibitedPurpose(raw, prohibitedPurposes, offenseTypes);
    if (found) {
      await refuse({ refusal: 'prohibited_purpose', rule: found.rule, field: found.field, phrase: found.phrase });
      throw new AppError(
        'prohibited_purpose',
        `this search is refused: its justification reveals a prohibited purpose, ${found.label} ("${found.phrase}" in ${found.field}). Plate data may not be searched for this purpose; the refusal is recorded in the audit trail.`,
        { details: found },
      );
    }
    if (!j.ok) {
      await refuse({ refusal: 'justification_required', problems: j.problems });
      throw new AppError('justification_required', `a search of plate data needs a justification: ${j.problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, {
        details: j.problems,
      });
    }
    return j.value;
  }

  /**
   * Checks everything of a search but its justification and turns it into a store query; the
   * sharing module uses it to answer a partner agency's search under its agreement's limits.
   */
  compile(input: ReadSearchInput): ReadQuery {
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
    const vehicle = vehicleFilter(input.vehicle);
    return { plate, from, to, cameraIds, area, limit, cursor: input.cursor, ...(vehicle ? { vehicle } : {}) };
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

/** The vehicle part of a search, blank fields dropped; each field a short text. */
function vehicleFilter(raw: VehicleFilter | undefined): VehicleFilter | undefined {
  const f = normalizeVehicleFilter(raw);
  for (const [field, v] of Object.entries(f ?? {})) {
    if (v.length > VEHICLE_FILTER_MAX) throw new AppError('validation_failed', `vehicle.${field} must be at most ${VEHICLE_FILTER_MAX} characters`, { details: { field: `vehicle.${field}` } });
  }
  return f;
}
