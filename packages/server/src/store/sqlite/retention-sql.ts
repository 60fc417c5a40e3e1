/**
 * SQL pieces retention shares across the SQLite repositories: held time windows travel as one
 * JSON parameter (`[[from, to], …]`), so a statement is prepared once whatever the holds are.
 */
import type { TimeWindow } from '../store.types.ts';

/** The windows as the JSON parameter `outsideWindows` expects. */
export function windowsParam(windows: TimeWindow[] = []): string {
  return JSON.stringify(windows.map((w) => [w.from, w.to]));
}

/** A condition true when `column` lies in none of the windows of the next `?` parameter. */
export function outsideWindows(column: string): string {
  return `NOT EXISTS (SELECT 1 FROM json_each(?) w WHERE ${column} >= (w.value ->> 0) AND ${column} < (w.value ->> 1))`;
}

/** True when [oldest, newest] meets any window. */
export function overlapsAny(oldest: number, newest: number, windows: TimeWindow[] = []): boolean {
  return windows.some((w) => oldest < w.to && newest >= w.from);
}
