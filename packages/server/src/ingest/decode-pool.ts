/**
 * Decodes large read batches on other threads. Turning a 1,000-read JSON body into reads
 * (UTF-8 text, JSON.parse, validating every field, ISO times, event ids) is a fifth of the main
 * thread's work per read at full ingest; a decode thread does it on the other core while the
 * main thread matches, stores and answers. Results come back packed (packed-reads.ts).
 *
 * Small bodies stay on the main thread: the hop to a thread and back costs more than decoding
 * them. A thread that fails takes nothing with it: its pending bodies are decoded on the main
 * thread, and so is everything after.
 */
import { Worker } from 'node:worker_threads';
import { DecodeError, type DecodeResult, type RawPayload } from './decoder.types.ts';
import { unpackDecodeResult, type PackedDecodeResult } from './packed-reads.ts';

/** Families whose decoders are synchronous and read only the body (and its content type and time zone). */
const POOLED_FAMILIES = new Set(['rtcc', 'openalpr']);
/** Bodies below this are decoded on the main thread. */
const MIN_BYTES = 32 * 1024;

export interface DecodeRequest {
  id: number;
  family: string;
  body: Uint8Array;
  contentType?: string;
  receivedAt: number;
  timeZone?: string;
}

export type DecodeReply =
  | { id: number; ok: true; packed: PackedDecodeResult }
  | { id: number; ok: false; decodeError: boolean; message: string; details?: DecodeError['details'] };

export interface DecodePoolOptions {
  /** Decode threads; 0 decodes everything on the caller's thread. */
  threads: number;
  /** Smallest body sent to a thread (default 32 KiB). */
  minBytes?: number;
  /** The thread's script (tests give one that fails). */
  workerUrl?: URL;
}

interface Pending {
  inline: () => DecodeResult | Promise<DecodeResult>;
  resolve: (r: DecodeResult) => void;
  reject: (e: unknown) => void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
  failed: boolean;
}

export class DecodePool {
  private readonly threads: Thread[] = [];
  private readonly size: number;
  private readonly minBytes: number;
  private readonly workerUrl: URL;
  private nextId = 1;
  private closed = false;

  constructor(opts: DecodePoolOptions) {
    this.size = opts.threads;
    this.minBytes = opts.minBytes ?? MIN_BYTES;
    this.workerUrl = opts.workerUrl ?? new URL('./decode.worker.ts', import.meta.url);
  }

  /** Whether `decode` would send this payload to a thread. */
  accepts(family: string, payload: RawPayload): boolean {
    if (this.closed || !POOLED_FAMILIES.has(family) || payload.body.length < this.minBytes || payload.forQuarantine) return false;
    return this.threads.length < this.size || this.threads.some((t) => !t.failed);
  }

  /**
   * Decodes on a thread, with `inline` (the same decoder on this thread) as the fallback should
   * the thread fail. Rejects with the DecodeError (message and details) the decoder threw.
   */
  decode(family: string, payload: RawPayload, inline: () => DecodeResult | Promise<DecodeResult>): Promise<DecodeResult> {
    const thread = this.pick();
    if (!thread) return Promise.resolve().then(inline);
    const id = this.nextId++;
    // a copy goes to the thread; the caller keeps the original for quarantine
    const body = new Uint8Array(payload.body);
    const request: DecodeRequest = { id, family, body, contentType: payload.contentType, receivedAt: payload.receivedAt, timeZone: payload.timeZone };
    return new Promise<DecodeResult>((resolve, reject) => {
      // a thread with bodies to answer keeps the process alive; an idle one does not
      if (thread.pending.size === 0) thread.worker.ref();
      thread.pending.set(id, { inline, resolve, reject });
      thread.worker.postMessage(request, [body.buffer as ArrayBuffer]);
    });
  }

  /** Stops the threads; bodies still being decoded are finished on this thread. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => this.retire(t)));
  }

  /** The live thread with the fewest bodies waiting; threads start on first use. */
  private pick(): Thread | undefined {
    if (this.closed) return undefined;
    if (this.threads.length < this.size) this.threads.push(this.spawn());
    let best: Thread | undefined;
    for (const t of this.threads) if (!t.failed && (!best || t.pending.size < best.pending.size)) best = t;
    return best;
  }

  private spawn(): Thread {
    const worker = new Worker(this.workerUrl);
    worker.unref();
    const thread: Thread = { worker, pending: new Map(), failed: false };
    worker.on('message', (m: DecodeReply) => {
      const p = thread.pending.get(m.id);
      if (!p) return;
      thread.pending.delete(m.id);
      if (thread.pending.size === 0) worker.unref();
      if (m.ok) {
        try {
          p.resolve(unpackDecodeResult(m.packed));
        } catch (e) {
          p.reject(e);
        }
      } else if (m.decodeError) p.reject(new DecodeError(m.message, m.details ? { details: m.details } : undefined));
      else p.reject(new Error(m.message));
    });
    worker.on('error', () => void this.retire(thread));
    worker.on('exit', () => void this.retire(thread));
    return thread;
  }

  /** Takes a thread out of use and decodes what it still held on this thread. */
  private async retire(thread: Thread): Promise<void> {
    if (thread.failed) return;
    thread.failed = true;
    const left = [...thread.pending.values()];
    thread.pending.clear();
    thread.worker.removeAllListeners('message');
    await thread.worker.terminate();
    for (const p of left) {
      try {
        p.resolve(await p.inline());
      } catch (e) {
        p.reject(e);
      }
    }
  }
}
