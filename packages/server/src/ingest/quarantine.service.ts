/**
 * Quarantine: every payload that could not be decoded is kept with its reason, viewable and
 * replayable, because some senders (OpenALPR's alprd) never retry.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { QuarantineItem, QuarantineStore } from '../store/store.types.ts';

export interface QuarantineView extends Omit<QuarantineItem, 'receivedAt'> {
  receivedAt: string;
}

export const quarantineView = (q: QuarantineItem): QuarantineView => ({ ...q, receivedAt: new Date(q.receivedAt).toISOString() });

export class QuarantineService {
  private readonly store: QuarantineStore;

  constructor(store: QuarantineStore) {
    this.store = store;
  }

  async put(input: { sourceSystem: string; sourceId?: string; route: string; contentType?: string; body: Buffer; receivedAt: number; reason: string }): Promise<QuarantineItem> {
    const text = input.body.toString('utf8');
    const utf8 = Buffer.from(text, 'utf8').equals(input.body);
    const item: QuarantineItem = {
      id: randomUUID(),
      sourceSystem: input.sourceSystem,
      sourceId: input.sourceId,
      route: input.route,
      contentType: input.contentType,
      receivedAt: input.receivedAt,
      reason: input.reason,
      body: utf8 ? text : input.body.toString('base64'),
      bodyEncoding: utf8 ? 'utf8' : 'base64',
    };
    await this.store.insert(item);
    return item;
  }

  list(opts: { limit: number; cursor?: string }): Promise<Page<QuarantineItem>> {
    return this.store.list(opts);
  }

  async get(id: string): Promise<QuarantineItem> {
    const q = await this.store.get(id);
    if (!q) throw new AppError('not_found_or_forbidden', `quarantine item ${id} not found`);
    return q;
  }
}
