/**
 * Searching reads by what the camera saw of the vehicle (make, model, colour, body type), the
 * "vehicle fingerprint" of LPR platforms. Cameras spell these their own way (OpenALPR's
 * `silver-gray` and `pickup-fullsize`, Plate Recognizer's `Pickup Truck`, a Genetec free-text
 * type), so the filter is folded (case, spaces and punctuation ignored) and matched by part:
 * a search for `gray` finds `silver-gray`, `pickup` finds `pickup-fullsize` and `Pickup Truck`,
 * `chevy` finds `Chevrolet`. A read whose camera reported no such field never matches it.
 */
import type { VehicleDescription } from './types.ts';

/** What a read search may ask of the vehicle; each given field must match (AND). */
export interface VehicleFilter {
  make?: string;
  model?: string;
  color?: string;
  bodyType?: string;
}

export const VEHICLE_FILTER_FIELDS = ['make', 'model', 'color', 'bodyType'] as const;

/** Longest text a vehicle filter field takes. */
export const VEHICLE_FILTER_MAX = 40;

/** The colours cameras report (OpenALPR's set, which Plate Recognizer and Genetec fold into). */
export const VEHICLE_COLORS: readonly string[] = ['black', 'blue', 'brown', 'gold', 'gray', 'green', 'orange', 'purple', 'red', 'silver', 'tan', 'white', 'yellow'];

/** Body types, general enough that each matches every camera's finer names for it. */
export const VEHICLE_BODY_TYPES: readonly string[] = ['sedan', 'suv', 'pickup', 'van', 'wagon', 'hatchback', 'coupe', 'convertible', 'truck', 'bus', 'motorcycle'];

/** Makes seen on US roads, for the search form; any other make can still be typed. */
export const VEHICLE_MAKES: readonly string[] = [
  'Acura', 'Audi', 'BMW', 'Buick', 'Cadillac', 'Chevrolet', 'Chrysler', 'Dodge', 'Fiat', 'Ford', 'Freightliner', 'Genesis', 'GMC', 'Harley-Davidson',
  'Honda', 'Hyundai', 'Infiniti', 'International', 'Jaguar', 'Jeep', 'Kenworth', 'Kia', 'Land Rover', 'Lexus', 'Lincoln', 'Mazda', 'Mercedes-Benz',
  'Mini', 'Mitsubishi', 'Nissan', 'Peterbilt', 'Polestar', 'Porsche', 'Ram', 'Rivian', 'Subaru', 'Tesla', 'Toyota', 'Volkswagen', 'Volvo',
];

const MAKE_ALIASES: Readonly<Record<string, string>> = {
  chevy: 'chevrolet',
  vw: 'volkswagen',
  mercedes: 'mercedesbenz',
  benz: 'mercedesbenz',
  harley: 'harleydavidson',
  landrover: 'landrover',
};

const fold = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const foldMake = (s: string): string => MAKE_ALIASES[fold(s)] ?? fold(s);

/** The folded words of a described value: `Silver-Gray` → silvergray, silver, gray. */
function parts(s: string): string[] {
  const words = s
    .toLowerCase()
    .split(/[^a-z0-9]+|\band\b/)
    .map(fold)
    .filter((w) => w.length > 0)
    .map((w) => (w === 'grey' ? 'gray' : w));
  return [fold(s).replace(/grey/g, 'gray'), ...words];
}

function colorMatches(seen: string, wanted: string): boolean {
  const want = fold(wanted).replace(/grey/g, 'gray');
  return parts(seen).includes(want);
}

/** A body type matches when the wanted type is one of the seen one's words, or begins it (`suv` in `suv-crossover`). */
function bodyTypeMatches(seen: string, wanted: string): boolean {
  const want = fold(wanted);
  return parts(seen).some((p) => p === want || p.startsWith(want));
}

/** The filter without blank fields, trimmed; undefined when nothing is left to filter on. */
export function normalizeVehicleFilter(f: VehicleFilter | undefined): VehicleFilter | undefined {
  if (!f) return undefined;
  const out: VehicleFilter = {};
  for (const k of VEHICLE_FILTER_FIELDS) {
    const v = f[k]?.trim();
    if (v) out[k] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Whether a read's vehicle matches every field the filter gives.
 * @example matchesVehicle({ make: 'Chevrolet', color: 'silver-gray' }, { make: 'chevy', color: 'gray' }) // true
 */
export function matchesVehicle(v: VehicleDescription | undefined, f: VehicleFilter): boolean {
  if (f.make && !(v?.make && foldMake(v.make) === foldMake(f.make))) return false;
  if (f.model && !(v?.model && fold(f.model) !== '' && fold(v.model).includes(fold(f.model)))) return false;
  if (f.color && !(v?.color && colorMatches(v.color, f.color))) return false;
  if (f.bodyType && !(v?.bodyType && bodyTypeMatches(v.bodyType, f.bodyType))) return false;
  return true;
}
