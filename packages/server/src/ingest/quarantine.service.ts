/**
 * Quarantine: every payload that could not be decoded is kept with its reason, viewable and
 * replayable, because some senders (OpenALPR's alprd) never retry.
 */
import { randomUUID } from 'node:crypto';
import type { Page } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { QuarantineItem, QuarantineReplay, QuarantineStore } from '../store/store.types.ts';

export interface QuarantineView extends Omit<QuarantineItem, 'receivedAt' | 'replay'> {
  receivedAt: string;
  /** `quarantined` until a replay decodes it, then `replayed` (kept for the record). */
  status: 'quarantined' | 'replayed';
  replay?: Omit<QuarantineReplay, 'at'> & { at: string };
}

export function quarantineView(q: QuarantineItem): QuarantineView {
  const { replay, ...rest } = q;
  const view: QuarantineView = { ...rest, receivedAt: new Date(q.receivedAt).toISOString(), status: replay?.outcome === 'replayed' ? 'replayed' : 'quarantined' };
  if (replay) view.replay = { ...replay, at: new Date(replay.at).toISOString() };
  return view;
}

export class QuarantineService {
  private readonly store: QuarantineStore;

  constructor(store: QuarantineStore) {
    this.store = store;
  }

  /** Keeps an undecodable payload; `query` is the request's query string (OsmAnd's fields), for a replay. */
  async put(input: { sourceSystem: string; sourceId?: string; route: string; contentType?: string; body: Buffer; receivedAt: number; reason: string; query?: string }): Promise<QuarantineItem> {
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
    if (input.query) item.query = input.query;
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
