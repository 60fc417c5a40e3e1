/**
 * The subjects the harness can run, by name (`npm run bench -- --only=sqlite,postgres`).
 *
 * The platform itself is `openrtcc` (its embedded SQLite store) and `openrtcc-pg` (its
 * PostgreSQL store), both in `subjects/openrtcc.ts`. To add another: write a module exporting a
 * `SubjectFactory` whose subject implements `Subject` from `subject.types.ts` — load the data
 * through the platform's store (or its HTTP ingest API on 127.0.0.1), answer each query class
 * with the newest `q.limit` reads plus the exact total, report bytes on disk — and add it to
 * SUBJECTS below. The harness then prints it in every table beside the peers and the floor,
 * checks its totals against the brute-force oracle, and writes it into results/latest.json.
 */
import { createOpenrtccPgSubject, createOpenrtccSubject } from './openrtcc.ts';
import { createPostgresPeer } from '../peers/postgres.peer.ts';
import { createSqlitePeer } from '../peers/sqlite.peer.ts';
import type { SubjectFactory } from './subject.types.ts';

export type * from './subject.types.ts';

/** Registered subjects, run in this order. */
export const SUBJECTS: Record<string, SubjectFactory> = {
  openrtcc: createOpenrtccSubject,
  sqlite: createSqlitePeer,
  postgres: createPostgresPeer,
  'openrtcc-pg': createOpenrtccPgSubject,
};
