/**
 * What the dispatch side of the city sends, in the formats the real senders use: NENA EIDO JSON
 * (NENA-STA-021) from the CAD, one full EIDO per update of an incident, always with the incident's
 * `$id`; the OsmAnd protocol query string Traccar Client sends from an officer's phone; the
 * gunshot webhook's alert. Pure functions, so a replay sends the same bytes.
 */
import type { City } from './city.ts';
import type { SimGunshot, SimIncident } from './dispatch.ts';

const AGENCY = 'pd.bosque-city.example';
const PSAP = 'psap.bosque-city.example';
const iso = (ms: number) => new Date(ms).toISOString();
const KNOTS_PER_MPS = 3600 / 1852;
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;
const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A unit's status at `t` within an incident, in the words of NENA's unit status registry. */
function unitStatus(a: SimIncident['assignments'][number], t: number): string | undefined {
  if (t < a.dispatchedAt) return undefined;
  if (t >= a.clearedAt) return 'Available';
  if (t >= a.onSceneAt) return 'On Scene';
  if (t >= a.enrouteAt) return 'Enroute';
  return 'Dispatched';
}

/** The incident's CAD status at `t`: Pending, Dispatched, Enroute, On Scene, Closed. */
export function incidentStatusAt(inc: SimIncident, t: number): string {
  if (t >= inc.closedAt) return 'Closed';
  const st = inc.assignments.map((a) => unitStatus(a, t)).filter((s) => s !== undefined);
  if (st.includes('On Scene') || st.includes('Available')) return 'On Scene';
  if (st.includes('Enroute')) return 'Enroute';
  if (st.includes('Dispatched')) return 'Dispatched';
  return 'Pending';
}

/** The instants the CAD sends an EIDO for this incident: created, each unit's status change, closed. */
export function eidoTimes(inc: SimIncident): number[] {
  const times = new Set<number>([inc.createdAt, inc.closedAt]);
  for (const a of inc.assignments) for (const t of [a.dispatchedAt, a.enrouteAt, a.onSceneAt, a.clearedAt]) times.add(t);
  return [...times].sort((a, b) => a - b);
}

/**
 * The full EIDO of `inc` as the CAD knows it at `t`: type, priority, status, beat, the place
 * (PIDF-LO geodetic circle and civic address), the call, the call-taker's note, the units sent
 * with their status, and the disposition once closed.
 */
