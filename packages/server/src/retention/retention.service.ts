/**
 * Retention: the policy (days per data type), legal holds, and the job that deletes what has
 * expired, type by type, recording each run and auditing every change. Runs and hold placement
 * are serialized in this process, so a hold placed while a run is going waits for it and is
 * then honoured by every later run.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { LegalHold, RetentionRun, Store, StoredRetentionPolicy } from '../store/store.types.ts';
import { checkHold, heldSelection, type HoldInput } from './hold-rules.ts';
import {
  AUDIT_MINIMUM_DAYS,
  DATA_TYPES,
  DATA_TYPE_LABELS,
  DEFAULT_PRESET,
  PRESETS,
  effectiveDays,
  findPreset,
  validatePolicy,
  type DataType,
  type Days,
  type RetentionDays,
} from './retention-policy.ts';
import { deleteExpired, type ImageDeleter } from './retention.steps.ts';

/** Who asks, for audit records. */
export interface RetentionActor {
  name: string;
  from?: string;
}

/** The policy as the API shows it. */
export interface PolicyState {
  preset: string;
  overrides: Partial<Record<DataType, Days>>;
  days: RetentionDays;
  updatedAt?: number;
  updatedBy?: string;
}

export interface RetentionDeps {
  store: Store;
  audit: AuditService;
  /** The read image store, when this server has one (resolved at run time). */
  images?: () => ImageDeleter | undefined;
  now?: () => number;
}

/** Labels of everything retention reports on: the data types and the read images. */
const REPORTED = [...DATA_TYPES, 'readImages'] as const;

export class RetentionService {
  private readonly deps: RetentionDeps;
  private readonly now: () => number;
  private tail: Promise<unknown> = Promise.resolve();
  private running = false;

  constructor(deps: RetentionDeps) {
    this.deps = deps;
    this.now = deps.now ?? Date.now;
  }

  /** The policy in force (the standard preset until an admin chooses one). */
  async policy(): Promise<PolicyState> {
    const stored = await this.deps.store.retention.getPolicy();
    const preset = stored && findPreset(stored.preset) ? stored.preset : DEFAULT_PRESET;
    const overrides = (stored?.overrides ?? {}) as Partial<Record<DataType, Days>>;
    const state: PolicyState = { preset, overrides, days: effectiveDays(preset, overrides) };
    if (stored) {
      state.updatedAt = stored.updatedAt;
      state.updatedBy = stored.updatedBy;
    }
    return state;
  }

  /** The presets an admin can pick from. */
  presets() {
    return PRESETS;
  }

