/**
 * Training runs. The expected outcome and the frozen score are JSON documents written once, so
 * they live in jsonb columns; finishing is a conditional UPDATE (`finished_at IS NULL`), so two
 * requests finishing the same run cannot both win.
 */
import type { Page } from '@openrtcc/domain';
import type { TrainingRun, TrainingScore } from '../../training/training.types.ts';
import type { TrainingRunStore } from '../store.types.ts';
import { num, optNum, requireMs, setIf } from './column.codec.ts';
import { decodeCursor, encodeCursor } from './cursor.codec.ts';
import type { Db } from './pg.client.ts';

interface TrainingRunRow {
  id: string;
  scenario_id: string;
  title: string;
  trainee: string | null;
  briefing: string | null;
  started_at: string;
  started_by: string;
  finished_at: string | null;
  finished_by: string | null;
  expected: TrainingRun['expected'];
  result: TrainingScore | null;
}

function toRun(r: TrainingRunRow): TrainingRun {
  const run: TrainingRun = {
    id: r.id,
    scenarioId: r.scenario_id,
    title: r.title,
    startedAt: num(r.started_at),
    startedBy: r.started_by,
    expected: r.expected,
  };
  setIf(run, 'trainee', r.trainee);
  setIf(run, 'briefing', r.briefing);
  setIf(run, 'finishedAt', optNum(r.finished_at));
  setIf(run, 'finishedBy', r.finished_by);
  setIf(run, 'result', r.result);
  return run;
}

const json = (v: unknown): string | null => (v === undefined || v === null ? null : JSON.stringify(v));

/** The TrainingRunStore over a migrated schema. */
export function trainingRunRepository(db: Db): TrainingRunStore {
  return {
    async create(run) {
      await db.exec(
        `INSERT INTO training_runs (id, scenario_id, title, trainee, briefing, started_at, started_by, finished_at,
           finished_by, expected, result)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          run.id,
          run.scenarioId,
          run.title,
          run.trainee ?? null,
          run.briefing ?? null,
          requireMs(run.startedAt, 'startedAt'),
          run.startedBy,
          run.finishedAt === undefined ? null : requireMs(run.finishedAt, 'finishedAt'),
          run.finishedBy ?? null,
          json(run.expected),
          json(run.result),
        ],
      );
    },

    async get(id) {
      const rows = await db.rows<TrainingRunRow>('SELECT * FROM training_runs WHERE id = $1', [id]);
      return rows[0] ? toRun(rows[0]) : undefined;
    },

    async list({ limit, cursor }): Promise<Page<TrainingRun>> {
      const values: unknown[] = [];
      let where = '';
      if (cursor) {
        const [ts, id] = decodeCursor(cursor, 'ns');
        values.push(ts, id);
        where = 'WHERE (started_at, id) < ($1, $2)';
      }
      values.push(limit + 1);
      const [rows, total] = await Promise.all([
        db.rows<TrainingRunRow>(`SELECT * FROM training_runs ${where} ORDER BY started_at DESC, id DESC LIMIT $${values.length}`, values),
        db.rows<{ n: string }>('SELECT count(*) AS n FROM training_runs'),
      ]);
      const items = rows.slice(0, limit).map(toRun);
      const last = items[items.length - 1];
      return { items, total: num(total[0].n), nextCursor: rows.length > limit && last ? encodeCursor([last.startedAt, last.id]) : null };
    },

    async finish(id, end) {
      const updated = await db.rows<TrainingRunRow>(
        'UPDATE training_runs SET finished_at = $2, finished_by = $3, result = $4 WHERE id = $1 AND finished_at IS NULL RETURNING *',
        [id, requireMs(end.finishedAt, 'finishedAt'), end.finishedBy, json(end.result)],
      );
      if (updated[0]) return { run: toRun(updated[0]), changed: true };
      const current = await db.rows<TrainingRunRow>('SELECT * FROM training_runs WHERE id = $1', [id]);
      return current[0] ? { run: toRun(current[0]), changed: false } : undefined;
    },
  };
}
