/**
 * SQL pieces retention shares across the PostgreSQL repositories: held time windows travel as
 * two bigint arrays (starts, ends), so a statement's text is the same whatever the holds are.
 */
import type { TimeWindow } from '../store.types.ts';

/** The windows as the two array parameters `outsideWindows` expects. */
export function windowParams(windows: TimeWindow[] = []): [number[], number[]] {
  return [windows.map((w) => w.from), windows.map((w) => w.to)];
}

/**
 * A condition true when `column` lies in none of the windows whose starts and ends are the
 * parameters `$n` and `$n+1`.
 */
export function outsideWindows(column: string, n: number): string {
  return `NOT EXISTS (SELECT 1 FROM unnest($${n}::bigint[], $${n + 1}::bigint[]) AS w(f, t) WHERE ${column} >= w.f AND ${column} < w.t)`;
}

/** True when [from, to) meets any window. */
export function overlapsAny(from: number, to: number, windows: TimeWindow[] = []): boolean {
  return windows.some((w) => from < w.to && to > w.from);
}
