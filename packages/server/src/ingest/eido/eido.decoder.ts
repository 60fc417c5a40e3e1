/**
 * Decoder for NENA EIDO (NENA-STA-021, JSON): one EIDO (or an array of them) in, the incident
 * update it carries and the units (emergency resources) it mentions out.
 *
 * - The incident is identified by the EIDO's `$id` (the incident tracking id), else the incident
 *   component's, else the first call's; every later EIDO with that id merges into it.
 * - An EIDO without an incident component (a call transfer) still describes a call for service:
 *   its call gives the opening time and type, its locations the place.
 * - Locations come by value as PIDF-LO (civic and/or geodetic) or by reference (kept as a URL).
 * - A unit's id is its common name (the call sign dispatch and the unit's phone both use), else
 *   its `$id`; a unit location that is a point becomes a position of that unit.
 * - Vehicles (with their plates) and people (role and description only) come from the vehicle and
 *   person components (eido-parties.ts).
 * - Older spellings (2020 draft PascalCase, `id`, single objects for arrays) are read too.
 *
 * Pure: no I/O. Throws DecodeError for what cannot be an EIDO; the route quarantines it.
 */
import type { IncidentDisposition, IncidentLocation, IncidentNote, IncidentPerson, IncidentStatus, IncidentUnit, IncidentVehicle, UnitPosition } from '@openrtcc/domain';
import { DecodeError, type RawPayload } from '../decoder.types.ts';
import { parseJsonBody } from '../json-body.ts';
import { bool, kindOf, num, obj, text, time } from '../wire-values.ts';
import { components, field, htmlText, idOf, refOf, refsOf, texts, type Json } from './eido.fields.ts';
import { parsePidfLo } from './pidf-lo.ts';
import { decodePerson, decodeVehicle } from './eido-parties.ts';

export const EIDO_SOURCE = 'eido';

/** What one EIDO says about its incident; absent fields say nothing (they never clear a stored value). */
export interface IncidentUpdate {
  sourceSystem: string;
  sourceIncidentId: string;
  /** The EIDO's last update time (the newest of its components when the top level has none). */
  updatedAt: number;
  type?: string;
  typeCode?: string;
  typeText?: string;
  callType?: string;
  priority?: number;
  priorityText?: string;
  status?: IncidentStatus;
  statusText?: string[];
  beat?: string;
  /** When the first call started, if the EIDO carries calls. */
  openedAt?: number;
  location?: IncidentLocation;
  notes: IncidentNote[];
  dispositions: IncidentDisposition[];
  units: IncidentUnit[];
  vehicles?: IncidentVehicle[];
  persons?: IncidentPerson[];
}

/** An emergency resource as the EIDO reports it. */
export interface EidoUnit {
  unitId: string;
  name?: string;
  type?: string;
  status?: string;
  secondaryStatus?: string[];
  at: number;
  /** The source id of the incident the unit is active on (this EIDO's when it does not say). */
  activeOnIncidentId: string;
  position?: UnitPosition;
}

export interface EidoDecoded {
  incidents: IncidentUpdate[];
  units: EidoUnit[];
  /** Set when the payload was understood but carries nothing to store. */
  ignored?: string;
}

/** EIDOs accepted in one array body. */
export const MAX_EIDOS = 100;

// Incident status registry values (and common CAD words) that mean the incident is over.
const CLOSED = /^(closed?|cleared|completed?|cancell?ed|archived|resolved|finished|terminated)$/i;

/**
 * Decodes an EIDO body.
 * @throws DecodeError for bodies that are not JSON, not objects, or carry no incident id.
 * @example eidoDecoder.decode({ body, receivedAt: Date.now() }).incidents[0].sourceIncidentId
 */
