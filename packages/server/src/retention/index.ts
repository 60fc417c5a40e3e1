/** Retention: policy and presets, legal holds, the deletion job and its daily schedule. */
export { RetentionService, type PolicyState, type RetentionActor } from './retention.service.ts';
export { RetentionJob, msUntilHour } from './retention.job.ts';
export { PRESETS, DATA_TYPES, DATA_TYPE_LABELS, AUDIT_MINIMUM_DAYS, type DataType } from './retention-policy.ts';
export { checkHold, heldSelection, type HoldInput } from './hold-rules.ts';
