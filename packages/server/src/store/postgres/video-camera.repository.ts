/**
 * Live-view cameras in PostgreSQL: one jsonb document beside the columns a list filters on
 * (owner kind, active, position). An update locks the row while it is changed.
 */
import type { VideoCamera } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { VideoCameraStore } from '../store.types.ts';
import { asStored } from '../same-json.ts';
import { byNameThenId } from '../video-camera-rules.ts';
import type { Db } from './pg.client.ts';

const columns = (c: VideoCamera): unknown[] => [c.ownerKind, c.active, c.location[0], c.location[1], JSON.stringify(asStored(c))];

/** The VideoCameraStore over a migrated schema. */
export function videoCameraRepository(db: Db): VideoCameraStore {
  return {
    async create(camera) {
      try {
        await db.exec('INSERT INTO video_cameras (id, owner_kind, active, lon, lat, body) VALUES ($1, $2, $3, $4, $5, $6)', [camera.id, ...columns(camera)]);
      } catch (e) {
        if (e instanceof AppError && e.code === 'conflict') throw new AppError('conflict', `video camera ${camera.id} already exists`, { cause: e });
        throw e;
      }
    },

    async get(id) {
      return (await db.rows<{ body: VideoCamera }>('SELECT body FROM video_cameras WHERE id = $1', [id]))[0]?.body;
    },

    async list(filter) {
      const where: string[] = [];
      const args: unknown[] = [];
      if (!filter.includeInactive) where.push('active');
      if (filter.ownerKind) {
        args.push(filter.ownerKind);
        where.push(`owner_kind = $${args.length}`);
      }
      if (filter.bbox) {
        args.push(filter.bbox[0], filter.bbox[2], filter.bbox[1], filter.bbox[3]);
        const n = args.length;
        where.push(`lon BETWEEN $${n - 3} AND $${n - 2} AND lat BETWEEN $${n - 1} AND $${n}`);
      }
      const rows = await db.rows<{ body: VideoCamera }>(`SELECT body FROM video_cameras ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, args);
      return rows.map((r) => r.body).sort(byNameThenId);
    },

    async update(id, change) {
      return db.tx(async (sql) => {
        const current = (await sql.rows<{ body: VideoCamera }>('SELECT body FROM video_cameras WHERE id = $1 FOR UPDATE', [id]))[0]?.body;
        if (!current) return undefined;
        const next = asStored({ ...change(current), id });
        await sql.exec('UPDATE video_cameras SET owner_kind = $2, active = $3, lon = $4, lat = $5, body = $6 WHERE id = $1', [id, ...columns(next)]);
        return next;
      });
    },
  };
}
