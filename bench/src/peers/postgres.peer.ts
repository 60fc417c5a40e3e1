/**
 * The PostgreSQL peer, set up as reference/benchmarks.md describes: one heap table of reads with
 * the plate `COLLATE "C"` (so `LIKE 'ABC%'` gets a btree range), btree (plate, ts), btree
 * (camera_id, ts) and a GIN `gin_trgm_ops` index on plate; JIT off; loaded with COPY and queried
 * through `pg`, one query at a time. It lives in its own database `bench_peer`, dropped and
 * recreated by every run and dropped again at close.
 *
 * Connection: RTCC_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres), which must
 * point at a loopback address; it needs the right to create a database.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { STATES, type Dataset, type ReadColumns } from '../generate.ts';
import type { Query } from '../data/queries.ts';
import { ocrTranslateArgs } from '../fuzzy.ts';
import type { QueryAnswer, QueryMode, Subject, SubjectFactory } from '../subjects/subject.types.ts';
import { phaseTimer } from '../stats.ts';

const DB_NAME = 'bench_peer';
const COLS = 'plate, state, camera_id, ts, confidence';
const COPY_CHUNK_ROWS = 8192;
const INGEST_BATCH_ROWS = 100_000;

/** The admin connection string, refused unless it targets this machine. */
export function postgresUrl(): URL {
  const url = new URL(process.env.RTCC_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) {
    throw new Error(`RTCC_BENCH_PG_URL must point at 127.0.0.1, not ${url.hostname}`);
  }
  return url;
}

/** Rows as COPY text, a chunk at a time (plates are A–Z0–9, so nothing needs escaping). */
function* copyText(data: Dataset, cols: ReadColumns, from: number, to: number): Generator<string> {
  for (let start = from; start < to; start += COPY_CHUNK_ROWS) {
    const end = Math.min(to, start + COPY_CHUNK_ROWS);
    let s = '';
    for (let i = start; i < end; i++) {
      const p = cols.plate[i];
      s += `${data.plates[p]}\t${STATES[data.plateState[p]]}\t${cols.camera[i]}\t${cols.ts[i]}\t${cols.conf[i]}\n`;
    }
    yield s;
  }
}

async function copyRows(client: pg.Client, data: Dataset, cols: ReadColumns, from: number, to: number): Promise<void> {
  const sink = client.query(copyStreams.from(`COPY reads (${COLS}) FROM STDIN`));
  await pipeline(Readable.from(copyText(data, cols, from, to)), sink);
}

