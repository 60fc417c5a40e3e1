/**
 * Brings a PostgreSQL schema up to date at open. Everything runs in one transaction behind one
 * advisory lock, so nodes starting at once take turns: the first applies, the others find the
 * work done. Extensions are database-wide, so they are created under the same lock.
 */
import pg from 'pg';
import { AppError } from '../../errors.ts';
import { MIGRATIONS } from './migrations.ts';
import { toAppError } from './pg.client.ts';

const EXTENSIONS = ['pg_trgm', 'fuzzystrmatch'];

/** A schema or extension-schema name we are willing to put on a search_path. */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Quotes a validated identifier. */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name)) {
    throw new AppError('validation_failed', `unsupported PostgreSQL identifier: ${JSON.stringify(name)}`);
  }
  return `"${name}"`;
}

/**
 * Creates `schema` and the extensions if needed, applies pending migrations, and returns the
 * search_path the store's connections must use: the schema first, then the schemas that hold
 * the extensions (so `levenshtein_less_equal` and `gin_trgm_ops` resolve wherever they live).
 */
export async function migrate(url: string, schema: string): Promise<string[]> {
  quoteIdent(schema);
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (e) {
    throw toAppError(e);
  }
  try {
    await client.query('BEGIN');
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('openrtcc:migrations'))`);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    for (const ext of EXTENSIONS) await client.query(`CREATE EXTENSION IF NOT EXISTS ${ext}`);
    const ext = await client.query<{ nspname: string }>(
      `SELECT DISTINCT n.nspname FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
        WHERE e.extname = ANY($1::text[]) ORDER BY n.nspname`,
      [EXTENSIONS],
    );
    const searchPath = [schema, ...ext.rows.map((r) => r.nspname).filter((n) => n !== schema)];
    await client.query(`SET LOCAL search_path TO ${searchPath.map(quoteIdent).join(', ')}`);
    await client.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
         version integer PRIMARY KEY,
         applied_at timestamptz NOT NULL DEFAULT now()
       )`,
    );
    const applied = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
    const done = new Set(applied.rows.map((r) => r.version));
    for (let i = 0; i < MIGRATIONS.length; i++) {
      const version = i + 1;
      if (done.has(version)) continue;
      await client.query(MIGRATIONS[i]);
      await client.query('INSERT INTO schema_migrations (version) VALUES ($1)', [version]);
    }
    await client.query('COMMIT');
    return searchPath;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw toAppError(e);
  } finally {
    await client.end().catch(() => undefined);
  }
}
