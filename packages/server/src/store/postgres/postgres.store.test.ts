/**
 * The store contract against PostgreSQL, in a fresh database made for this run and dropped after.
 */
import { after } from 'node:test';
import { storeContract } from '../store.contract.ts';
import { openPostgresStore } from './index.ts';
import { createTestDatabase, reportUnavailable } from './test-database.fixture.ts';

const target = await createTestDatabase('contract');

if (target.ok) {
  const { db } = target;
  after(() => db.drop());
  storeContract('postgres', () => openPostgresStore(db.url, { maxConnections: 4 }), { reopens: true });
} else {
  reportUnavailable('store contract: postgres', target.reason);
}
