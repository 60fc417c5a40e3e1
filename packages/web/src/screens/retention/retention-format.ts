/** How the retention screen writes days and times. */

/** "30 days", "kept". */
export function daysText(days: number | null): string {
  return days === null ? 'kept' : `${days} day${days === 1 ? '' : 's'}`;
}

/** A time for a table cell, in the browser's zone. */
export function when(iso: string | undefined | null): string {
  return iso ? new Date(iso).toLocaleString() : '—';
}
