/**
 * Per-source health kept in memory: last message, reads and errors, last heartbeat. Shown on
 * the sources list so an admin sees a silent camera or a sender whose payloads fail.
 */
import type { SourceHealthView } from '@openrtcc/domain';
import type { SourceHeartbeat } from './decoder.types.ts';


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
  }

  sawError(sourceId: string | undefined, family: string, reason: string, at: number): void {
    const e = this.entry(sourceId ?? `admin:${family}`);
    e.family = family;
    e.errors++;
    e.lastError = reason;
    e.lastMessageAt = at;
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

  get(key: string): SourceHealthView | undefined {
    const e = this.bySource.get(key);
    if (!e) return undefined;
    const iso = (t?: number) => (t === undefined ? undefined : new Date(t).toISOString());
    const view: SourceHealthView = { key, family: e.family, lastMessageAt: iso(e.lastMessageAt), lastHeartbeatAt: iso(e.lastHeartbeatAt), reads: e.reads, errors: e.errors, lastError: e.lastError, cameras: e.cameras };
    if (e.cameraEvents !== undefined) view.cameraEvents = e.cameraEvents;
    if (e.connection !== undefined) view.connection = e.connection;
    return view;
  }
}
