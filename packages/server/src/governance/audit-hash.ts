/**
 * How an audit record is hashed: SHA-256 over its canonical JSON (keys sorted at every level,
 * undefined fields left out), its predecessor's hash inside it. Shared by the service that
 * appends and by every verifier, so the server, the CLI and an outside auditor agree byte for byte.
 */
import { createHash } from 'node:crypto';
import type { AuditRecord } from '../store/store.types.ts';

/** The `prevHash` of the first record. */
export const GENESIS = '0'.repeat(64);

/** The canonical JSON of a value: keys sorted at every level, undefined members dropped. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonical(obj[k])}`).join(',')}}`;
}

/**
 * The hash a record must carry: over everything but the hash itself.
 * @example hashRecord({ seq: 1, id: 'a', at: 0, actor: 'x', action: 'y', outcome: 'success', prevHash: GENESIS })
 */
export function hashRecord(r: Omit<AuditRecord, 'hash'>): string {
  return createHash('sha256').update(canonical(r)).digest('hex');
}

/** The UTC day (`YYYY-MM-DD`) a time falls in: the unit of the published daily roots. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Midnight UTC starting `day` (`YYYY-MM-DD`), in ms. */
export function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00.000Z`);
}

export const DAY_MS = 86_400_000;
