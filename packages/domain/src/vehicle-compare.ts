/**
 * How the vehicle a camera saw compares with the hotlist record's, for the person verifying a
 * hit. Cameras guess make, colour and year from the image and records spell them their own way
 * (NCIC codes decoded to names, two-tone colours, a camera's year ranges), so each field is
 * folded to a common form first and compared only when both sides state it. The result informs
 * a person; it never decides a disposition.
 */
import type { VehicleAgreement, VehicleDescription } from './types.ts';

const MAKE_ALIASES: Readonly<Record<string, string>> = {
  chevy: 'chevrolet',
  vw: 'volkswagen',
  mercedes: 'mercedesbenz',
  benz: 'mercedesbenz',
  landrover: 'landrover',
  harley: 'harleydavidson',
  mini: 'mini',
  alfa: 'alfaromeo',
};

/** Colour families: a camera's "silver-gray" is a record's "silver" or "gray". */
const COLOR_FAMILIES: readonly (readonly string[])[] = [
  ['silver', 'gray', 'grey', 'silvergray', 'chrome', 'pewter', 'charcoal'],
  ['gold', 'beige', 'tan', 'cream', 'goldbeige', 'bronze', 'copper', 'taupe', 'champagne'],
  ['blue', 'darkblue', 'lightblue', 'navy', 'teal', 'turquoise'],
  ['green', 'darkgreen', 'lightgreen', 'olive'],
  ['red', 'maroon', 'burgundy'],
  ['purple', 'amethyst', 'lavender', 'mauve'],
  ['brown'],
  ['black'],
  ['white'],
  ['yellow'],
  ['orange'],
  ['pink'],
];
const COLOR_FAMILY = new Map<string, number>();
COLOR_FAMILIES.forEach((names, i) => names.forEach((n) => COLOR_FAMILY.set(n, i)));

const fold = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

function make(s: string | undefined): string | undefined {
  if (!s?.trim()) return undefined;
  const f = fold(s);
  return MAKE_ALIASES[f] ?? f;
}

/** The colour families a description names: "black/white" and "black and white" name two. */
function colors(s: string | undefined): number[] {
  if (!s?.trim()) return [];
  const out = new Set<number>();
  const whole = COLOR_FAMILY.get(fold(s));
  if (whole !== undefined) out.add(whole);
  for (const part of s.split(/[/,&+]|\band\b|\s+-\s+/i)) {
    const fam = COLOR_FAMILY.get(fold(part));
    if (fam !== undefined) out.add(fam);
  }
  return [...out];
}

/** A year or a year range ("2015-2019") as [from, to]. */
function years(s: string | undefined): [number, number] | undefined {
  const m = s ? /^\s*((?:19|20)\d\d)\s*(?:[-–]\s*((?:19|20)\d\d))?\s*$/.exec(s) : null;
  if (!m) return undefined;
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  return from <= to ? [from, to] : [to, from];
}

/**
 * Compares make, colour and year where both sides state them.
 * @example compareVehicles({ make: 'dodge', color: 'black' }, { make: 'Dodge', color: 'black/white' }).matches // true
 */
export function compareVehicles(read: VehicleDescription | undefined, record: VehicleDescription | undefined): VehicleAgreement {
  const fields: VehicleAgreement['fields'] = [];
  if (read && record) {
    const rm = make(read.make);
    const em = make(record.make);
    if (rm && em) fields.push({ field: 'make', read: read.make!, record: record.make!, agrees: rm === em });
    const rc = colors(read.color);
    const ec = colors(record.color);
    if (rc.length > 0 && ec.length > 0) fields.push({ field: 'color', read: read.color!, record: record.color!, agrees: rc.some((c) => ec.includes(c)) });
    const ry = years(read.year);
    const ey = years(record.year);
    if (ry && ey) fields.push({ field: 'year', read: read.year!, record: record.year!, agrees: ry[0] <= ey[1] && ey[0] <= ry[1] });
  }
  return { matches: fields.length === 0 ? null : fields.every((f) => f.agrees), fields };
}
