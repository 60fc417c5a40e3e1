/**
 * Keeps WAL checkpoints off the main thread. SQLite checkpoints automatically inside the commit
 * that pushes the WAL past 1,000 pages: copying megabytes into the database file and syncing it
 * there, on the event loop, tens of milliseconds in the middle of ingest and alerts. With a
 * Checkpointer the connections do not checkpoint on their own (`wal_autocheckpoint = 0`); a worker
 * thread does it every `intervalMs` on its own connection, on the other core. Should the worker
 * fail, the connections go back to checkpointing themselves, so the WAL never grows unbounded.
 *
 * Under a long burst of commits (a million-entry hotlist import, a bulk load) the WAL is never
 * wholly copied when a write begins, so it grows until the burst pauses and then starts again
 * from its beginning; without a limit its file would keep the burst's size for ever.
 * `journal_size_limit` cuts the file back to `walKeepBytes` at that restart.
 */
import type { DatabaseSync } from 'node:sqlite';
import { Worker } from 'node:worker_threads';

const AUTO_CHECKPOINT_PAGES = 1000;
/** The WAL file's size kept when it starts again from its beginning (SQLite's journal_size_limit). */
const WAL_KEEP_BYTES = 64 * 1024 * 1024;

export class Checkpointer {
  private readonly worker: Worker;
  private readonly connections: DatabaseSync[];
  private readonly exited: Promise<void>;

  constructor(path: string, connections: DatabaseSync[], opts: { intervalMs?: number; walKeepBytes?: number; onError?: (message: string) => void } = {}) {
    this.connections = connections;
    for (const db of connections) {
      db.exec('PRAGMA wal_autocheckpoint = 0');
      db.exec(`PRAGMA journal_size_limit = ${Math.max(0, Math.floor(opts.walKeepBytes ?? WAL_KEEP_BYTES))}`);
    }
    this.worker = new Worker(new URL('./checkpoint.worker.ts', import.meta.url), { workerData: { path, intervalMs: opts.intervalMs ?? 1000 } });
    this.worker.unref();
    this.worker.on('message', (m: { type: string; message?: string }) => {
      if (m.type === 'error') opts.onError?.(m.message ?? 'checkpoint failed');
    });
    this.worker.on('error', (e) => {
      opts.onError?.(`checkpoint worker failed: ${e.message}`);
      this.fallBack();
    });
    this.exited = new Promise((resolve) => this.worker.once('exit', () => resolve()));
  }

  /** Stops the worker; the connections checkpoint themselves again (and at close, as SQLite does). */
  async close(): Promise<void> {
    this.worker.postMessage('stop');
    const timeout = setTimeout(() => void this.worker.terminate(), 5000);
    await this.exited;
    clearTimeout(timeout);
    this.fallBack();
  }

  private fallBack(): void {
    for (const db of this.connections) {
      if (db.isOpen) db.exec(`PRAGMA wal_autocheckpoint = ${AUTO_CHECKPOINT_PAGES}`);
    }
  }
}
