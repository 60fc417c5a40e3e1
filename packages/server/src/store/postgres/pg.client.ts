/**
 * The one door to PostgreSQL for the repositories: a pool, a transaction helper, and the mapping
 * of driver errors to AppError so callers never see a `pg` error.
 */
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { AppError, isAppError } from '../../errors.ts';

/** Runs one statement; rows come back as the driver parses them (int8 stays a string). */
export interface Sql {
  rows<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<R[]>;
  /** Number of rows a statement affected. */
  exec(text: string, values?: unknown[]): Promise<number>;
}

export interface Db extends Sql {
  /** Runs `fn` inside BEGIN … COMMIT on one connection; rolls back if it throws. */
  tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T>;
  /** Hands out a connection for streaming reads (cursors); the caller must release it. */
  connect(): Promise<PoolClient>;
  close(): Promise<void>;
}

type Runner = { query: PoolClient['query'] } | Pool;

function sqlOn(runner: Runner): Sql {
  return {
    async rows<R extends QueryResultRow>(text: string, values?: unknown[]): Promise<R[]> {
      try {
        const res = await runner.query<R>(text, values);
        return res.rows;
      } catch (e) {
        throw toAppError(e);
      }
    },
    async exec(text: string, values?: unknown[]): Promise<number> {
      try {
        const res = await runner.query(text, values);
        return res.rowCount ?? 0;
      } catch (e) {
        throw toAppError(e);
      }
    },
  };
}

/** Wraps a pool as the repositories' Db. */
export function dbOn(pool: Pool): Db {
  const base = sqlOn(pool);
  return {
    ...base,
    async tx<T>(fn: (sql: Sql) => Promise<T>): Promise<T> {
      const client = await connectClient(pool);
      let broken = false;
      try {
        await client.query('BEGIN');
        const out = await fn(sqlOn(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        try {
          await client.query('ROLLBACK');
        } catch {
          // The connection itself failed; drop it from the pool instead of reusing it.
          broken = true;
        }
        throw toAppError(e);
      } finally {
        client.release(broken);
      }
    },
    connect: () => connectClient(pool),
    close: () => pool.end(),
  };
}

async function connectClient(pool: Pool): Promise<PoolClient> {
  try {
    return await pool.connect();
  } catch (e) {
    throw toAppError(e);
  }
}

const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN']);

/**
 * Maps a driver error to the platform's error type. Unique violations are conflicts; lost
 * connections, shutdowns, deadlocks and serialization failures are `unavailable` (retryable).
 */
export function toAppError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : '';
  const message = e instanceof Error ? e.message : String(e);
  if (code === '23505') return new AppError('conflict', 'already exists', { cause: e });
  if (code.startsWith('08') || code.startsWith('57P') || code === '40001' || code === '40P01' || CONNECTION_CODES.has(code)) {
    return new AppError('unavailable', `database unavailable: ${message}`, { cause: e });
  }
  if (/Connection terminated|timeout exceeded when trying to connect/i.test(message)) {
    return new AppError('unavailable', `database unavailable: ${message}`, { cause: e });
  }
  return new AppError('internal', `database error: ${message}`, { cause: e });
}