export const eidoDecoder = {
  family: EIDO_SOURCE,
  decode(payload: RawPayload): EidoDecoded {
    const value = parseJsonBody(payload);
    const list = Array.isArray(value) ? value : [value];
    if (list.length === 0) return { incidents: [], units: [], ignored: 'empty array' };
    if (list.length > MAX_EIDOS) throw new DecodeError(`an array of ${list.length} EIDOs; at most ${MAX_EIDOS} in one request`);
    const out: EidoDecoded = { incidents: [], units: [] };
    list.forEach((item, i) => {
      const o = obj(item);
      if (!o) throw new DecodeError(`${Array.isArray(value) ? `[${i}]: ` : ''}expected an EIDO JSON object, got ${kindOf(item)}`);
      try {
        const one = decodeEido(unwrap(o), payload.receivedAt);
        out.incidents.push(...one.incidents);
        out.units.push(...one.units);
      } catch (e) {
        if (e instanceof DecodeError && Array.isArray(value)) throw new DecodeError(`[${i}]: ${e.message}`, { cause: e });
        throw e;
      }
    });
    if (out.incidents.length + out.units.length === 0) out.ignored = 'the EIDO carries no incident, call, note or emergency resource';
    return out;
  },
};

/** Some bridges wrap the EIDO in one property (`{"eido": {...}}`, `{"EmergencyIncidentDataObject": {...}}`). */
function unwrap(o: Json): Json {
  const keys = Object.keys(o);
  if (keys.length === 1) {
    const inner = obj(o[keys[0]]);
    if (inner && (field(inner, 'eidoVersion') !== undefined || field(inner, '$id', 'id') !== undefined)) return inner;
  }
  return o;
}