/** Recreates the bench database and its table; the caller owns both clients. */
async function prepare(admin: pg.Client, client: pg.Client): Promise<void> {
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${DB_NAME}`);
  await client.connect();
  await client.query('CREATE EXTENSION pg_trgm');
  await client.query('CREATE EXTENSION fuzzystrmatch');
  await client.query('SET jit = off');
  // Index builds get the memory a DBA would give them; queries keep the server's work_mem.
  await client.query("SET maintenance_work_mem = '1GB'");
  await client.query(
    'CREATE TABLE reads (plate text COLLATE "C" NOT NULL, state text, camera_id integer NOT NULL, ts bigint NOT NULL, confidence smallint NOT NULL)',
  );
}

export const createPostgresPeer: SubjectFactory = async () => {
  const adminUrl = postgresUrl();
  const dbUrl = new URL(adminUrl.href);
  dbUrl.pathname = '/' + DB_NAME;
  const admin = new pg.Client({ connectionString: adminUrl.href });
  const client = new pg.Client({ connectionString: dbUrl.href });
  try {
    await prepare(admin, client);
  } catch (err) {
    await client.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
    throw err;
  }
  const fold = ocrTranslateArgs();
  let data: Dataset | undefined;
  let loaded = 0;

  const page = async (where: string, args: unknown[], limit: number): Promise<QueryAnswer> => {
    const rows = await client.query(`SELECT ${COLS} FROM reads WHERE ${where} ORDER BY ts DESC LIMIT ${Number(limit)}`, args);
    const count = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM reads WHERE ${where}`, args);
    return { rows: rows.rowCount ?? rows.rows.length, total: count.rows[0].n };
  };

  const subject: Subject = {
    name: 'postgres',
    async settings() {
      const show = async (name: string): Promise<string> => (await client.query(`SHOW ${name}`)).rows[0][name] as string;
      const out: Record<string, string> = {
        version: (await client.query('SELECT version() AS v')).rows[0].v,
        driver: `pg ${(await import('pg/package.json', { with: { type: 'json' } })).default.version}`,
      };
      for (const name of ['shared_buffers', 'jit', 'work_mem', 'maintenance_work_mem', 'max_parallel_maintenance_workers', 'fsync', 'synchronous_commit', 'pg_trgm.similarity_threshold']) {
        out[name] = await show(name);
      }
      out.indexes = 'btree (plate, ts), btree (camera_id, ts), GIN (plate gin_trgm_ops); plate COLLATE "C"';
      return out;
    },

    async load({ data: d, log }) {
      data = d;
      const { phases, phase, seconds } = phaseTimer('postgres', log);
      await copyRows(client, d, d.base, 0, d.base.length);
      loaded = d.base.length;
      phase('COPY, no index');
      await client.query('CREATE INDEX reads_plate_ts ON reads (plate, ts)');
      phase('btree (plate, ts)');
      await client.query('CREATE INDEX reads_camera_ts ON reads (camera_id, ts)');
      phase('btree (camera_id, ts)');
      await client.query('CREATE INDEX reads_plate_trgm ON reads USING gin (plate gin_trgm_ops)');
      phase('GIN trigram');
      // Sets the visibility map too, so count(*) can be answered by index-only scans.
      await client.query('VACUUM ANALYZE reads');
      phase('VACUUM ANALYZE');
      return { rows: loaded, seconds: seconds(), phases };
    },

    queryModes(): QueryMode[] {
      return [
        { class: 'exact', mode: 'btree', how: 'plate = $1 ORDER BY ts DESC LIMIT 100, then count(*)' },
        { class: 'wildcard', mode: 'like', how: "plate LIKE 'AB_1234' (planner: btree range on the prefix, or GIN trigram)" },
        { class: 'substring', mode: 'like', how: "plate LIKE '%C12%' (GIN trigram)" },
        {
          class: 'fuzzy',
          mode: 'trgm+levenshtein',
          how: 'distinct plates with plate % $1 (pg_trgm) AND levenshtein of translate()-folded text ≤ 1, then plate = ANY(…)',
        },
        { class: 'camera', mode: 'btree', how: 'camera_id = ANY(10) AND ts range over btree (camera_id, ts)' },
      ];
    },

    async query(q: Query) {
      switch (q.class) {
        case 'exact':
          return { ...(await page('plate = $1', [q.plate], q.limit)), plates: [q.plate] };
        case 'wildcard':
          return page('plate LIKE $1', [q.pattern.replace(/\?/g, '_')], q.limit);
        case 'substring':
          return page('plate LIKE $1', [`%${q.text}%`], q.limit);
        case 'fuzzy': {
          const found = await client.query<{ plate: string }>(
            `SELECT DISTINCT plate FROM reads WHERE plate % $1 AND levenshtein(translate(plate, $2, $3), translate($1, $2, $3)) <= 1`,
            [q.plate, fold.from, fold.to],
          );
          const list = found.rows.map((r) => r.plate);
          return { ...(await page('plate = ANY($1)', [list], q.limit)), plates: list };
        }
        case 'camera':
          return page('camera_id = ANY($1::int[]) AND ts >= $2 AND ts < $3', [q.cameras, q.from, q.to], q.limit);
      }
    },

    async storage() {
      const r = await client.query<{ n: string }>("SELECT pg_total_relation_size('reads')::text AS n");
      return { bytes: Number(r.rows[0].n), reads: loaded, what: "pg_total_relation_size('reads'): heap, TOAST, 3 indexes" };
    },

    async ingest(rows, deadline) {
      if (!data) throw new Error('postgres peer: ingest before load');
      const t0 = performance.now();
      let done = 0;
      // One COPY per batch so a deadline can stop between batches; each batch commits.
      while (done < rows.length && performance.now() < deadline) {
        const end = Math.min(rows.length, done + INGEST_BATCH_ROWS);
        await copyRows(client, data, rows, done, end);
        done = end;
      }
      return { rows: done, seconds: (performance.now() - t0) / 1000, truncated: done < rows.length };
    },

    async close() {
      await client.end().catch(() => undefined);
      await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`).catch(() => undefined);
      await admin.end().catch(() => undefined);
    },
  };
  return subject;
};
