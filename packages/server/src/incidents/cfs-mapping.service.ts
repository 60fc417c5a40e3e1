/**
 * Saved column mappings for calls-for-service imports, beside the built-in presets. Every change
 * is audited: a mapping decides which incidents a file creates and where their times fall.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { CfsMappingStore } from '../store/store.types.ts';
import { CFS_PRESETS, validateMapping, type CfsMapping, type CfsMappingInput } from './cfs-mapping.ts';

/** Who is acting, for the audit trail. */
export interface CfsActor {
  name: string;
  from?: string;
}

export class CfsMappingService {
  private readonly store: CfsMappingStore;
  private readonly audit: AuditService;

  constructor(store: CfsMappingStore, audit: AuditService) {
    this.store = store;
    this.audit = audit;
  }

  /** The presets first, then the saved mappings by name. */
  async list(): Promise<CfsMapping[]> {
    return [...CFS_PRESETS, ...(await this.store.list())];
  }

  async get(id: string): Promise<CfsMapping> {
    const m = CFS_PRESETS.find((p) => p.id === id) ?? (await this.store.get(id));
    if (!m) throw new AppError('not_found_or_forbidden', `mapping ${id} not found`);
    return m;
  }

  async create(input: CfsMappingInput, by: CfsActor): Promise<CfsMapping> {
    const now = Date.now();
    const mapping: CfsMapping = { id: randomUUID(), ...validateMapping(input), createdAt: now, updatedAt: now, createdBy: by.name };
    await this.store.create(mapping);
    await this.record(by, 'cfs.mapping.create', mapping);
    return mapping;
  }

  async update(id: string, input: CfsMappingInput, by: CfsActor): Promise<CfsMapping> {
    const current = await this.editable(id);
    const mapping: CfsMapping = { ...current, ...validateMapping(input), updatedAt: Date.now() };
    await this.store.update(mapping);
    await this.record(by, 'cfs.mapping.update', mapping);
    return mapping;
  }

  async delete(id: string, by: CfsActor): Promise<void> {
    const current = await this.editable(id);
    if (!(await this.store.delete(id))) throw new AppError('not_found_or_forbidden', `mapping ${id} not found`);
    await this.record(by, 'cfs.mapping.delete', current);
  }

  private async editable(id: string): Promise<CfsMapping> {
    if (CFS_PRESETS.some((p) => p.id === id)) throw new AppError('conflict', `${id} is a built-in preset; save a copy to change it`);
    const m = await this.store.get(id);
    if (!m) throw new AppError('not_found_or_forbidden', `mapping ${id} not found`);
    return m;
  }

  private async record(by: CfsActor, action: string, m: CfsMapping): Promise<void> {
    await this.audit.record({ actor: by.name, from: by.from, action, outcome: 'success', details: { mappingId: m.id, name: m.name, sourceSystem: m.sourceSystem, timeZone: m.timeZone } });
  }
}
