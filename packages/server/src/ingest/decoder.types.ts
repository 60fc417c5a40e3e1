/**
 * The contract every ingest decoder fulfils: raw bytes from one source family in, normalized
 * events out. Decoders are pure (no I/O); the pipeline stores, matches and publishes.
 */
import type { PlateReadInput } from '@openrtcc/domain';

export interface RawPayload {
  /** The body exactly as received. */
  body: Buffer;
  /** The Content-Type header as sent (senders lie: alprd posts JSON as form-urlencoded). */
  contentType?: string;
  /** When the platform received it, epoch ms. */
  receivedAt: number;
  /**
   * The sending source's IANA time zone (Source.timeZone), for formats whose times carry no
   * zone (Genetec's split date and time); undefined when the source has none configured.
   */
  timeZone?: string;
  /**
   * What to keep in quarantine when the body cannot be decoded, if not the body itself: a
   * multipart body without its file parts, so that quarantine never holds an image. Only
   * called on the failure path.
   */
  forQuarantine?: () => Promise<Buffer>;
}

/** A camera or agent reporting it is alive (OpenALPR heartbeat). */
export interface SourceHeartbeat {
  sourceSystem: string;
  agentId: string;
  at: number;
  cameras: { sourceCameraKey: string; name?: string; isStreaming?: boolean; location?: [number, number] }[];
  details?: Record<string, unknown>;
}

/** A vendor-side hotlist alert (e.g. OpenALPR `alpr_alert`): kept as the read it contains. */
export interface SourceAlert {
  sourceSystem: string;
  listName?: string;
  description?: string;
  plate: string;
}

export interface DecodeResult {
  reads: PlateReadInput[];
  heartbeats: SourceHeartbeat[];
  alerts: SourceAlert[];
  /** Payload understood but carries nothing to store (e.g. a `vehicle` event with no plate, a preview group). */
  ignored?: string;
}

/** Thrown by a decoder when the payload cannot be understood; the pipeline quarantines it. */
export class DecodeError extends Error {
  /** Per-field problems (`{ field, message }`), shown to senders of the platform's own format. */
  readonly details?: { field: string; message: string }[];

  constructor(message: string, options?: { cause?: unknown; details?: { field: string; message: string }[] }) {
    super(message, options);
    this.name = 'DecodeError';
    if (options?.details) this.details = options.details;
  }
}

/**
 * A decoder for one source family. `sourceSystem` becomes part of the idempotency key:
 * (sourceSystem, sourceEventId) must be stable across retries of the same event.
 */
export interface Decoder {
  /** 'openalpr', 'rtcc', … */
  readonly family: string;
  /** Synchronous for most formats; a multipart body is read with a stream parser, so it may be async. */
  decode(payload: RawPayload): DecodeResult | Promise<DecodeResult>;
}
