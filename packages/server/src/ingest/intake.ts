/**
 * The first stage for dispatch, unit-location and sensor sources: decode, or keep the payload in
 * quarantine with the reason (these senders do not read error answers, and a CAD bridge or a
 * phone that is refused would resend the same bytes forever). Source health records both.
 */
import { DecodeError, type RawPayload } from './decoder.types.ts';
import type { QuarantineService } from './quarantine.service.ts';
import type { SourceHealth } from './source-health.ts';

export interface IntakeContext {
  route: string;
  sourceId?: string;
}

export type Intake<T> = { ok: true; value: T } | { ok: false; quarantined: { id: string; reason: string } };

export interface IntakeDeps {
  quarantine: QuarantineService;
  health: SourceHealth;
}

/**
 * Runs `decode`; a DecodeError (or any decoder failure) puts the payload in quarantine.
 * @example const r = await decodeOrQuarantine(deps, 'eido', payload, { route }, () => eidoDecoder.decode(payload));
 */
export async function decodeOrQuarantine<T>(deps: IntakeDeps, family: string, payload: RawPayload, ctx: IntakeContext, decode: () => T): Promise<Intake<T>> {
  try {
    return { ok: true, value: decode() };
  } catch (e) {
    const reason = e instanceof DecodeError ? e.message : `decoder failed: ${(e as Error).message}`;
    // a GET sender's fields are in the query string (OsmAnd): kept for a replay, without its key
    const query = withoutKey((payload as { query?: string }).query);
    const item = await deps.quarantine.put({
      sourceSystem: family,
      sourceId: ctx.sourceId,
      route: ctx.route,
      contentType: payload.contentType,
      body: payload.body,
      receivedAt: payload.receivedAt,
      reason,
      ...(query ? { query } : {}),
    });
    deps.health.sawError(ctx.sourceId, family, reason, payload.receivedAt);
    return { ok: false, quarantined: { id: item.id, reason } };
  }
}

/** A query string without the ingest key a sender may put in it: quarantine readers must not see keys. */
function withoutKey(query: string | undefined): string | undefined {
  if (!query) return undefined;
  const params = new URLSearchParams(query);
  params.delete('key');
  const rest = params.toString();
  return rest === '' ? undefined : rest;
}
