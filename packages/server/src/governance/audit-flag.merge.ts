/**
 * How the flag job's findings accumulate on a flag. Pure, so both stores merge alike: the seqs
 * are a sorted set capped at AUDIT_FLAG_MAX_SEQS (the oldest kept: they show how it began), the
 * count keeps growing, and a reviewed flag that gains records is open again, its last review kept
 * so the supervisor sees what was decided before.
 */
import { AUDIT_FLAG_MAX_SEQS, type AuditFlag, type AuditFlagHit } from '../store/store.types.ts';

/**
 * The flag after `hit`; `changed` is false when the hit brought nothing new (a re-run).
 * @example mergeFlag(undefined, { id: 'f', kind: 'bulk', actor: 'a', subject: 'd', reason: 'r', seqs: [3], firstAt: 1, at: 1 }).flag.count // 1
 */
export function mergeFlag(current: AuditFlag | undefined, hit: AuditFlagHit): { flag: AuditFlag; changed: boolean } {
  if (!current) {
    const seqs = [...new Set(hit.seqs)].sort((a, b) => a - b);
    return {
      changed: true,
      flag: { id: hit.id, kind: hit.kind, actor: hit.actor, subject: hit.subject, reason: hit.reason, firstAt: hit.firstAt, lastAt: hit.at, seqs: seqs.slice(0, AUDIT_FLAG_MAX_SEQS), count: seqs.length, status: 'open' },
    };
  }
  const known = new Set(current.seqs);
  const newest = current.seqs[current.seqs.length - 1] ?? 0;
  // past the cap, only seqs after the newest kept one can be new (the job moves forward)
  const fresh = [...new Set(hit.seqs)].filter((s) => !known.has(s) && (current.seqs.length < AUDIT_FLAG_MAX_SEQS || s > newest));
  if (fresh.length === 0) return { flag: current, changed: false };
  const seqs = [...current.seqs, ...fresh].sort((a, b) => a - b).slice(0, AUDIT_FLAG_MAX_SEQS);
  return {
    changed: true,
    flag: {
      ...current,
      reason: hit.reason,
      seqs,
      count: current.count + fresh.length,
      firstAt: Math.min(current.firstAt, hit.firstAt),
      lastAt: Math.max(current.lastAt, hit.at),
      status: 'open',
    },
  };
}
