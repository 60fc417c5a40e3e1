/**
 * The live map's read feed on the stream. Reads gather into one shared frame that goes out every
 * 250 ms: each read is serialized once however many consoles receive it, and each console gets
 * only the reads inside its viewport (or all reads, the default). A console whose socket is
 * backed up skips frames and sees the next ones, so a slow screen never delays hits to the
 * others or grows the server's memory; a frame is capped, oldest reads dropped first, and holds
 * no more than its subscribers can receive.
 */
import type { PlateRead } from '@openrtcc/domain';
import type { WebSocket } from 'ws';
import { readView } from './views.ts';

export const READ_FLUSH_MS = 250;
/** Reads one console receives per frame at most (the newest). */
export const MAX_READS_PER_FRAME = 500;
/** Reads the shared frame holds at most (80,000 reads/s at 250 ms). */
export const MAX_FRAME_READS = 20_000;
const SLOW_CLIENT_BYTES = 4 * 1024 * 1024;

/** [west, south, east, north] in WGS84 degrees. */
export type Bbox = [number, number, number, number];

/** What a console wants of the read feed: all reads, the reads inside a box, or none. */
export type ReadSubscription = { bbox?: Bbox } | null;

export interface FanoutClient {
  socket: WebSocket;
  reads: ReadSubscription;
  /** Set while the client's snapshot is being read: it receives no frames yet. */
  held?: unknown;
}

export interface FanoutStats {
  /** Frames sent (one message to one client). */
  frames: number;
  /** Reads delivered, summed over clients. */
  delivered: number;
  /** Frames a backed-up client skipped. */
  skipped: number;
  /** Reads dropped from a full shared frame. */
  dropped: number;
}

const inside = (b: Bbox, [lon, lat]: readonly number[]): boolean => lon >= b[0] && lon <= b[2] && lat >= b[1] && lat <= b[3];

export class ReadFanout {
  private frame: PlateRead[] = [];
  readonly stats: FanoutStats = { frames: 0, delivered: 0, skipped: 0, dropped: 0 };

  /**
   * Adds committed reads to the next frame, keeping only what a console can receive of it:
   * nothing while no console takes reads, the newest MAX_READS_PER_FRAME while none has a
   * viewport, else up to MAX_FRAME_READS. A read kept here lives until the flush, up to 250 ms;
   * at tens of thousands of reads a second, keeping every read (when at most 500 could go out)
   * made the young-generation collector copy thousands of them on each pass.
   */
  add(reads: readonly PlateRead[], clients: Iterable<FanoutClient>): void {
    const keep = frameCapacity(clients);
    if (keep === 0) return;
    const first = Math.max(0, reads.length - keep);
    for (let i = first; i < reads.length; i++) this.frame.push(reads[i]);
    const over = Math.max(0, this.frame.length - keep);
    if (over > 0) this.frame.splice(0, over);
    // a read no console could have received is not counted as dropped
    if (keep === MAX_FRAME_READS) this.stats.dropped += first + over;
  }

  /** Sends the frame gathered since the last flush to every subscribed client. */
  flush(clients: Iterable<FanoutClient>): void {
    const reads = this.frame;
    if (reads.length === 0) return;
    this.frame = [];
    const parts: string[] = new Array(reads.length);
    const part = (i: number): string => (parts[i] ??= JSON.stringify(readView(reads[i])));
    let everything: string | undefined;
    for (const c of clients) {
      if (c.reads === null || c.held || c.socket.readyState !== c.socket.OPEN) continue;
      if (c.socket.bufferedAmount > SLOW_CLIENT_BYTES) {
        this.stats.skipped++;
        continue;
      }
      const bbox = c.reads.bbox;
      if (!bbox) {
        const first = Math.max(0, reads.length - MAX_READS_PER_FRAME);
        if (everything === undefined) {
          const picked: string[] = [];
          for (let i = first; i < reads.length; i++) picked.push(part(i));
          everything = frameJson(picked);
        }
        this.send(c.socket, everything, reads.length - first);
        continue;
      }
      const picked: string[] = [];
      for (let i = reads.length - 1; i >= 0 && picked.length < MAX_READS_PER_FRAME; i--) {
        const loc = reads[i].location;
        if (loc && inside(bbox, loc)) picked.push(part(i));
      }
      if (picked.length > 0) this.send(c.socket, frameJson(picked.reverse()), picked.length);
    }
  }

  private send(socket: WebSocket, json: string, reads: number): void {
    socket.send(json);
    this.stats.frames++;
    this.stats.delivered += reads;
  }
}

/** Reads the next frame must hold for `clients`: 0, MAX_READS_PER_FRAME (no viewports) or MAX_FRAME_READS. */
function frameCapacity(clients: Iterable<FanoutClient>): number {
  let keep = 0;
  for (const c of clients) {
    if (c.reads === null) continue;
    if (c.reads.bbox) return MAX_FRAME_READS;
    keep = MAX_READS_PER_FRAME;
  }
  return keep;
}

/** A `read.ingested` message (StreamMessage) from reads already serialized. */
function frameJson(reads: string[]): string {
  return `{"type":"read.ingested","reads":[${reads.join(',')}]}`;
}

/**
 * Reads a console's message about the read feed:
 * `{"type":"reads.subscribe"}` (all reads), `{"type":"reads.subscribe","bbox":[w,s,e,n]}`
 * (the reads located inside the box) or `{"type":"reads.unsubscribe"}`.
 * @returns the new subscription, or an error message for the console
 */
export function parseReadSubscription(raw: string): { ok: true; reads: ReadSubscription } | { ok: false; message: string } {
  let msg: unknown;
  try {
    msg = JSON.parse(raw);
  } catch {
    return { ok: false, message: 'a stream message must be JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) return { ok: false, message: 'a stream message must be a JSON object with a type' };
  const { type, bbox } = msg as { type?: unknown; bbox?: unknown };
  if (type === 'reads.unsubscribe') return { ok: true, reads: null };
  if (type !== 'reads.subscribe') return { ok: false, message: `unknown message type ${JSON.stringify(type)}; known: reads.subscribe, reads.unsubscribe` };
  if (bbox === undefined || bbox === null) return { ok: true, reads: {} };
  if (!Array.isArray(bbox) || bbox.length !== 4 || !bbox.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return { ok: false, message: 'bbox must be [west, south, east, north] in degrees' };
  }
  const [w, s, e, n] = bbox as Bbox;
  if (w < -180 || e > 180 || s < -90 || n > 90 || w > e || s > n) {
    return { ok: false, message: 'bbox must be [west, south, east, north] with -180 ≤ west ≤ east ≤ 180 and -90 ≤ south ≤ north ≤ 90' };
  }
  return { ok: true, reads: { bbox: [w, s, e, n] } };
}
