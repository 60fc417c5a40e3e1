/**
 * The one store contract suite: every Store implementation (SQLite, PostgreSQL) must pass it.
 * Tests make their own ids and time windows, so the suite also runs on a shared store.
 * The parts live in `contract/`, one file per aggregate.
 */
import { after, before, describe } from 'node:test';
import type { Store } from './store.types.ts';
import { hitsContract } from './contract/hits.contract.ts';
import { hotlistsContract } from './contract/hotlists.contract.ts';
import { readSearchContract } from './contract/read-search.contract.ts';
import { readsContract } from './contract/reads.contract.ts';
import { recordsContract } from './contract/records.contract.ts';
import { registryContract } from './contract/registry.contract.ts';

/**
 * Registers the contract tests for the store `open` returns; the store is opened once before
 * the tests and closed after them.
 * @example storeContract('sqlite', () => openSqliteStore({ path: ':memory:' }));
 */
export function storeContract(name: string, open: () => Promise<Store>): void {
  describe(`store contract: ${name}`, () => {
    let store: Store | undefined;
    before(async () => {
      store = await open();
    });
    after(async () => {
      await store?.close();
    });
    const get = (): Store => {
      if (!store) throw new Error(`the ${name} store did not open`);
      return store;
    };
    readsContract(get);
    readSearchContract(get);
    hotlistsContract(get);
    hitsContract(get);
    registryContract(get);
    recordsContract(get);
  });
}
