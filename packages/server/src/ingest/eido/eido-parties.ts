/**
 * The vehicles and people of an EIDO. Their details sit in NIEM structures (`ncVehicleComponent`:
 * nc:VehicleType with NCIC make and model codes; `ncPersonComponent`: nc:PersonType) whose depth
 * and spelling differ from one CAD to the next, so values are looked up by name (any case) a few
 * levels down, through augmentations, and a NIEM value object (`{ "simpleType": "FORD" }`,
 * `{ "identificationID": "ABC123" }`, a one-item array) is read as its text.
 *
 * People are kept as their roles and a description only (what an officer looks for); names,
 * birth dates and contact details are not read at all.
 */
import { normalizePlate, normalizeState, type IncidentPerson, type IncidentVehicle } from '@openrtcc/domain';
import { obj, text, time } from '../wire-values.ts';
import { field, idOf, texts, type Json } from './eido.fields.ts';

/** How deep a value is looked for inside a vehicle or person structure. */
const MAX_DEPTH = 5;
/** Keys visited per lookup: a hostile document cannot make one walk large. */
const MAX_VISITS = 2000;

/** The text of a NIEM value: a string or number, or the value inside its wrapper object or array. */
function valueText(v: unknown, depth = 0): string | undefined {
  if (depth > 3) return undefined;
  if (typeof v === 'string' || typeof v === 'number') return text(v, 200);
  if (Array.isArray(v)) return v.length > 0 ? valueText(v[0], depth + 1) : undefined;
  const o = obj(v);
  if (!o) return undefined;
  const inner = field(o, 'simpleType', 'value', '@value', '$', 'identificationID', 'text', 'code', 'jurisdictionText', 'locationStateUSPostalServiceCode');
  return inner === undefined ? undefined : valueText(inner, depth + 1);
}

/** The first value under any of `names` (any case), searched breadth-first a few levels down. */
function find(root: unknown, names: readonly string[]): unknown {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  let level: unknown[] = [root];
  let visits = 0;
  for (let depth = 0; depth <= MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const node of level) {
      const items = Array.isArray(node) ? node.slice(0, 20) : [node];
      for (const item of items) {
        const o = obj(item);
        if (!o) continue;
        for (const [k, v] of Object.entries(o)) {
          if (++visits > MAX_VISITS) return undefined;
          if (wanted.has(k.toLowerCase()) && v !== undefined && v !== null) return v;
          if (typeof v === 'object' && v !== null) next.push(v);
        }
      }
    }
    level = next;
  }
  return undefined;
}

const textOf = (root: unknown, names: readonly string[]): string | undefined => valueText(find(root, names));

const PLATE = ['conveyanceRegistrationPlateIdentification', 'registrationPlateIdentification', 'vehicleRegistrationPlateIdentification', 'licensePlate', 'licensePlateNumber', 'plateNumber', 'plate'];
const PLATE_STATE = ['identificationJurisdiction', 'jurisdiction', 'identificationJurisdictionText', 'state', 'plateState'];
const MAKE = ['makeCode', 'vehicleMakeCode', 'make', 'itemMakeName', 'vehicleMake'];
const MODEL = ['modelCode', 'vehicleModelCode', 'model', 'itemModelName', 'vehicleModel'];
const COLOR = ['colorPrimaryCode', 'vehicleColorPrimaryCode', 'itemColorDescriptionText', 'colorPrimary', 'color', 'vehicleColor'];
const YEAR = ['itemModelYearDate', 'vehicleModelYearDate', 'modelYear', 'year'];
const STYLE = ['styleCode', 'vehicleStyleCode', 'style'];
const VIN = ['vehicleIdentification', 'vehicleIdentificationNumber', 'vin', 'identification'];
const VEHICLE_TEXT = ['itemDescriptionText', 'conveyanceDescriptionText', 'description'];

/**
 * One vehicle component, or undefined when it identifies nothing.
 * @example decodeVehicle({ $id: 'v1', vehicleRelationshipType: ['Suspect'], ncVehicleComponent: {...} }, t, t)
 */
