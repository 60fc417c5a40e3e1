/**
 * The SQLite store after a SIGKILL: every acknowledged read is on disk exactly once, and the
 * in-memory index rebuilt at open finds it. See `contract/crash-recovery.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { assertRecovered, runAndKillWriter } from '../contract/crash-recovery.ts';
import { openSqliteStore } from './index.ts';

describe('sqlite: crash recovery', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-crash-'));
  after(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged read exactly once after the writer is killed', async () => {
    const acks = await runAndKillWriter('sqlite', dataDir, 12);
    const store = await openSqliteStore({ dataDir });
    try {
      await assertRecovered(store, acks);
    } finally {
      await store.close();
    }
  });
});
