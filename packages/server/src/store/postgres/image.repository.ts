/**
 * Read images in PostgreSQL: one `read_images` row per image (bytea), shared by every node, so
 * whichever node took the read, any node serves its image. Keyed by the content-addressed ref
 * (day + hash), so a retried event's image is one row; `observed_at` is the latest observation
 * that referenced it, indexed, so retention deletes by range.
 */
import type { ImageStore, ReadStore } from '../store.types.ts';
import { imageRef, parseImageRef, refsOfReads } from '../image-ref.ts';
import { num } from './column.codec.ts';
import type { Db } from './pg.client.ts';

/** The ImageStore over a migrated schema; `reads` gives retention the refs of the reads it keeps. */
export function imageRepository(db: Db, reads: Pick<ReadStore, 'getMany'>): ImageStore {
  return {
    async put(image) {
      const ref = imageRef(image.bytes, image.contentType, image.observedAt);
      // committed when the statement returns (autocommit): durable before the read is acknowledged
      await db.exec(
        `INSERT INTO read_images (ref, observed_at, content_type, bytes, data) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (ref) DO UPDATE SET observed_at = GREATEST(read_images.observed_at, EXCLUDED.observed_at)
         WHERE read_images.observed_at < EXCLUDED.observed_at`,
        [ref, Math.round(image.observedAt), image.contentType, image.bytes.length, image.bytes],
      );
      return ref;
    },

    async get(ref) {
      const parsed = parseImageRef(ref);
      if (!parsed) return undefined;
      const rows = await db.rows<{ data: Buffer }>('SELECT data FROM read_images WHERE ref = $1', [ref]);
      return rows[0] ? { bytes: rows[0].data, contentType: parsed.contentType } : undefined;
    },

    async deleteBefore(before, keepReadIds) {
      const keep = await refsOfReads((ids) => reads.getMany(ids), keepReadIds);
      return db.exec('DELETE FROM read_images WHERE observed_at < $1 AND NOT (ref = ANY($2::text[]))', [Math.round(before), [...keep]]);
    },

    async count() {
      const rows = await db.rows<{ n: string }>('SELECT count(*) AS n FROM read_images');
      return num(rows[0].n);
    },
  };
}
