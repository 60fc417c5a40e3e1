/**
 * Training runs as the API shows them: ISO 8601 times, a status, and the score (final once the
 * run is finished, computed on the spot while it runs). The expected outcome itself is shown
 * only once the run is finished.
 */
import type { AreaSearchFindsExpectation, TrainingExpectation, TrainingRun, TrainingScore, TrainingScoreItem } from './training.types.ts';

export interface TrainingScoreView {
  computedAt: string;
  /** True once the run is finished: the score no longer changes. */
  final: boolean;
  met: number;
  of: number;
  percent: number;
  items: TrainingScoreItem[];
}

export interface TrainingRunView {
  id: string;
  scenarioId: string;
  title: string;
  trainee: string | null;
  briefing: string | null;
  status: 'running' | 'finished';
  startedAt: string;
  startedBy: string;
  finishedAt: string | null;
  finishedBy: string | null;
  /** The answer key: shown once the run is finished, so a trainee cannot read it off mid-run. */
  expected?: (TrainingExpectation | (Omit<AreaSearchFindsExpectation, 'at'> & { at: string }))[];
  score?: TrainingScoreView;
}

export function trainingScoreView(s: TrainingScore, final: boolean): TrainingScoreView {
  return { computedAt: new Date(s.computedAt).toISOString(), final, met: s.met, of: s.of, percent: s.of === 0 ? 0 : Math.round((100 * s.met) / s.of), items: s.items };
}

/** A run; `score` is left out when not given (lists show the final score of finished runs only). */
export function trainingRunView(run: TrainingRun, score?: TrainingScore): TrainingRunView {
  const v: TrainingRunView = {
    id: run.id,
    scenarioId: run.scenarioId,
    title: run.title,
    trainee: run.trainee ?? null,
    briefing: run.briefing ?? null,
    status: run.finishedAt === undefined ? 'running' : 'finished',
    startedAt: new Date(run.startedAt).toISOString(),
    startedBy: run.startedBy,
    finishedAt: run.finishedAt === undefined ? null : new Date(run.finishedAt).toISOString(),
    finishedBy: run.finishedBy ?? null,
  };
  // times on the wire are ISO 8601, in the answer key as everywhere else
  if (run.finishedAt !== undefined) v.expected = run.expected.map((e) => (e.kind === 'area_search_finds' ? { ...e, at: new Date(e.at).toISOString() } : e));
  const s = score ?? run.result;
  if (s) v.score = trainingScoreView(s, run.finishedAt !== undefined);
  return v;
}
