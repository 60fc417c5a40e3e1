/**
 * How an incident update from dispatch merges into the stored incident: a pure function, run by
 * the store under a lock on the incident.
 *
 * - Plain fields follow the newest update: an update older than what is stored only fills fields
 *   the incident does not have yet (EIDOs can arrive out of order).
 * - Notes merge by their id, dispositions by their code, units, vehicles and people by their id;
 * of two versions of
 *   one, the later wins. Nothing an update leaves out is removed.
 * - The incident opened at its earliest known call; it is closed when its newest status says so.
 * - The same update applied twice gives the same incident, so a resent EIDO changes nothing.
 */
import type { Incident, IncidentDisposition, IncidentNote, IncidentPerson, IncidentUnit, IncidentVehicle } from '@openrtcc/domain';
import type { IncidentUpdate } from '../ingest/eido/index.ts';

/** Notes kept per incident (the newest). */
export const MAX_NOTES = 500;
/** Units kept per incident. */
export const MAX_UNITS = 200;
/** Vehicles and people kept per incident. */
export const MAX_PARTIES = 100;

const SCALARS = ['type', 'typeCode', 'typeText', 'callType', 'priority', 'priorityText', 'statusText', 'beat', 'location'] as const;

/**
 * @param ctx the id for a new incident and the time this update was received
 * @example mergeIncident(undefined, update, { id: randomUUID(), receivedAt: Date.now() })
 */
export function mergeIncident(current: Incident | undefined, u: IncidentUpdate, ctx: { id: string; receivedAt: number }): Incident {
  const base: Incident = current ?? {
    id: ctx.id,
    sourceSystem: u.sourceSystem,
    sourceIncidentId: u.sourceIncidentId,
    status: 'open',
    openedAt: u.openedAt ?? u.updatedAt,
    updatedAt: u.updatedAt,
    notes: [],
    dispositions: [],
    units: [],
    receivedAt: ctx.receivedAt,
  };
  const newer = current === undefined || u.updatedAt >= current.updatedAt;
  const next: Incident = { ...base };
  for (const key of SCALARS) {
    const value = u[key];
    if (value === undefined) continue;
    if (newer || next[key] === undefined) (next as unknown as Record<string, unknown>)[key] = value;
  }
  if (u.status !== undefined && (newer || current === undefined)) {
    if (u.status === 'closed') next.closedAt = next.status === 'closed' && next.closedAt !== undefined ? next.closedAt : u.updatedAt;
    else delete next.closedAt;
    next.status = u.status;
  }
  next.updatedAt = Math.max(base.updatedAt, u.updatedAt);
  if (u.openedAt !== undefined) next.openedAt = Math.min(base.openedAt, u.openedAt);
  next.notes = byKey(base.notes, u.notes, (n) => n.id, (a, b) => a.at - b.at || cmp(a.id, b.id)).slice(-MAX_NOTES);
  next.dispositions = byKey(base.dispositions, u.dispositions, (d) => d.code, (a, b) => a.at - b.at || cmp(a.code, b.code));
  next.units = byKey(base.units, u.units, (x) => x.unitId, (a, b) => cmp(a.unitId, b.unitId)).slice(0, MAX_UNITS);
  const vehicles = byKey(base.vehicles ?? [], u.vehicles ?? [], (x) => x.id, (a, b) => a.at - b.at || cmp(a.id, b.id)).slice(0, MAX_PARTIES);
  const persons = byKey(base.persons ?? [], u.persons ?? [], (x) => x.id, (a, b) => a.at - b.at || cmp(a.id, b.id)).slice(0, MAX_PARTIES);
  if (vehicles.length > 0) next.vehicles = vehicles;
  if (persons.length > 0) next.persons = persons;
  return next;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Union by key; for one key the item with the later `at` (the incoming one on a tie) wins; sorted. */
function byKey<T extends IncidentNote | IncidentDisposition | IncidentUnit | IncidentVehicle | IncidentPerson>(old: T[], incoming: T[], key: (t: T) => string, order: (a: T, b: T) => number): T[] {
  const m = new Map<string, T>();
  for (const t of old) m.set(key(t), t);
  for (const t of incoming) {
    const had = m.get(key(t));
    if (!had || t.at >= had.at) m.set(key(t), t);
  }
  return [...m.values()].sort(order);
}
