/**
 * Field readers the LPR vendor decoders share (Genetec, Axis, Hikvision, Survision, Verkada):
 * confidences on either scale, jurisdictions in the vendors' spellings, degrees/minutes/seconds.
 * Like wire-values.ts, each returns undefined for a value it cannot use.
 */
import { normalizeState } from '@openrtcc/domain';
import type { DecodeResult } from './decoder.types.ts';
import { num } from './wire-values.ts';

/**
 * A 0–1 confidence from a vendor value on its documented scale (strings accepted), clamped.
 * @example confidence('99', 100) // 0.99
 */
export function confidence(v: unknown, scale: 1 | 100): number | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  return Math.min(1, Math.max(0, Math.round((n / scale) * 10_000) / 10_000));
}

/**
 * A 0–1 confidence from a field documented as 0–1 that some firmware sends as a percentage:
 * a value above 1 is read as 0–100.
 * @example confidenceEitherScale('0.87') === confidenceEitherScale('87') // true
 */
export function confidenceEitherScale(v: unknown): number | undefined {
  const n = num(v);
  if (n === undefined) return undefined;
  return confidence(n, n > 1 ? 100 : 1);
}

const STATE_NAMES: Record<string, string> = {
  ALABAMA: 'AL', ALASKA: 'AK', ARIZONA: 'AZ', ARKANSAS: 'AR', CALIFORNIA: 'CA', COLORADO: 'CO', CONNECTICUT: 'CT',
  DELAWARE: 'DE', 'DISTRICT OF COLUMBIA': 'DC', FLORIDA: 'FL', GEORGIA: 'GA', HAWAII: 'HI', IDAHO: 'ID', ILLINOIS: 'IL',
  INDIANA: 'IN', IOWA: 'IA', KANSAS: 'KS', KENTUCKY: 'KY', LOUISIANA: 'LA', MAINE: 'ME', MARYLAND: 'MD',
  MASSACHUSETTS: 'MA', MICHIGAN: 'MI', MINNESOTA: 'MN', MISSISSIPPI: 'MS', MISSOURI: 'MO', MONTANA: 'MT',
  NEBRASKA: 'NE', NEVADA: 'NV', 'NEW HAMPSHIRE': 'NH', 'NEW JERSEY': 'NJ', 'NEW MEXICO': 'NM', 'NEW YORK': 'NY',
  'NORTH CAROLINA': 'NC', 'NORTH DAKOTA': 'ND', OHIO: 'OH', OKLAHOMA: 'OK', OREGON: 'OR', PENNSYLVANIA: 'PA',
  'RHODE ISLAND': 'RI', 'SOUTH CAROLINA': 'SC', 'SOUTH DAKOTA': 'SD', TENNESSEE: 'TN', TEXAS: 'TX', UTAH: 'UT',
  VERMONT: 'VT', VIRGINIA: 'VA', WASHINGTON: 'WA', 'WEST VIRGINIA': 'WV', WISCONSIN: 'WI', WYOMING: 'WY',
  'PUERTO RICO': 'PR', GUAM: 'GU', 'U.S. VIRGIN ISLANDS': 'VI', 'AMERICAN SAMOA': 'AS', 'NORTHERN MARIANA ISLANDS': 'MP',
  ALBERTA: 'AB', 'BRITISH COLUMBIA': 'BC', MANITOBA: 'MB', 'NEW BRUNSWICK': 'NB', 'NEWFOUNDLAND AND LABRADOR': 'NL',
  'NOVA SCOTIA': 'NS', 'NORTHWEST TERRITORIES': 'NT', NUNAVUT: 'NU', ONTARIO: 'ON', 'PRINCE EDWARD ISLAND': 'PE',
  QUEBEC: 'QC', SASKATCHEWAN: 'SK', YUKON: 'YT',
};

/** US and Canadian country spellings; the two letters after one of them (`US-CA`, `USA_TX`, `CAN-ON`) are a state. */
const NORTH_AMERICA = /^(US|USA|CA|CAN)[-_ ]([A-Z]{2})$/;

/**
 * A two-letter US state / Canadian province from the spellings LPR vendors use: `CA`, `us-ca`,
 * `USA-TX`, `CAN_ON`, a full name (`California`, `Québec`), or undefined. A bare country code
 * (`FR`, `DEU`, `USA`) is not a state.
 * @example stateOf('USA-TX') // 'TX'
 */
export function stateOf(v: unknown): string | undefined {
  if (typeof v !== 'string' || v.length > 40) return undefined;
  const t = v.trim().toUpperCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  if (t === '') return undefined;
  const prefixed = NORTH_AMERICA.exec(t);
  if (prefixed) return normalizeState(prefixed[2]);
  if (/^[A-Z0-9]{2}$/.test(t)) {
    const s = normalizeState(t);
    // US and MX are in the state list for hotlist files, but as a read's region they are countries
    return s === 'US' || s === 'MX' ? undefined : s;
  }
  return STATE_NAMES[t.replace(/\s+/g, ' ')];
}

/**
 * Decimal degrees from degrees, minutes, seconds and an optional hemisphere letter (N/S/E/W);
 * a negative degree or S/W makes it negative.
 * @example dms('40', '26', '46.3', 'N') // 40.446194…
 */
export function dms(deg: unknown, min: unknown, sec: unknown, hemisphere?: unknown): number | undefined {
  const d = num(deg);
  if (d === undefined) return undefined;
  const m = num(min) ?? 0;
  const s = num(sec) ?? 0;
  if (m < 0 || m >= 60 || s < 0 || s >= 60) return undefined;
  const negative = d < 0 || Object.is(d, -0) || (typeof hemisphere === 'string' && /^\s*[SW]/i.test(hemisphere));
  return (negative ? -1 : 1) * (Math.abs(d) + m / 60 + s / 3600);
}

/** A [lon, lat] that is a place: in range and not the (0, 0) that devices send when they have no fix. */
export function position(lat: number | undefined, lon: number | undefined): [number, number] | undefined {
  if (lat === undefined || lon === undefined || !Number.isFinite(lat) || !Number.isFinite(lon)) return undefined;
  if (lat < -90 || lat > 90 || lon < -180 || lon > 180 || (lat === 0 && lon === 0)) return undefined;
  return [lon, lat];
}

/** A decode result with nothing to store and the reason why. */
export function ignored(reason: string): DecodeResult {
  return { reads: [], heartbeats: [], alerts: [], ignored: reason };
}

/** Time in range for a read: after 2000 and at most a day ahead of its receipt (clock or unit errors otherwise). */
export function plausibleTime(ms: number | undefined, receivedAt: number): ms is number {
  return ms !== undefined && Number.isFinite(ms) && ms >= Date.UTC(2000, 0, 1) && ms <= receivedAt + 86_400_000;
}
