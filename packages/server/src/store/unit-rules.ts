/**
 * How a unit changes, shared by both stores so they agree: a position moves a unit only when it
 * is newer than the unit's latest; a dispatch status applies only when it is at least as new as
 * the stored one. Both return undefined when nothing changes.
 */
import type { Unit, UnitPosition } from '@openrtcc/domain';
import type { UnitStatusUpdate } from './store.types.ts';
import { asStored, sameJson } from './same-json.ts';

export function applyPosition(current: Unit | undefined, unitId: string, position: UnitPosition): Unit | undefined {
  if (current?.position && current.position.at >= position.at) return undefined;
  const base: Unit = current ?? { id: unitId, updatedAt: position.at };
  return asStored({ ...base, position, updatedAt: Math.max(base.updatedAt, position.at) });
}

export function applyStatus(current: Unit | undefined, u: UnitStatusUpdate): Unit | undefined {
  if (current?.statusAt !== undefined && current.statusAt > u.at) return undefined;
  const next: Unit = { ...(current ?? { id: u.unitId, updatedAt: u.at }), statusAt: u.at, updatedAt: Math.max(current?.updatedAt ?? u.at, u.at) };
  if (u.name !== undefined) next.name = u.name;
  if (u.type !== undefined) next.type = u.type;
  if (u.status !== undefined) next.status = u.status;
  if (u.incidentId === null) delete next.incidentId;
  else if (u.incidentId !== undefined) next.incidentId = u.incidentId;
  const stored = asStored(next);
  if (current) {
    // a status repeated with a new time only is no news
    const { statusAt: _a, updatedAt: _b, ...before } = current;
    const { statusAt: _c, updatedAt: _d, ...after } = stored;
    if (sameJson(before, after)) return undefined;
  }
  return stored;
}