export function incidentEido(city: City, inc: SimIncident, t: number): Record<string, unknown> {
  const call = inc.call;
  const status = incidentStatusAt(inc, t);
  const closed = status === 'Closed';
  const by = { $ref: PSAP };
  const locId = `loc-${inc.number}`;
  const [road, suffix] = splitStreet(call.place.street);
  const [lon, lat] = call.place.location;
  const pidf =
    '<?xml version="1.0" encoding="UTF-8"?><presence xmlns="urn:ietf:params:xml:ns:pidf" xmlns:gp="urn:ietf:params:xml:ns:pidf:geopriv10" ' +
    'xmlns:gml="http://www.opengis.net/gml" xmlns:gs="http://www.opengis.net/pidflo/1.0" xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr" ' +
    `entity="pres:${inc.number}@${PSAP}"><gp:geopriv><gp:location-info>` +
    `<gs:Circle srsName="urn:ogc:def:crs:EPSG::4326"><gml:pos>${lat} ${lon}</gml:pos><gs:radius uom="urn:ogc:def:uom:EPSG::9001">15</gs:radius></gs:Circle>` +
    `<ca:civicAddress><ca:country>US</ca:country><ca:A1>TX</ca:A1><ca:A3>${xml(city.settings.name.replace(/ \(simulated\)$/, ''))}</ca:A3>` +
    `<ca:HNO>${call.place.houseNumber}</ca:HNO><ca:RD>${xml(road)}</ca:RD>${suffix ? `<ca:STS>${xml(suffix)}</ca:STS>` : ''}<ca:PC>76799</ca:PC></ca:civicAddress>` +
    '</gp:location-info></gp:geopriv></presence>';
  const incident: Record<string, unknown> = {
    $id: inc.incidentId,
    lastUpdateTimeStamp: iso(t),
    updatedByAgencyReference: by,
    incidentTypeCommonRegistryText: call.type.nena,
    incidentTypeInternalCode: call.type.code,
    incidentTypeInternalText: call.type.text,
    incidentStatusCommonRegistryText: [closed ? 'Closed' : 'Active'],
    incidentStatusInternalText: [status],
    incidentCommonPriorityNumber: call.priority,
    incidentPriorityInternalText: `P${call.priority}`,
    beatOrDispatchGroupText: `Beat ${call.place.beat.replace(/^B/, '')}`,
    locationReference: [{ $ref: locId }],
    notesReference: [{ $ref: `note-${inc.number}-1` }],
  };
  if (closed) {
    incident.dispositionComponent = [
      { $id: `disp-${inc.number}`, lastUpdateTimeStamp: iso(inc.closedAt), updatedByAgencyReference: by, dispositionCommonRegistryCode: inc.disposition, dispositionPrimaryIndicator: true, dispositionCategoryText: 'Law', dispositionDescriptionText: `${call.type.text}: ${inc.disposition.toLowerCase()}; incident ${inc.number}` },
    ];
  }
  const resources = inc.assignments
    .map((a) => ({ a, s: unitStatus(a, t) }))
    .filter((x) => x.s !== undefined)
    .map(({ a, s }) => ({
      $id: `res-${a.callSign}`,
      lastUpdateTimeStamp: iso(Math.max(...[a.dispatchedAt, a.enrouteAt, a.onSceneAt, a.clearedAt].filter((x) => x <= t))),
      updatedByAgencyReference: { $ref: AGENCY },
      emergencyResourceTypeCommonRegistryText: 'Law Enforcement',
      resourceAttributeRegistryText: ['Marked'],
      emergencyResourceName: a.callSign,
      primaryUnitStatusRegistryText: s,
      secondaryUnitStatusRegistryText: call.priority === 1 && s !== 'Available' ? ['Emergency Response'] : [],
    }));
  const eido: Record<string, unknown> = {
    $id: inc.incidentId,
    lastUpdateTimeStamp: iso(t),
    updatedByAgencyReference: by,
    eidoVersion: '1.0',
    issuingElementIdentification: `cad.${AGENCY}`,
    agencyComponent: [{ $id: PSAP, lastUpdateTimeStamp: iso(inc.createdAt), updatedByAgencyReference: by, agencyRoleDescriptionRegistryText: ['CallReceiving', 'Dispatching'] }],
    incidentComponent: incident,
    callComponent: [
      { $id: `urn:emergency:uid:callid:${inc.incidentId.split(':')[4]}:${PSAP}`, lastUpdateTimeStamp: iso(inc.createdAt), updatedByAgencyReference: by, standardPrimaryCallType: call.priority <= 2 ? 'emergency' : 'non-emergency', callStartTimestamp: iso(call.receivedAt), locationReference: [{ $ref: locId }] },
    ],
    locationComponent: [{ $id: locId, lastUpdateTimeStamp: iso(inc.createdAt), updatedByAgencyReference: by, locationTypeDescriptionRegistryText: 'Incident', locationByValue: pidf }],
    notesComponent: [
      { $id: `note-${inc.number}-1`, lastUpdateTimeStamp: iso(inc.createdAt), updatedByAgencyReference: by, notesActionComments: `<p>${xml(call.type.note)}</p>`, agentReference: { $ref: `calltaker@${PSAP}` } },
    ],
  };
  if (resources.length > 0) {
    eido.dispatchComponent = [{ $id: `dispatch-${inc.number}`, lastUpdateTimeStamp: iso(Math.min(...inc.assignments.map((a) => a.dispatchedAt))), updatedByAgencyReference: by, emergencyResourceReference: resources.map((r) => ({ $ref: r.$id })) }];
    eido.emergencyResourceComponent = resources;
  }
  return eido;
}

function splitStreet(street: string): [string, string | undefined] {
  const m = /^(.*) (St|Ave|Blvd|Pkwy)$/.exec(street);
  return m ? [m[1], m[2]] : [street, undefined];
}

/** A phone's position as Traccar Client sends it (OsmAnd protocol: query parameters, speed in knots, epoch seconds). */
export interface PhonePosition {
  callSign: string;
  at: number;
  location: [number, number];
  speedMps: number;
  heading: number;
  battery: number;
}

/** The OsmAnd query string Traccar Client puts on its POST (the server URL's own `key` is added by the sender). */
export function osmandQuery(p: PhonePosition): string {
  const q = new URLSearchParams({
    id: p.callSign,
    timestamp: String(Math.floor(p.at / 1000)),
    lat: String(round6(p.location[1])),
    lon: String(round6(p.location[0])),
    speed: String(Math.round(p.speedMps * KNOTS_PER_MPS * 10) / 10),
    bearing: String(p.heading),
    altitude: '142.0',
    accuracy: '6.0',
    batt: String(p.battery),
  });
  return q.toString();
}

/** The gunshot webhook body of an alert, as first detected or after the vendor's review. */
export function gunshotAlert(g: SimGunshot, reviewed: boolean): Record<string, unknown> {
  return {
    vendor: 'bosque-acoustics',
    id: g.id,
    detectedAt: iso(g.detectedAt),
    location: g.location,
    address: g.address,
    rounds: g.rounds,
    confidence: g.confidence,
    humanReviewed: reviewed,
    classification: g.rounds > 1 ? 'multiple_gunshots' : 'single_gunshot',
    sensorCount: g.sensorCount,
    updatedAt: iso(reviewed ? g.reviewedAt : g.detectedAt),
  };
}
