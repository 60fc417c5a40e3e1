/**
 * Decoder for the platform's own JSON read format (family 'rtcc'): one read object or an array of
 * them, for integrators, the simulator and bulk loaders.
 *
 * ```json
 * { "plate": "ABC123", "state": "MO", "confidence": 0.93, "observedAt": "2026-01-01T10:00:00Z",
 *   "cameraId": "cam-7", "sourceEventId": "evt-1", "candidates": [{ "plate": "ABC128", "confidence": 0.6 }],
 *   "vehicle": { "color": "blue", "make": "ford" }, "images": [{ "kind": "plate", "url": "https://…" }] }
 * ```
 */
import { createHash } from 'node:crypto';
import type { PlateReadInput } from '@openrtcc/domain';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { validateRead, type ValidRead } from './rtcc-read.schema.ts';

/** Reads accepted in one request; larger batches must be split so one commit stays short. */
export const MAX_READS_PER_REQUEST = 10_000;
/** Problems spelled out in one error message; the count of the rest is given. */
const MAX_LISTED_PROBLEMS = 100;

/**
 * Decodes one read or an array of reads. Any invalid read rejects the whole request, so a sender
 * never has to work out which half of a batch was stored.
 * @throws DecodeError listing every problem as `path: problem`, e.g. `[2].confidence: must be a number between 0 and 1`.
 */
export const rtccDecoder = {
  family: 'rtcc',
  decode(payload: RawPayload): DecodeResult {
    const value = parseJsonBody(payload, { exactBigIntegers: false });
    const items = Array.isArray(value) ? value : [value];
    if (Array.isArray(value) && value.length === 0) return { reads: [], heartbeats: [], alerts: [], ignored: 'empty array' };
    if (items.length > MAX_READS_PER_REQUEST) {
      throw new DecodeError(`too many reads: ${items.length} (at most ${MAX_READS_PER_REQUEST} per request)`);
    }
    const problems: string[] = [];
    const valid: ValidRead[] = [];
    items.forEach((item, i) => {
      const read = validateRead(item, Array.isArray(value) ? `[${i}]` : '', problems);
      if (read !== undefined) valid.push(read);
    });
    if (problems.length > 0) throw new DecodeError(describeProblems(problems), { details: problems.map(asDetail) });
    return { reads: valid.map(withEventId), heartbeats: [], alerts: [] };
  },
} satisfies Decoder;

function describeProblems(problems: string[]): string {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS).join('; ');
  const rest = problems.length - MAX_LISTED_PROBLEMS;
  const noun = problems.length === 1 ? 'problem' : 'problems';
  return `invalid rtcc read payload, ${problems.length} ${noun}: ${listed}${rest > 0 ? `; … and ${rest} more` : ''}`;
}

/** `[2].confidence: must be …` → `{ field: '[2].confidence', message: 'must be …' }`. */
function asDetail(problem: string): { field: string; message: string } {
  const i = problem.indexOf(': ');
  return i > 0 ? { field: problem.slice(0, i), message: problem.slice(i + 2) } : { field: '', message: problem };
}

function withEventId(read: ValidRead): PlateReadInput {
  const out: PlateReadInput = { ...read, sourceEventId: read.sourceEventId ?? derivedEventId(read) };
  if (read.location !== undefined) out.locationSource = 'device';
  return out;
}

/**
 * A sender that gives no `sourceEventId` still gets idempotent retries: the id is a hash of what
 * makes the read the same event (normalized plate, instant, camera or position). The instant is in
 * ms, so "…T10:00:00Z" and the same moment as epoch ms or with an offset give the same id.
 */
export function derivedEventId(read: Pick<ValidRead, 'plate' | 'observedAt' | 'cameraId' | 'location'>): string {
  const where = read.cameraId !== undefined ? `camera:${read.cameraId}` : `location:${read.location?.join(',')}`;
  const digest = createHash('sha256').update(`${read.plate}\n${read.observedAt}\n${where}`).digest('hex');
  return `sha256:${digest.slice(0, 32)}`;
}
