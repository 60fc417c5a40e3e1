/**
 * The unit as the API and the stream show it: ISO times.
 */
import type { Unit, UnitView } from '@openrtcc/domain';

const iso = (t: number): string => new Date(t).toISOString();

export function unitView(u: Unit): UnitView {
  const { statusAt, updatedAt, position, ...rest } = u;
  const v: UnitView = { ...rest, updatedAt: iso(updatedAt) };
  if (statusAt !== undefined) v.statusAt = iso(statusAt);
  if (position) v.position = { ...position, at: iso(position.at), receivedAt: iso(position.receivedAt) };
  return v;
}