function decodeEido(eido: Json, receivedAt: number): EidoDecoded {
  const incidentComponent = components(eido, 'incidentComponent')[0];
  const calls = components(eido, 'callComponent');
  const locations = new Map<string, Json>();
  for (const l of components(eido, 'locationComponent')) {
    const id = idOf(l);
    if (id) locations.set(id, l);
  }
  const sourceIncidentId =
    text(field(eido, '$id', 'id', 'incidentTrackingIdentifier'), 300) ?? (incidentComponent && idOf(incidentComponent)) ?? (calls[0] && idOf(calls[0]));
  if (!sourceIncidentId) throw new DecodeError('the EIDO has no $id (nor an incident or call component with one): nothing identifies its incident');

  const stamp = (c: Json | undefined): number | undefined => (c ? time(field(c, 'lastUpdateTimeStamp'), receivedAt) : undefined);
  const noteComponents = components(eido, 'notesComponent', 'noteComponent');
  const resources = components(eido, 'emergencyResourceComponent');
  const everyStamp = [stamp(eido), stamp(incidentComponent), ...calls.map(stamp), ...noteComponents.map(stamp)].filter((t): t is number => t !== undefined);
  const updatedAt = stamp(eido) ?? (everyStamp.length > 0 ? Math.max(...everyStamp) : receivedAt);

  const unitLocationIds = new Set(resources.map((r) => refOf(field(r, 'unitLocationReference'))).filter((r): r is string => r !== undefined));
  const units = resources.map((r) => decodeUnit(r, sourceIncidentId, locations, updatedAt, receivedAt)).filter((u): u is EidoUnit => u !== undefined);

  const notes = noteComponents.map((n) => decodeNote(n, updatedAt, receivedAt)).filter((n): n is IncidentNote => n !== undefined);
  const vehicles = components(eido, 'vehicleComponent').map((v) => decodeVehicle(v, updatedAt, receivedAt)).filter((v): v is IncidentVehicle => v !== undefined);
  const persons = components(eido, 'personComponent').map((p) => decodePerson(p, updatedAt, receivedAt)).filter((p): p is IncidentPerson => p !== undefined);
  const hasIncident = incidentComponent !== undefined || calls.length > 0 || notes.length > 0 || vehicles.length > 0;
  if (!hasIncident) return { incidents: [], units };

  const update: IncidentUpdate = {
    sourceSystem: EIDO_SOURCE,
    sourceIncidentId,
    updatedAt,
    notes,
    dispositions: [],
    units: units
      .filter((u) => u.activeOnIncidentId === sourceIncidentId)
      .map((u) => {
        const iu: IncidentUnit = { unitId: u.unitId, at: u.at };
        if (u.name !== undefined) iu.name = u.name;
        if (u.type !== undefined) iu.type = u.type;
        if (u.status !== undefined) iu.status = u.status;
        if (u.secondaryStatus && u.secondaryStatus.length > 0) iu.secondaryStatus = u.secondaryStatus;
        return iu;
      }),
  };
  if (vehicles.length > 0) update.vehicles = vehicles;
  if (persons.length > 0) update.persons = persons;
  const callStarts = calls.map((c) => time(field(c, 'callStartTimestamp', 'callStartTimeStamp', 'answerDate'), receivedAt)).filter((t): t is number => t !== undefined);
  if (callStarts.length > 0) update.openedAt = Math.min(...callStarts);
  const callType = calls.map((c) => text(field(c, 'standardPrimaryCallType', 'callType'), 100)).find((t) => t !== undefined);
  if (callType) update.callType = callType;

  let locationRefs: string[] = [];
  if (incidentComponent) {
    const ic = incidentComponent;
    setText(update, 'type', field(ic, 'incidentTypeCommonRegistryText', 'incidentType'));
    setText(update, 'typeCode', field(ic, 'incidentTypeInternalCode'));
    setText(update, 'typeText', field(ic, 'incidentTypeInternalText'));
    const priority = num(field(ic, 'incidentCommonPriorityNumber', 'incidentPriorityNumber'));
    if (priority !== undefined && Number.isInteger(priority) && Math.abs(priority) < 1e6) update.priority = priority;
    setText(update, 'priorityText', field(ic, 'incidentPriorityInternalText'));
    setText(update, 'beat', field(ic, 'beatOrDispatchGroupText'));
    const statusText = [...texts(field(ic, 'incidentStatusCommonRegistryText')), ...texts(field(ic, 'incidentStatusInternalText'))];
    if (statusText.length > 0) {
      update.statusText = statusText;
      update.status = statusText.some((s) => CLOSED.test(s)) ? 'closed' : 'open';
    }
    update.dispositions = components(ic, 'dispositionComponent')
      .map((d) => decodeDisposition(d, stamp(incidentComponent) ?? updatedAt, receivedAt))
      .filter((d): d is IncidentDisposition => d !== undefined);
    locationRefs = refsOf(field(ic, 'locationReference'));
  }
  for (const c of calls) locationRefs.push(...refsOf(field(c, 'locationReference')));
  // without references, any location that is not a unit's is the incident's
  if (locationRefs.length === 0) locationRefs = [...locations.keys()].filter((id) => !unitLocationIds.has(id));
  const location = incidentLocation(locationRefs, locations);
  if (location) update.location = location;
  return { incidents: [update], units };
}

function setText<K extends 'type' | 'typeCode' | 'typeText' | 'priorityText' | 'beat'>(u: IncidentUpdate, key: K, v: unknown): void {
  const t = text(v, 200);
  if (t !== undefined) u[key] = t;
}

