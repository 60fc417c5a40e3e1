/** Hotlist feeds: one JSON document per list. */
import type { DatabaseSync } from 'node:sqlite';
import type { HotlistFeed, HotlistFeedStore } from '../store.types.ts';

export class SqliteHotlistFeedStore implements HotlistFeedStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async put(feed: HotlistFeed): Promise<void> {
    this.db.prepare('INSERT INTO hotlist_feeds (hotlist_id, body) VALUES (?, ?) ON CONFLICT (hotlist_id) DO UPDATE SET body = excluded.body').run(feed.hotlistId, JSON.stringify(feed));
  }

  async get(hotlistId: string): Promise<HotlistFeed | undefined> {
    const r = this.db.prepare('SELECT body FROM hotlist_feeds WHERE hotlist_id = ?').get(hotlistId) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(): Promise<HotlistFeed[]> {
    return (this.db.prepare('SELECT body FROM hotlist_feeds ORDER BY hotlist_id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }

  async delete(hotlistId: string): Promise<boolean> {
    return Number(this.db.prepare('DELETE FROM hotlist_feeds WHERE hotlist_id = ?').run(hotlistId).changes) > 0;
  }
}
