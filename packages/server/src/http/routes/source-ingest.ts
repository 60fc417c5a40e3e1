/**
 * What the ingest routes of the cad and avl modules share with the reads' ingest routes: the body
 * as raw bytes, a key kept to the source family it was issued for, and the sending source's id.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.ts';
import type { RawPayload } from '../../ingest/decoder.types.ts';
import { quarantineWithoutFiles } from '../../ingest/multipart.ts';
import type { SourceService } from '../../sources/source.service.ts';

export function rawBody(req: FastifyRequest): Buffer {
  const b = req.body;
  return Buffer.isBuffer(b) ? b : Buffer.alloc(0);
}

/** Refuses a source key issued for another family; the admin token may post to any. */
export function checkFamily(req: FastifyRequest, ...families: string[]): void {
  const p = req.principal!;
  if (p.kind === 'source' && !families.includes(p.sourceKind ?? '')) {
    throw new AppError('forbidden', `this key was issued for ${p.sourceKind} sources; use /api/v1/ingest/${p.sourceKind} or a key for ${families.join(' or ')}`);
  }
}

export function sourceIdOf(req: FastifyRequest): string | undefined {
  return req.principal!.kind === 'source' ? req.principal!.id : undefined;
}

/**
 * The decoder's input for a vendor post: the raw body, its Content-Type, the sending source's
 * time zone (for formats whose times carry none), and a quarantine copy without image parts.
 */
export async function rawPayloadOf(req: FastifyRequest, sources: Pick<SourceService, 'timeZoneOf'>): Promise<RawPayload> {
  const body = rawBody(req);
  const contentType = req.headers['content-type'];
  const payload: RawPayload = { body, contentType, receivedAt: Date.now(), forQuarantine: quarantineWithoutFiles(body, contentType) };
  const timeZone = await sources.timeZoneOf(sourceIdOf(req));
  if (timeZone !== undefined) payload.timeZone = timeZone;
  return payload;
}

/** The request's query string without the `?`. */
export function queryString(req: FastifyRequest): string {
  const url = req.raw.url ?? '';
  const q = url.indexOf('?');
  return q < 0 ? '' : url.slice(q + 1);
}

export const KEY_QUERY = { type: 'object', properties: { key: { type: 'string', description: 'the ingest key, for senders that can only be given a URL' } } } as const;
