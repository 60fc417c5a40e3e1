/**
 * Dispatch incidents (cad module): the open ones from the stream's snapshot, then each
 * `incident.updated` merged by id. A snapshot after a reconnect replaces the set, so an incident
 * closed while the console was away disappears. Closed incidents are kept a while, only so a
 * panel that shows one can say it closed.
 */
import type { IncidentView } from '@openrtcc/domain';
import { Store } from '../app/store.ts';

export interface IncidentsState {
  open: ReadonlyMap<string, IncidentView>;
  /** Closed since the console opened (bounded), by id. */
  closed: ReadonlyMap<string, IncidentView>;
  loaded: boolean;
}

const MAX_CLOSED = 200;

export const incidents = new Store<IncidentsState>({ open: new Map(), closed: new Map(), loaded: false });

/** `list` is absent when the cad module is off: nothing to show. */
export function applyIncidentsSnapshot(list: IncidentView[] | undefined): void {
  incidents.update((s) => ({ ...s, open: new Map((list ?? []).filter((i) => i.status === 'open').map((i) => [i.id, i])), loaded: list !== undefined }));
}

export function applyIncident(i: IncidentView): void {
  incidents.update((s) => {
    const before = s.open.get(i.id) ?? s.closed.get(i.id);
    // an update the console already has (or an older one overtaken by a snapshot) changes nothing
    if (before && before.updatedAt > i.updatedAt) return s;
    const open = new Map(s.open);
    const closed = new Map(s.closed);
    if (i.status === 'open') {
      open.set(i.id, i);
      closed.delete(i.id);
    } else {
      open.delete(i.id);
      closed.set(i.id, i);
      if (closed.size > MAX_CLOSED) closed.delete(closed.keys().next().value!);
    }
    return { ...s, open, closed };
  });
}

export function findIncident(s: IncidentsState, id: string): IncidentView | undefined {
  return s.open.get(id) ?? s.closed.get(id);
}

/** Highest priority (1) first, then newest opened; no priority last. */
export function incidentOrder(a: IncidentView, b: IncidentView): number {
  return (a.priority ?? 99) - (b.priority ?? 99) || (a.openedAt < b.openedAt ? 1 : a.openedAt > b.openedAt ? -1 : 0);
}

/**
 * The number a person would type as the case number: the local part of an EIDO incident URN
 * (`urn:emergency:uid:incidentid:<id>:<domain>`), else the source's id as it came.
 */
export function incidentNumber(i: Pick<IncidentView, 'sourceIncidentId'>): string {
  const m = /^urn:emergency:uid:incidentid:([^:]+):/i.exec(i.sourceIncidentId);
  return m ? m[1] : i.sourceIncidentId;
}

export function incidentTitle(i: IncidentView): string {
  return i.typeText ?? i.type ?? i.typeCode ?? (i.callType ? `${i.callType} call` : 'Incident');
}

export function resetIncidents(): void {
  incidents.set({ open: new Map(), closed: new Map(), loaded: false });
}
