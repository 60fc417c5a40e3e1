/**
 * The incident as the API and the stream show it: ISO times.
 */
import type { Incident, IncidentView } from '@openrtcc/domain';

const iso = (t: number): string => new Date(t).toISOString();

export function incidentView(i: Incident): IncidentView {
  const { openedAt, updatedAt, closedAt, receivedAt, notes, dispositions, units, vehicles, persons, ...rest } = i;
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
  if (vehicles && vehicles.length > 0) v.vehicles = vehicles.map((x) => ({ ...x, at: iso(x.at) }));
  if (persons && persons.length > 0) v.persons = persons.map((x) => ({ ...x, at: iso(x.at) }));
  return v;
}
