/**
 * The one store contract suite: every Store implementation (SQLite, PostgreSQL) must pass it.
 * Tests make their own ids and time windows, so the suite also runs on a shared store.
 * The parts live in `contract/`, one file per aggregate.
 */
import { after, before, describe } from 'node:test';
import type { Store } from './store.types.ts';
import { hitsContract } from './contract/hits.contract.ts';
import { hotlistsContract } from './contract/hotlists.contract.ts';
import { readDaysContract } from './contract/read-days.contract.ts';
import { readSearchContract } from './contract/read-search.contract.ts';
import { readsContract } from './contract/reads.contract.ts';
import { recordsContract } from './contract/records.contract.ts';
import { auditTrailContract } from './contract/audit-trail.contract.ts';
import { registryContract } from './contract/registry.contract.ts';
import { durabilityContract } from './contract/durability.contract.ts';
import { trainingRunsContract } from './contract/training-runs.contract.ts';
import { incidentsContract } from './contract/incidents.contract.ts';
import { unitsContract } from './contract/units.contract.ts';
import { gunshotsContract } from './contract/gunshots.contract.ts';
import { videoCamerasContract } from './contract/video-cameras.contract.ts';
import { usersContract } from './contract/users.contract.ts';
import { integrationKeysContract } from './contract/integration-keys.contract.ts';
import { hotlistFeedsContract } from './contract/hotlist-feeds.contract.ts';
import { retentionContract } from './contract/retention.contract.ts';
import { imagesContract } from './contract/images.contract.ts';
import { quarantineContract } from './contract/quarantine.contract.ts';
import { cfsMappingsContract } from './contract/cfs-mappings.contract.ts';
import { webhooksContract } from './contract/webhooks.contract.ts';
import { sharingContract } from './contract/sharing.contract.ts';

export interface StoreContractOptions {
  /**
   * `open` gives a store over the same data every time it is called, so the suite also closes
   * the store mid-run, reopens it, and checks that nothing was lost or changed.
   */
  reopens?: boolean;
}

/**
 * Registers the contract tests for the store `open` returns; the store is opened once before
 * the tests and closed after them (and, with `reopens`, closed and reopened once in between).
 * @example storeContract('sqlite', () => openSqliteStore({ dataDir: ':memory:' }));
 */
export function storeContract(name: string, open: () => Promise<Store>, opts: StoreContractOptions = {}): void {
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
    readDaysContract(get);
    readSearchContract(get);
    hotlistsContract(get);
    hitsContract(get);
    registryContract(get);
    recordsContract(get);
    auditTrailContract(get);
    trainingRunsContract(get);
    incidentsContract(get);
    unitsContract(get);
    gunshotsContract(get);
    videoCamerasContract(get);
    usersContract(get);
    integrationKeysContract(get);
    hotlistFeedsContract(get);
    retentionContract(get);
    cfsMappingsContract(get);
    webhooksContract(get);
    sharingContract(get);
    imagesContract(get);
    quarantineContract(get);
    if (opts.reopens) {
      durabilityContract(get, async () => {
        const old = store;
        store = undefined;
        await old?.close();
        store = await open();
      });
    }
  });
}
