/**
 * Sends a search to a partner agency and checks its answer. The answer comes from outside: every
 * field is checked and a read missing what the console needs is dropped, never passed on.
 */
import type { FederatedReadView, LonLat } from '@openrtcc/domain';
import type { SharingAgreement } from '../store/store.types.ts';
import type { OutsideQuery } from './federation.wire.ts';

/** A partner that refused, failed or could not be reached; `code` is the partner's when it sent one. */
export class PartnerError extends Error {
  readonly code: string;

  constructor(code: string, message: string, options: { cause?: unknown } = {}) {
    super(message, options);
    this.name = 'PartnerError';
    this.code = code;
  }
}

/** Larger answers are refused: 1,000 reads take well under this. */
const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

export interface PartnerAnswer {
  agency: string;
  items: FederatedReadView[];
  truncated: boolean;
  windowFrom?: string;
}

/** Posts `query` to the partner of an inbound agreement and returns its checked answer. */
export async function queryPartner(a: SharingAgreement, query: OutsideQuery, timeoutMs: number): Promise<PartnerAnswer> {
  let res: Response;
  let text: string;
  try {
    res = await fetch(`${a.partnerUrl}/api/v1/federation/search`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.partnerKey}`, 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(query),
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const length = Number(res.headers.get('content-length') ?? 0);
    if (length > MAX_ANSWER_BYTES) throw new PartnerError('bad_answer', `${a.partnerAgency} answered with ${length} bytes; at most ${MAX_ANSWER_BYTES}`);
    text = await res.text();
  } catch (e) {
    if (e instanceof PartnerError) throw e;
    const timedOut = (e as Error).name === 'TimeoutError' || (e as Error).name === 'AbortError';
    throw new PartnerError(timedOut ? 'timeout' : 'unreachable', timedOut ? `${a.partnerAgency} did not answer within ${timeoutMs} ms` : `${a.partnerAgency} could not be reached at ${a.partnerUrl}`, { cause: e });
  }
  if (text.length > MAX_ANSWER_BYTES) throw new PartnerError('bad_answer', `${a.partnerAgency} answered with more than ${MAX_ANSWER_BYTES} bytes`);
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new PartnerError('bad_answer', `${a.partnerAgency} answered HTTP ${res.status} with something other than JSON`);
  }
  if (!res.ok) throw refusal(a, res.status, body);
  return checkAnswer(a, body);
}

function refusal(a: SharingAgreement, status: number, body: unknown): PartnerError {
  const err = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof err?.code === 'string' ? err.code.slice(0, 60) : `http_${status}`;
  const message = typeof err?.message === 'string' ? err.message.slice(0, 1000) : `HTTP ${status}`;
  return new PartnerError(code, `${a.partnerAgency} refused the search: ${message}`);
}

function checkAnswer(a: SharingAgreement, body: unknown): PartnerAnswer {
  const b = body as { agency?: unknown; items?: unknown; truncated?: unknown; windowFrom?: unknown } | null;
  if (typeof b !== 'object' || b === null || !Array.isArray(b.items)) throw new PartnerError('bad_answer', `${a.partnerAgency} answered without a list of reads`);
  // the agency on the reads is the one we made the agreement with, whatever the answer says
  const agency = a.partnerAgency;
  const items = b.items.slice(0, a.limits.maxResults).flatMap((x) => {
    const r = checkRead(x, agency, a.id);
    return r ? [r] : [];
  });
  const out: PartnerAnswer = { agency, items, truncated: b.truncated === true || items.length < b.items.length };
  if (typeof b.windowFrom === 'string' && !Number.isNaN(Date.parse(b.windowFrom))) out.windowFrom = new Date(Date.parse(b.windowFrom)).toISOString();
  return out;
}

const str = (v: unknown, max = 200): string | undefined => (typeof v === 'string' && v.length > 0 && v.length <= max ? v : undefined);
const time = (v: unknown): string | undefined => (typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(Date.parse(v)).toISOString() : undefined);

function lonLat(v: unknown): LonLat | undefined {
  if (!Array.isArray(v) || v.length !== 2) return undefined;
  const [lon, lat] = v as unknown[];
  if (typeof lon !== 'number' || typeof lat !== 'number' || Math.abs(lon) > 180 || Math.abs(lat) > 90) return undefined;
  return [lon, lat];
}

/** A partner's read with the fields we show, or undefined when it lacks what a read must have. */
function checkRead(x: unknown, agency: string, agreementId: string): FederatedReadView | undefined {
  const r = x as Record<string, unknown> | null;
  if (typeof r !== 'object' || r === null) return undefined;
  const id = str(r.id, 100);
  const plate = str(r.plate, 20);
  const observedAt = time(r.observedAt);
  const confidence = typeof r.confidence === 'number' && r.confidence >= 0 && r.confidence <= 1 ? r.confidence : undefined;
  if (!id || !plate || !observedAt || confidence === undefined) return undefined;
  const v: FederatedReadView = {
    id,
    plate,
    plateRaw: str(r.plateRaw, 40) ?? plate,
    confidence,
    observedAt,
    receivedAt: time(r.receivedAt) ?? observedAt,
    sourceSystem: str(r.sourceSystem, 100) ?? 'partner',
    sourceEventId: str(r.sourceEventId, 200) ?? id,
    agency,
    agreementId,
  };
  const state = str(r.state, 10);
  if (state) v.state = state;
  const location = lonLat(r.location);
  if (location) v.location = location;
  const cameraId = str(r.cameraId, 200);
  if (cameraId) v.cameraId = cameraId;
  const cameraName = str(r.cameraName, 200);
  if (cameraName) v.cameraName = cameraName;
  if (r.vehicle && typeof r.vehicle === 'object' && !Array.isArray(r.vehicle)) {
    const vh = r.vehicle as Record<string, unknown>;
    const vehicle = Object.fromEntries(['color', 'make', 'model', 'bodyType', 'year'].flatMap((k) => (str(vh[k], 60) ? [[k, vh[k]]] : [])));
    if (Object.keys(vehicle).length > 0) v.vehicle = vehicle;
  }
  return v;
}
