/**
 * The incident as the API and the stream show it: ISO times.
 */
import type { Incident, IncidentView } from '@openrtcc/domain';

const iso = (t: number): string => new Date(t).toISOString();

export function incidentView(i: Incident): IncidentView {
  const { openedAt, updatedAt, closedAt, receivedAt, notes, dispositions, units, ...rest } = i;
  const v: IncidentView = {
    ...rest,
    openedAt: iso(openedAt),
    updatedAt: iso(updatedAt),
    receivedAt: iso(receivedAt),
    notes: notes.map((n) => ({ ...n, at: iso(n.at) })),
    dispositions: dispositions.map((d) => ({ ...d, at: iso(d.at) })),
    units: units.map((u) => ({ ...u, at: iso(u.at) })),
  };
  if (closedAt !== undefined) v.closedAt = iso(closedAt);
  return v;
}
