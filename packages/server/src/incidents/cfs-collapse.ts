/**
 * Collapsing a calls-for-service file into incidents, and merging each into the stored one.
 *
 * Files repeat an incident once per assigned unit (Dallas) and list rows out of time order
 * (St. Louis), so rows are grouped by incident number before anything is stored: one incident
 * with every unit, opened at its earliest row. Of two rows disagreeing on a field, the later
 * received one wins; on a tie the first in the file stays.
 *
 * A file carries no update time of its own: it is a snapshot as of its import. The import time
 * therefore is the update time of whatever it changes, and an incident whose content the file
 * does not change keeps its stored update time, so importing the same file again changes
 * nothing, and a later file (a call now closed, a unit added) updates the incident.
 */
import type { Incident } from '@openrtcc/domain';
import type { IncidentUpdate } from '../ingest/eido/index.ts';
import { mergeIncident } from './incident-merge.ts';
import { sameJson } from '../store/same-json.ts';

const SCALARS = ['type', 'typeCode', 'typeText', 'priority', 'priorityText', 'status', 'statusText', 'beat', 'location'] as const;

/** Folds one more row's update into the incident's update from earlier rows of the file. */
export function combineRows(into: IncidentUpdate, row: IncidentUpdate): IncidentUpdate {
  const newer = row.updatedAt > into.updatedAt;
  const out: IncidentUpdate = { ...into, units: [...into.units] };
  for (const key of SCALARS) {
    const v = row[key];
    if (v === undefined) continue;
    if (newer || out[key] === undefined) (out as unknown as Record<string, unknown>)[key] = v;
  }
  out.updatedAt = Math.max(into.updatedAt, row.updatedAt);
  out.openedAt = Math.min(into.openedAt ?? into.updatedAt, row.openedAt ?? row.updatedAt);
  for (const u of row.units) {
    const i = out.units.findIndex((x) => x.unitId === u.unitId);
    if (i < 0) out.units.push(u);
    else if (u.at < out.units[i].at) out.units[i] = u; // a unit's time on the call is its first row
  }
  return out;
}

/**
 * The incident after merging the file's update: `current` itself (unchanged) when the file adds
 * nothing, else the merge with the import time as update time.
 * @example mergeImported(stored, update, { id: randomUUID(), importedAt: Date.now() })
 */
export function mergeImported(current: Incident | undefined, update: IncidentUpdate, ctx: { id: string; importedAt: number }): Incident {
  const asOfImport: IncidentUpdate = { ...update, updatedAt: Math.max(ctx.importedAt, current?.updatedAt ?? 0) };
  const next = mergeIncident(current, asOfImport, { id: ctx.id, receivedAt: ctx.importedAt });
  if (current && sameJson({ ...next, updatedAt: current.updatedAt }, current)) return current;
  return next;
}
