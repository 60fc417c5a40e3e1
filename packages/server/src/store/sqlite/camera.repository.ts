import type { DatabaseSync } from 'node:sqlite';
import type { Camera } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { CameraStore } from '../store.types.ts';

export class SqliteCameraStore implements CameraStore {
  private readonly db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.db = db;
  }

  async create(camera: Camera): Promise<Camera> {
    this.db.prepare('INSERT INTO cameras (id, created_at, body) VALUES (?, ?, ?)').run(camera.id, camera.createdAt, JSON.stringify(camera));
    return camera;
  }

  async update(camera: Camera): Promise<Camera> {
    const r = this.db.prepare('UPDATE cameras SET body = ? WHERE id = ?').run(JSON.stringify(camera), camera.id);
    if (Number(r.changes) === 0) throw new AppError('not_found_or_forbidden', `camera ${camera.id} not found`);
    return camera;
  }

  async get(id: string): Promise<Camera | undefined> {
    const r = this.db.prepare('SELECT body FROM cameras WHERE id = ?').get(id) as { body: string } | undefined;
    return r ? JSON.parse(r.body) : undefined;
  }

  async list(): Promise<Camera[]> {
    return (this.db.prepare('SELECT body FROM cameras ORDER BY created_at, id').all() as { body: string }[]).map((r) => JSON.parse(r.body));
  }
}