  /** Replaces the policy after checking it; the change is audited with the policy before and after. */
  async setPolicy(input: { preset?: unknown; overrides?: unknown }, actor: RetentionActor): Promise<PolicyState> {
    const overrides = input.overrides ?? {};
    const problems = validatePolicy(input.preset, overrides);
    if (problems.length > 0) {
      throw new AppError('validation_failed', problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: problems });
    }
    const before = await this.policy();
    const next: StoredRetentionPolicy = { preset: input.preset as string, overrides: overrides as Record<string, Days>, updatedAt: this.now(), updatedBy: actor.name };
    await this.deps.store.retention.savePolicy(next);
    const after = await this.policy();
    await this.deps.audit.record({
      actor: actor.name,
      from: actor.from,
      action: 'retention.policy.changed',
      outcome: 'success',
      details: { before: { preset: before.preset, overrides: before.overrides, days: before.days }, after: { preset: after.preset, overrides: after.overrides, days: after.days } },
    });
    return after;
  }

  /**
   * For the public transparency page: every data type with its label and days (null: kept
   * until the policy changes), and the audit trail, which retention never deletes.
   */
  async policyView(): Promise<{ dataType: string; label: string; days: number | null }[]> {
    const { days } = await this.policy();
    return [
      ...DATA_TYPES.map((t) => ({ dataType: t, label: DATA_TYPE_LABELS[t], days: days[t] })),
      { dataType: 'audit', label: `Audit records (never deleted by retention; kept at least ${AUDIT_MINIMUM_DAYS} days as the CJIS Security Policy requires)`, days: null },
    ];
  }

  /** For the public transparency page: how many records of each type retention deleted since `since`. */
  async deletionTotals(since: number): Promise<{ dataType: string; deleted: number }[]> {
    const runs = await this.deps.store.retention.listRuns({ since, limit: 100_000 });
    return REPORTED.map((t) => ({ dataType: t, deleted: runs.reduce((n, r) => n + (r.deleted[t] ?? 0), 0) }));
  }

  async listHolds(opts: { active: boolean }): Promise<LegalHold[]> {
    return this.deps.store.retention.listHolds(opts);
  }

  /** Places a legal hold (audited); waits for a run in progress, so the hold applies from the next one. */
  async placeHold(input: HoldInput, actor: RetentionActor): Promise<LegalHold> {
    const checked = checkHold(input);
    if (!checked.ok) {
      throw new AppError('validation_failed', checked.problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: checked.problems });
    }
    return this.exclusive(async () => {
      const hold: LegalHold = { id: randomUUID(), ...checked.value, placedAt: this.now(), placedBy: actor.name };
      await this.deps.store.retention.createHold(hold);
      await this.deps.audit.record({ actor: actor.name, from: actor.from, action: 'retention.hold.placed', outcome: 'success', details: { hold } });
      return hold;
    });
  }

  /** Releases an active hold (audited); its data is deleted by the next run if it has expired. */
  async releaseHold(id: string, reason: string | undefined, actor: RetentionActor): Promise<LegalHold> {
    const release: { releasedAt: number; releasedBy: string; releaseReason?: string } = { releasedAt: this.now(), releasedBy: actor.name };
    if (reason) release.releaseReason = reason;
    const hold = await this.deps.store.retention.releaseHold(id, release);
    if (!hold) throw new AppError('not_found_or_forbidden', `no active legal hold ${id}`);
    await this.deps.audit.record({
      actor: actor.name,
      from: actor.from,
      action: 'retention.hold.released',
      outcome: 'success',
      details: { holdId: id, caseNumber: hold.caseNumber, releaseReason: reason },
    });
    return hold;
  }

  async listRuns(limit: number): Promise<RetentionRun[]> {
    return this.deps.store.retention.listRuns({ limit });
  }

  /** True while a run is going in this process. */
  get isRunning(): boolean {
    return this.running;
  }

  /**
   * Deletes what has expired under the policy, honouring active holds; records the run (with
   * per-type counts) and audits it. A second run while one is going is a `conflict`.
   */
  async run(trigger: RetentionRun['trigger'], actor: RetentionActor): Promise<RetentionRun> {
    if (this.running) throw new AppError('conflict', 'a retention run is already in progress');
    this.running = true;
    try {
      return await this.exclusive(() => this.runNow(trigger, actor));
    } finally {
      this.running = false;
    }
  }

  private async runNow(trigger: RetentionRun['trigger'], actor: RetentionActor): Promise<RetentionRun> {
    const { store } = this.deps;
    const now = this.now();
    const run: RetentionRun = { id: randomUUID(), trigger, startedBy: actor.name, startedAt: now, status: 'running', deleted: {}, cutoffs: {} };
    await store.retention.saveRun(run);
    let errors: string[];
    let activeHolds = 0;
    try {
      const { days } = await this.policy();
      const holds = await store.retention.listHolds({ active: true });
      activeHolds = holds.length;
      errors = await deleteExpired({ store, images: this.deps.images?.(), days, held: heldSelection(holds), now, run });
    } catch (e) {
      // without the policy or the holds nothing may be deleted; the run is recorded as failed
      errors = [`policy and holds: ${e instanceof Error ? e.message : String(e)}`];
    }
    run.finishedAt = this.now();
    run.status = errors.length === 0 ? 'succeeded' : 'failed';
    if (errors.length > 0) run.error = errors.join('; ');
    await store.retention.saveRun(run);
    await this.deps.audit.record({
      actor: actor.name,
      from: actor.from,
      action: 'retention.run',
      outcome: errors.length === 0 ? 'success' : 'failed',
      resultCount: Object.values(run.deleted).reduce((a, b) => a + b, 0),
      details: { runId: run.id, trigger, deleted: run.deleted, cutoffs: run.cutoffs, activeHolds, error: run.error },
    });
    return run;
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.tail.then(fn);
    this.tail = next.catch(() => undefined);
    return next;
  }
}
