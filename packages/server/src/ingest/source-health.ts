/**
 * Per-source health kept in memory: last message, reads and errors, their rate over the last
 * minutes, last heartbeat. Shown on the sources list so an admin sees a silent camera, one that
 * slowed down, or a sender whose payloads fail.
 */
import type { SourceHealthView } from '@openrtcc/domain';
import type { SourceHeartbeat } from './decoder.types.ts';

/** The window the rates are counted over, in minutes. */
export const RATE_WINDOW_MIN = 15;

/** Counts per whole minute, the last RATE_WINDOW_MIN of them (a ring indexed by minute). */
interface MinuteCounts {
  minute: Int32Array;
  reads: Float64Array;
  errors: Float64Array;
}

interface Entry {
  family?: string;
  lastMessageAt?: number;
  lastHeartbeatAt?: number;
  reads: number;
  errors: number;
  lastError?: string;
  cameras?: SourceHeartbeat['cameras'];
  /** Detections a source reported that are not reads (a Frigate event without a plate). */
  cameraEvents?: number;
  /** A feed the server connects to itself (MQTT): whether it is connected now. */
  connection?: 'connected' | 'disconnected';
  recent?: MinuteCounts;
}

function count(e: Entry, at: number, what: 'reads' | 'errors', n: number): void {
  const minute = Math.floor(at / 60_000);
  const r = (e.recent ??= { minute: new Int32Array(RATE_WINDOW_MIN).fill(-1), reads: new Float64Array(RATE_WINDOW_MIN), errors: new Float64Array(RATE_WINDOW_MIN) });
  const slot = minute % RATE_WINDOW_MIN;
  if (r.minute[slot] !== minute) {
    r.minute[slot] = minute;
    r.reads[slot] = 0;
    r.errors[slot] = 0;
  }
  r[what][slot] += n;
}

/** Reads and errors per minute over the last RATE_WINDOW_MIN whole minutes before `now`'s. */
function rates(r: MinuteCounts | undefined, now: number): { readsPerMinute: number; errorsPerMinute: number } {
  let reads = 0;
  let errors = 0;
  const current = Math.floor(now / 60_000);
  if (r) {
    for (let i = 0; i < RATE_WINDOW_MIN; i++) {
      if (r.minute[i] > current - RATE_WINDOW_MIN && r.minute[i] <= current) {
        reads += r.reads[i];
        errors += r.errors[i];
      }
    }
  }
  const per = (n: number) => Math.round((n / RATE_WINDOW_MIN) * 10) / 10;
  return { readsPerMinute: per(reads), errorsPerMinute: per(errors) };
}

export class SourceHealth {
  private readonly bySource = new Map<string, Entry>();

  private entry(key: string): Entry {
    let e = this.bySource.get(key);
    if (!e) {
      e = { reads: 0, errors: 0 };
      this.bySource.set(key, e);
    }
    return e;
  }

  sawReads(sourceId: string | undefined, family: string, n: number, at: number): void {
    const e = this.entry(sourceId ?? `admin:${family}`);
    e.family = family;
    e.reads += n;
    e.lastMessageAt = at;
    count(e, at, 'reads', n);
  }

  sawError(sourceId: string | undefined, family: string, reason: string, at: number): void {
    const e = this.entry(sourceId ?? `admin:${family}`);
    e.family = family;
    e.errors++;
    e.lastError = reason;
    e.lastMessageAt = at;
    count(e, at, 'errors', 1);
  }

  sawHeartbeat(sourceId: string | undefined, beat: SourceHeartbeat): void {
    const e = this.entry(sourceId ?? `admin:${beat.sourceSystem}`);
    e.family = beat.sourceSystem;
    e.lastHeartbeatAt = beat.at;
    e.lastMessageAt = Math.max(e.lastMessageAt ?? 0, beat.at);
    e.cameras = beat.cameras;
  }

  /** A detection that is not a read (kept out of reads, errors and quarantine). */
  sawCameraEvent(key: string, family: string, at: number): void {
    const e = this.entry(key);
    e.family = family;
    e.cameraEvents = (e.cameraEvents ?? 0) + 1;
    e.lastMessageAt = at;
  }

  /** A feed the server subscribes to connected or lost its broker; `reason` says why it was lost. */
  sawConnection(key: string, family: string, state: 'connected' | 'disconnected', reason?: string): void {
    const e = this.entry(key);
    e.family = family;
    e.connection = state;
    if (reason !== undefined) e.lastError = reason;
  }

  /** The feeds the server connects to itself (no ingest key): those that reported a connection. */
  feeds(): SourceHealthView[] {
    const out: SourceHealthView[] = [];
    for (const [key, e] of this.bySource) if (e.connection !== undefined) out.push(this.get(key)!);
    return out;
  }

  get(key: string, now = Date.now()): SourceHealthView | undefined {
    const e = this.bySource.get(key);
    if (!e) return undefined;
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    const view: SourceHealthView = { key, family: e.family, lastMessageAt: iso(e.lastMessageAt), lastHeartbeatAt: iso(e.lastHeartbeatAt), reads: e.reads, errors: e.errors, lastError: e.lastError, cameras: e.cameras, ...rates(e.recent, now) };
    if (e.cameraEvents !== undefined) view.cameraEvents = e.cameraEvents;
    if (e.connection !== undefined) view.connection = e.connection;
    return view;
  }
}
