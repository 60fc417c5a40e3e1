/**
 * A worker thread that copies the WAL back into the database file (`PRAGMA wal_checkpoint`) on
 * its own connection, so no commit on the main thread ever pays for a checkpoint (Checkpointer).
 * PASSIVE: it copies what no reader still needs and never waits for or blocks anyone; the
 * writers rewind the WAL once it has all been copied.
 */
import { DatabaseSync } from 'node:sqlite';
import { parentPort, workerData } from 'node:worker_threads';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const db = new DatabaseSync(path);
db.exec('PRAGMA busy_timeout = 1000');
// the checkpoint syncs the WAL before copying and the database file after
db.exec('PRAGMA synchronous = FULL');
const checkpoint = db.prepare('PRAGMA wal_checkpoint(PASSIVE)');

const timer = setInterval(() => {
  try {
    checkpoint.get();
  } catch (e) {
    parentPort?.postMessage({ type: 'error', message: (e as Error).message });
  }
}, intervalMs);

parentPort?.on('message', (m: unknown) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  db.close();
  parentPort?.close();
});
