/**
 * Training mode's runs and scores: the service the training routes call, the pure scorer, and the
 * API view.
 */
export { TrainingService, type TrainingActor, type TrainingRunInput, type TrainingServiceDeps } from './training.service.ts';
export { describeQuery, scoreRun, type AdditionFact, type AreaTarget, type AuditedQuery, type EntryFact, type HitFact, type RunFacts, type SearchFact } from './training-score.ts';
export { trainingRunView, trainingScoreView, type TrainingRunView, type TrainingScoreView } from './training.view.ts';
export type * from './training.types.ts';
export { EXPECTATION_KINDS } from './training.types.ts';