/** One location from the referenced ones: the first point and the first civic address found. */
function incidentLocation(refs: string[], locations: Map<string, Json>): IncidentLocation | undefined {
  const out: IncidentLocation = {};
  for (const ref of refs) {
    const l = locations.get(ref);
    if (!l) continue;
    const byValue = field(l, 'locationByValue');
    const parsed = typeof byValue === 'string' ? parsePidfLo(byValue) : {};
    const type = text(field(l, 'locationTypeDescriptionRegistryText', 'locationType'), 100);
    if (parsed.point && !out.point) {
      out.point = parsed.point;
      if (parsed.radiusMeters !== undefined) out.radiusMeters = parsed.radiusMeters;
    }
    if (parsed.civic && !out.civic) {
      out.civic = parsed.civic;
      if (parsed.address) out.address = parsed.address;
    }
    if ((parsed.point || parsed.civic) && type && !out.locationType) out.locationType = type;
    const url = text(field(l, 'locationByReferenceUrl'), 2000);
    if (url && !out.referenceUrl && /^https?:\/\//i.test(url)) out.referenceUrl = url;
  }
  if (!out.point && !out.civic && !out.referenceUrl) return undefined;
  if (!out.point && !out.civic) {
    const first = locations.get(refs.find((r) => locations.has(r))!);
    const type = first && text(field(first, 'locationTypeDescriptionRegistryText'), 100);
    if (type) out.locationType = type;
  }
  return out;
}

function decodeNote(n: Json, fallbackAt: number, receivedAt: number): IncidentNote | undefined {
  const body = htmlText(field(n, 'notesActionComments', 'noteText', 'notes'));
  if (body === undefined) return undefined;
  const at = time(field(n, 'lastUpdateTimeStamp'), receivedAt) ?? fallbackAt;
  const note: IncidentNote = { id: idOf(n) ?? `${at}:${body.slice(0, 40)}`, text: body, at };
  const author = refOf(field(n, 'agentReference')) ?? refOf(field(n, 'updatedByAgentReference'));
  if (author) note.author = author;
  return note;
}

function decodeDisposition(d: Json, fallbackAt: number, receivedAt: number): IncidentDisposition | undefined {
  const code = text(field(d, 'dispositionCommonRegistryCode', 'dispositionCode'), 100);
  if (!code) return undefined;
  const out: IncidentDisposition = { code, at: time(field(d, 'lastUpdateTimeStamp'), receivedAt) ?? fallbackAt };
  const primary = bool(field(d, 'dispositionPrimaryIndicator'));
  if (primary !== undefined) out.primary = primary;
  const category = text(field(d, 'dispositionCategoryText'), 200);
  if (category) out.category = category;
  const description = text(field(d, 'dispositionDescriptionText'), 1000);
  if (description) out.description = description;
  return out;
}

function decodeUnit(r: Json, incidentId: string, locations: Map<string, Json>, fallbackAt: number, receivedAt: number): EidoUnit | undefined {
  const name = text(field(r, 'emergencyResourceName', 'unitName', 'callSign'), 100);
  const unitId = name ?? idOf(r);
  if (!unitId) return undefined;
  const at = time(field(r, 'lastUpdateTimeStamp'), receivedAt) ?? fallbackAt;
  const unit: EidoUnit = { unitId, at, activeOnIncidentId: text(field(r, 'activeOnIncidentId'), 300) ?? incidentId };
  if (name) unit.name = name;
  const type = text(field(r, 'emergencyResourceTypeCommonRegistryText', 'emergencyResourceTypeInternalText'), 100);
  if (type) unit.type = type;
  const status = text(field(r, 'primaryUnitStatusRegistryText', 'unitStatus'), 100) ?? texts(field(r, 'unitStatusInternal'))[0];
  if (status) unit.status = status;
  const secondary = texts(field(r, 'secondaryUnitStatusRegistryText'));
  if (secondary.length > 0) unit.secondaryStatus = secondary;
  const locRef = refOf(field(r, 'unitLocationReference'));
  const loc = locRef ? locations.get(locRef) : undefined;
  const byValue = loc ? field(loc, 'locationByValue') : undefined;
  if (loc && typeof byValue === 'string') {
    const parsed = parsePidfLo(byValue);
    if (parsed.point) {
      const position: UnitPosition = { location: parsed.point, at: time(field(loc, 'lastUpdateTimeStamp'), receivedAt) ?? at, sourceSystem: EIDO_SOURCE, receivedAt };
      if (parsed.radiusMeters !== undefined) position.accuracy = parsed.radiusMeters;
      unit.position = position;
    }
  }
  return unit;
}
