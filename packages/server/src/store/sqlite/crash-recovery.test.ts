/**
 * The SQLite store after a SIGKILL: every acknowledged read is on disk exactly once, and the
 * in-memory index rebuilt at open (or loaded from the last clean close's snapshot, with the
 * reads stored after it added) finds it. See `contract/crash-recovery.ts`.
 */
import assert from 'node:assert/strict';
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

  it('adds what was stored after the saved search index when the writer was killed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-crash-snapshot-'));
    try {
      // a clean close saves the (empty) index; the writer loads it, appends, and dies unsaved
      await (await openSqliteStore({ dataDir: dir })).close();
      const acks = await runAndKillWriter('sqlite', dir, 12);
      const store = await openSqliteStore({ dataDir: dir });
      try {
        assert.equal(store.reads.origin.from, 'snapshot');
        assert.equal(store.reads.origin.readsFromTables, await store.reads.count());
        await assertRecovered(store, acks);
      } finally {
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
