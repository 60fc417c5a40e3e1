/** Hotlist feeds: one jsonb document per list. */
import type { HotlistFeed, HotlistFeedStore } from '../store.types.ts';
import type { Db } from './pg.client.ts';

type Row = { body: HotlistFeed };

export function hotlistFeedRepository(db: Db): HotlistFeedStore {
  return {
    async put(feed) {
      await db.exec('INSERT INTO hotlist_feeds (hotlist_id, body) VALUES ($1, $2) ON CONFLICT (hotlist_id) DO UPDATE SET body = excluded.body', [feed.hotlistId, JSON.stringify(feed)]);
    },

    async get(hotlistId) {
      return (await db.rows<Row>('SELECT body FROM hotlist_feeds WHERE hotlist_id = $1', [hotlistId]))[0]?.body;
    },

    async list() {
      return (await db.rows<Row>('SELECT body FROM hotlist_feeds ORDER BY hotlist_id')).map((r) => r.body);
    },

    async delete(hotlistId) {
      return (await db.rows<{ hotlist_id: string }>('DELETE FROM hotlist_feeds WHERE hotlist_id = $1 RETURNING hotlist_id', [hotlistId])).length > 0;
    },
  };
}
