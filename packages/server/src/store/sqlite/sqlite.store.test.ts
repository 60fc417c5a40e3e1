/**
 * The store contract against the embedded SQLite store: on a data folder (also closed and
 * reopened, so the in-memory index is rebuilt from disk) and in memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after } from 'node:test';
import { storeContract } from '../store.contract.ts';
import { openSqliteStore } from './index.ts';

const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-sqlite-contract-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

storeContract('sqlite (data folder)', () => openSqliteStore({ dataDir }), { reopens: true });
storeContract('sqlite (:memory:)', () => openSqliteStore({ dataDir: ':memory:' }));