export function decodeVehicle(c: Json, fallbackAt: number, receivedAt: number): IncidentVehicle | undefined {
  const id = idOf(c);
  if (!id) return undefined;
  const nc = field(c, 'ncVehicleComponent', 'ncVehicle', 'vehicle') ?? c;
  const v: IncidentVehicle = { id, relationship: texts(field(c, 'vehicleRelationshipType', 'vehicleRelationship')), at: time(field(c, 'lastUpdateTimeStamp'), receivedAt) ?? fallbackAt };
  const plateNode = find(nc, PLATE);
  const plateRaw = valueText(obj(plateNode) ? field(obj(plateNode)!, 'identificationID', 'id', 'number') ?? plateNode : plateNode);
  if (plateRaw) {
    const plate = normalizePlate(plateRaw);
    if (plate.length >= 2 && plate.length <= 10) {
      v.plate = plate;
      v.plateRaw = plateRaw;
    }
    const state = normalizeState(textOf(plateNode, PLATE_STATE));
    if (state) v.state = state;
  }
  const set = <K extends 'make' | 'model' | 'color' | 'style' | 'description'>(key: K, names: readonly string[]) => {
    const t = textOf(nc, names);
    if (t) v[key] = t;
  };
  set('make', MAKE);
  set('model', MODEL);
  set('color', COLOR);
  set('style', STYLE);
  set('description', VEHICLE_TEXT);
  const year = Number(textOf(nc, YEAR)?.slice(0, 4));
  if (Number.isInteger(year) && year >= 1900 && year <= 2100) v.year = year;
  const vinNode = find(nc, VIN);
  const vin = valueText(obj(vinNode) ? field(obj(vinNode)!, 'identificationID', 'id') ?? vinNode : vinNode);
  if (vin && /^[A-HJ-NPR-Z0-9]{11,17}$/i.test(vin)) v.vin = vin.toUpperCase();
  const says = v.plate ?? v.make ?? v.model ?? v.color ?? v.description ?? v.vin;
  return says !== undefined || v.relationship.length > 0 ? v : undefined;
}

/** What describes a person, in the order an officer reads it. */
const DESCRIPTION_PARTS: readonly [string, readonly string[]][] = [
  ['sex', ['sexCode', 'sex', 'personSex', 'personSexCode']],
  ['race', ['raceCode', 'race', 'personRace']],
  ['age', ['ageDescription', 'ageMeasure', 'age']],
  ['height', ['heightDescription', 'heightMeasure', 'height']],
  ['build', ['build', 'buildCode']],
  ['hair', ['hairColor', 'hairColorCode']],
  ['clothing', ['clothingDescription', 'clothing']],
  ['appearance', ['generalAppearanceDescription', 'physicalFeatureDescription']],
  ['description', ['description', 'personDescriptionText']],
];

/**
 * One person component as role and description; undefined when it says neither.
 * @example decodePerson({ $id: 'p1', personIncidentRoleRegistryText: ['Suspect'], ncPersonComponent: {...} }, t, t)
 */
export function decodePerson(c: Json, fallbackAt: number, receivedAt: number): IncidentPerson | undefined {
  const id = idOf(c);
  if (!id) return undefined;
  const roles = texts(field(c, 'personIncidentRoleRegistryText', 'personIncidentRole', 'role'));
  const nc = field(c, 'ncPersonComponent', 'ncPerson', 'person');
  const parts: string[] = [];
  if (nc !== undefined) {
    for (const [label, names] of DESCRIPTION_PARTS) {
      const t = textOf(nc, names);
      if (t) parts.push(label === 'description' ? t : `${label} ${t}`);
    }
  }
  if (roles.length === 0 && parts.length === 0) return undefined;
  const p: IncidentPerson = { id, roles, at: time(field(c, 'lastUpdateTimeStamp'), receivedAt) ?? fallbackAt };
  if (parts.length > 0) p.description = parts.join('; ').slice(0, 1000);
  return p;
}
