/** How the console writes times, ages, confidences and codes. */
import type { Disposition, MatchKind } from '../api/wire.ts';

const dateTime = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
const timeOnly = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

export const fmtDateTime = (iso: string | undefined): string => (iso ? dateTime.format(new Date(iso)) : '—');
export const fmtTime = (iso: string | undefined): string => (iso ? timeOnly.format(new Date(iso)) : '—');

/** A duration in the largest sensible unit: "45 s", "12 min", "3 h", "21 days", "2.1 years". */
export function fmtDuration(ms: number): string {
  const s = Math.max(0, ms) / 1000;
  if (s < 90) return `${Math.round(s)} s`;
  if (s < 90 * 60) return `${Math.round(s / 60)} min`;
  if (s < 48 * 3600) return `${Math.round(s / 3600)} h`;
  const days = s / 86400;
  if (days < 730) return `${Math.round(days)} days`;
  return `${(days / 365.25).toFixed(1)} years`;
}

export const fmtAgo = (iso: string | undefined, now = Date.now()): string => (iso ? `${fmtDuration(now - Date.parse(iso))} ago` : 'never');

export const fmtPct = (x: number): string => `${Math.round(x * 100)}%`;

export const DISPOSITION_LABELS: Record<Disposition, string> = {
  confirmed: 'Confirmed',
  misread: 'Misread',
  wrong_state: 'Wrong state',
  vehicle_mismatch: 'Vehicle mismatch',
  record_stale: 'Record stale',
  dismissed: 'Dismissed',
};

export const MATCH_LABELS: Record<MatchKind, string> = {
  exact: 'Exact match',
  'ocr-equivalent': 'OCR-equivalent (look-alike characters)',
  'one-edit': 'One character different',
};

/** `=` for an exact match, `≈` for anything a camera's misreading could explain. */
export const matchSymbol = (k: MatchKind): string => (k === 'exact' ? '=' : '≈');

export function toCsv(rows: (string | number | undefined)[][]): string {
  const cell = (v: string | number | undefined) => {
    const s = v === undefined ? '' : String(v);
    // a leading =, +, - or @ would run as a formula in a spreadsheet
    const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
    return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function download(name: string, text: string, type = 'text/csv'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
