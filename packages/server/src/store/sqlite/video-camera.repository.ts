/**
 * Live-view cameras in the embedded store: the camera is one JSON document beside the columns a
 * list filters on (owner kind, active, position), so a map's bounding box is an index range.
 */
import type { DatabaseSync } from 'node:sqlite';
import type { VideoCamera } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { VideoCameraFilter, VideoCameraStore } from '../store.types.ts';
import { asStored } from '../same-json.ts';
import { byNameThenId } from '../video-camera-rules.ts';
import { transaction } from './database.ts';

const columns = (c: VideoCamera): (string | number)[] => [c.ownerKind, c.active ? 1 : 0, c.location[0], c.location[1], JSON.stringify(asStored(c))];

export class SqliteVideoCameraStore implements VideoCameraStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(camera: VideoCamera): Promise<void> {
    try {
      this.db.prepare('INSERT INTO video_cameras (id, owner_kind, active, lon, lat, body) VALUES (?, ?, ?, ?, ?, ?)').run(camera.id, ...columns(camera));
    } catch (e) {
      if (/UNIQUE constraint failed/.test(String((e as Error).message))) throw new AppError('conflict', `video camera ${camera.id} already exists`, { cause: e });
      throw e;
    }
  }

  async get(id: string): Promise<VideoCamera | undefined> {
    const r = this.db.prepare('SELECT body FROM video_cameras WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(filter: VideoCameraFilter): Promise<VideoCamera[]> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (!filter.includeInactive) where.push('active = 1');
    if (filter.ownerKind) {
      where.push('owner_kind = ?');
      args.push(filter.ownerKind);
    }
    if (filter.bbox) {
      where.push('lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?');
      args.push(filter.bbox[0], filter.bbox[2], filter.bbox[1], filter.bbox[3]);
    }
    const rows = this.db.prepare(`SELECT body FROM video_cameras ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`).all(...args) as { body: string }[];
    return rows.map((r) => JSON.parse(r.body) as VideoCamera).sort(byNameThenId);
  }

  async update(id: string, change: (current: VideoCamera) => VideoCamera): Promise<VideoCamera | undefined> {
    return transaction(this.db, () => {
      const r = this.db.prepare('SELECT body FROM video_cameras WHERE id = ?').get(id) as { body: string } | undefined;
      if (!r) return undefined;
      const next = asStored({ ...change(JSON.parse(r.body) as VideoCamera), id });
      this.db.prepare('UPDATE video_cameras SET owner_kind = ?, active = ?, lon = ?, lat = ?, body = ? WHERE id = ?').run(...columns(next), id);
      return next;
    });
  }
}
