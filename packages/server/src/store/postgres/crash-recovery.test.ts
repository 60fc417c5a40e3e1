/**
 * The PostgreSQL store after its writer is SIGKILLed mid-stream, in a fresh database for this
 * run. See `contract/crash-recovery.ts`.
 */
import { after, describe, it } from 'node:test';
import { assertRecovered, runAndKillWriter } from '../contract/crash-recovery.ts';
import { openPostgresStore } from './index.ts';
import { createTestDatabase, reportUnavailable } from './test-database.fixture.ts';

const target = await createTestDatabase('crash');

if (target.ok) {
  const { db } = target;
  after(() => db.drop());
  describe('postgres: crash recovery', () => {
    it('keeps every acknowledged read exactly once after the writer is killed', async () => {
      const acks = await runAndKillWriter('postgres', db.url, 12);
      const store = await openPostgresStore(db.url, { maxConnections: 2 });
      try {
        await assertRecovered(store, acks);
      } finally {
        await store.close();
      }
    });
  });
} else {
  reportUnavailable('postgres: crash recovery', target.reason);
}
