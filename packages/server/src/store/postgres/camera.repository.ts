/**
 * The camera registry. Small and read whole at start by the ingest pipeline, so no paging.
 */
import type { Camera } from '@openrtcc/domain';
import { AppError } from '../../errors.ts';
import type { CameraStore } from '../store.types.ts';
import { num, requireMs, setIf } from './column.codec.ts';
import type { Db } from './pg.client.ts';

interface CameraRow {
  id: string;
  name: string;
  lon: number | null;
  lat: number | null;
  heading: number | null;
  time_zone: string;
  source_keys: string[];
  created_at: string;
}

function toCamera(r: CameraRow): Camera {
  const c: Camera = {
    id: r.id,
    name: r.name,
    timeZone: r.time_zone,
    sourceKeys: r.source_keys,
    createdAt: num(r.created_at),
  };
  if (r.lon !== null && r.lat !== null) c.location = [r.lon, r.lat];
  setIf(c, 'heading', r.heading);
  return c;
}

const params = (c: Camera): unknown[] => [
  c.id,
  c.name,
  c.location ? c.location[0] : null,
  c.location ? c.location[1] : null,
  c.heading ?? null,
  c.timeZone,
  c.sourceKeys,
  requireMs(c.createdAt, 'createdAt'),
];

/** The CameraStore over a migrated schema. */
export function cameraRepository(db: Db): CameraStore {
  return {
    async create(camera) {
      const rows = await db.rows<CameraRow>(
        `INSERT INTO cameras (id, name, lon, lat, heading, time_zone, source_keys, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
        params(camera),
      );
      return toCamera(rows[0]);
    },

    async update(camera) {
      const rows = await db.rows<CameraRow>(
        `UPDATE cameras SET name = $2, lon = $3, lat = $4, heading = $5, time_zone = $6, source_keys = $7,
                created_at = $8
          WHERE id = $1 RETURNING *`,
        params(camera),
      );
      if (!rows[0]) throw new AppError('not_found_or_forbidden', `camera ${camera.id} not found`);
      return toCamera(rows[0]);
    },

    async get(id) {
      const rows = await db.rows<CameraRow>('SELECT * FROM cameras WHERE id = $1', [id]);
      return rows[0] ? toCamera(rows[0]) : undefined;
    },

    async list() {
      const rows = await db.rows<CameraRow>('SELECT * FROM cameras ORDER BY name, id');
      return rows.map(toCamera);
    },
  };
}
