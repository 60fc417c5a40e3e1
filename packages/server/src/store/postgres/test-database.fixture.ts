/**
 * A throwaway PostgreSQL database per test run, so concurrent runs (and the contract's own
 * data) never collide: `rtcc_test_<pid>_<time>` is created on the server at
 * `RTCC_TEST_DATABASE_URL` and dropped after the run.
 *
 * When the server cannot be reached the PostgreSQL tests skip on a developer's machine, saying
 * why, and fail under `CI=true`: CI must never pass without having run them.
 */
import { it } from 'node:test';
import pg from 'pg';
import { redactUrl } from '../../config/redact-url.ts';

export const DEFAULT_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  /** Drops the database, closing any connection still open to it. */
  drop(): Promise<void>;
}

export type TestDatabaseResult = { ok: true; db: TestDatabase } | { ok: false; reason: string };

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

async function withAdmin<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  // A server that goes away mid-run must fail the query, not crash the test process.
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Creates a fresh, uniquely named database; `tag` goes into its name (letters, digits, `_`). */
export async function createTestDatabase(tag: string, adminUrl = process.env.RTCC_TEST_DATABASE_URL ?? DEFAULT_TEST_DATABASE_URL): Promise<TestDatabaseResult> {
  const name = `rtcc_test_${tag}_${process.pid}_${Date.now().toString(36)}_${Math.floor(Math.random() * 1e6).toString(36)}`.toLowerCase();
  try {
    await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE ${quoteIdent(name)}`));
  } catch (e) {
    const where = redactUrl(adminUrl, '(unparsable RTCC_TEST_DATABASE_URL)');
    return { ok: false, reason: `PostgreSQL at ${where} is not usable (${e instanceof Error ? e.message : String(e)}); set RTCC_TEST_DATABASE_URL` };
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    ok: true,
    db: {
      url: url.toString(),
      drop: () => withAdmin(adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => undefined),
    },
  };
}


/**
 * Registers the stand-in for tests that could not run: a failing test under `CI=true`, a
 * skipped one otherwise.
 */
export function reportUnavailable(name: string, reason: string): void {
  if (process.env.CI === 'true') {
    it(name, () => {
      throw new Error(`${reason}. CI=true: the PostgreSQL tests must run, so this fails instead of skipping.`);
    });
  } else {
    it(name, { skip: reason }, () => undefined);
  }
}
