/**
 * Reads the two things the platform needs from a PIDF-LO document (RFC 4119 / 5139 / 5491), as
 * EIDO carries it in `locationByValue`: the civic address elements and a geodetic point (GML
 * `pos`, EPSG 4979, latitude first; the centre of a Circle, the mean of a Polygon's corners).
 *
 * Not an XML parser: a few linear patterns over a bounded string, which is all a location needs
 * and cannot be made to expand entities or fetch anything.
 */
import type { CivicAddress, LonLat } from '@openrtcc/domain';

export interface PidfLocation {
  civic?: CivicAddress;
  point?: LonLat;
  /** Uncertainty radius of a Circle, in meters. */
  radiusMeters?: number;
  /** The civic address as one line. */
  address?: string;
}

/** Longest PIDF-LO text looked at; anything longer is not a location. */
export const MAX_PIDF_CHARS = 64 * 1024;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e] ?? m;
  });
}

// Bounded attribute runs and a separate search for the closing tag keep every scan linear.
const CIVIC_OPEN = /<(?:[\w-]{1,40}:)?civicAddress\b[^<>]{0,500}>/g;
const CIVIC_CLOSE = /<\/(?:[\w-]{1,40}:)?civicAddress\s*>/g;
const CIVIC_ELEMENT = /<(?:[\w-]{1,40}:)?([A-Za-z][\w-]{0,30})(?:\s[^<>]{0,500})?>([^<]*)<\/(?:[\w-]{1,40}:)?\1\s*>/g;
const POS = /<(?:[\w-]{1,40}:)?pos\b[^<>]{0,200}>([^<]*)<\//;
const POS_LIST = /<(?:[\w-]{1,40}:)?posList\b[^<>]{0,200}>([^<]*)<\//;
const RADIUS = /<(?:[\w-]{1,40}:)?radius\b[^<>]{0,200}>\s*([0-9]{1,9}(?:\.[0-9]{1,9})?)\s*<\//;

/**
 * Parses a PIDF-LO string; an empty object when it holds no usable location.
 * @example parsePidfLo('<presence>…<civicAddress><A1>DE</A1><A3>Wilmington</A3></civicAddress>…</presence>').civic // { A1: 'DE', A3: 'Wilmington' }
 */
export function parsePidfLo(xml: string): PidfLocation {
  if (xml.length > MAX_PIDF_CHARS) return {};
  const out: PidfLocation = {};
  const block = civicBlock(xml);
  if (block !== undefined) {
    const civic: CivicAddress = {};
    let n = 0;
    for (const m of block.matchAll(CIVIC_ELEMENT)) {
      const value = unescapeXml(m[2]).trim();
      if (value !== '' && n++ < 40) civic[m[1]] = value.slice(0, 200);
    }
    if (Object.keys(civic).length > 0) {
      out.civic = civic;
      const line = civicLine(civic);
      if (line) out.address = line;
    }
  }
  const pos = POS.exec(xml);
  const point = pos ? pointFrom(pos[1]) : undefined;
  if (point) {
    out.point = point;
    const r = RADIUS.exec(xml);
    if (r) out.radiusMeters = Number(r[1]);
  } else {
    const list = POS_LIST.exec(xml);
    const centre = list ? centroid(list[1]) : undefined;
    if (centre) out.point = centre;
  }
  return out;
}

/** The text between the first `<civicAddress …>` and its closing tag. */
function civicBlock(xml: string): string | undefined {
  CIVIC_OPEN.lastIndex = 0;
  const open = CIVIC_OPEN.exec(xml);
  if (!open) return undefined;
  CIVIC_CLOSE.lastIndex = open.index + open[0].length;
  const close = CIVIC_CLOSE.exec(xml);
  return close ? xml.slice(open.index + open[0].length, close.index) : undefined;
}

function inRange(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180;
}

/** "lat lon [alt]" → [lon, lat]. */
function pointFrom(s: string): LonLat | undefined {
  const parts = s.trim().split(/\s+/).slice(0, 3).map(Number);
  if (parts.length < 2) return undefined;
  const [lat, lon] = parts;
  return inRange(lat, lon) ? [lon, lat] : undefined;
}

/** The mean of a polygon's corners ("lat lon lat lon …", 2D or 3D is guessed from the count). */
function centroid(s: string): LonLat | undefined {
  const v = s.trim().split(/\s+/).slice(0, 3000).map(Number);
  if (v.some((x) => !Number.isFinite(x))) return undefined;
  const dim = v.length % 3 === 0 && v.length % 2 !== 0 ? 3 : 2;
  let lat = 0;
  let lon = 0;
  let k = 0;
  for (let i = 0; i + 1 < v.length; i += dim) {
    lat += v[i];
    lon += v[i + 1];
    k++;
  }
  if (k === 0) return undefined;
  return inRange(lat / k, lon / k) ? [lon / k, lat / k] : undefined;
}

/**
 * One line from RFC 5139 elements: house number and suffix, pre-directional, road, street suffix,
 * post-directional; then city (A3), state (A1), postal code and country.
 * @example civicLine({ HNO: '42', PRD: 'W', RD: 'Cellular', STS: 'Street', A3: 'Wilmington', A1: 'DE', country: 'US' }) // '42 W Cellular Street, Wilmington, DE, US'
 */
export function civicLine(c: CivicAddress): string | undefined {
  const street = [c.HNO && `${c.HNO}${c.HNS ?? ''}`, c.PRD, c.RD, c.STS, c.POD].filter(Boolean).join(' ');
  const parts = [street, c.LOC, c.A3, [c.A1, c.PC].filter(Boolean).join(' '), c.country].filter((p) => p !== undefined && p !== '');
  return parts.length > 0 ? parts.join(', ') : undefined;
}
