/**
 * Field access over EIDO JSON that tolerates the spellings senders really use: the 2020 draft's
 * PascalCase (`LastUpdateTimeStamp`, `IncidentComponent`), `id` for `$id`, a component sent as
 * one object where the schema has an array (or the reverse), and `{ "$ref": id }` links.
 */
import { DecodeError } from '../decoder.types.ts';
import { obj, text } from '../wire-values.ts';

export type Json = Record<string, unknown>;

/** Components of one kind accepted in one EIDO; more is not an incident, it is an attack or a bug. */
export const MAX_COMPONENTS = 1000;

/**
 * The first of `names` present on `o`, compared without case.
 * @example field({ LastUpdateTimeStamp: 't' }, 'lastUpdateTimeStamp') // 't'
 */
export function field(o: Json, ...names: string[]): unknown {
  for (const n of names) if (n in o && o[n] !== undefined && o[n] !== null) return o[n];
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  for (const k of Object.keys(o)) if (wanted.has(k.toLowerCase()) && o[k] !== undefined && o[k] !== null) return o[k];
  return undefined;
}

/** A component array (a single object counts as one); objects only, at most MAX_COMPONENTS. */
export function components(o: Json, ...names: string[]): Json[] {
  const v = field(o, ...names);
  if (v === undefined) return [];
  const list = Array.isArray(v) ? v : [v];
  if (list.length > MAX_COMPONENTS) throw new DecodeError(`${names[0]} has ${list.length} entries; at most ${MAX_COMPONENTS} are accepted`);
  return list.map(obj).filter((c): c is Json => c !== undefined);
}

/** A component's own id (`$id`, `id`, the draft's `$ID`). */
export function idOf(o: Json): string | undefined {
  return text(field(o, '$id', 'id'), 300);
}

/** The id a `{ "$ref": id }` link (or a bare string) points at. */
export function refOf(v: unknown): string | undefined {
  const o = obj(v);
  if (o) return text(field(o, '$ref', 'ref'), 300);
  return text(v, 300);
}

/** Every id a reference array (or a single reference) points at. */
export function refsOf(v: unknown): string[] {
  const list = Array.isArray(v) ? v.slice(0, MAX_COMPONENTS) : v === undefined ? [] : [v];
  return list.map(refOf).filter((r): r is string => r !== undefined);
}

/** Text values from a string or an array of strings (registry lists), at most 20. */
export function texts(v: unknown, max = 200): string[] {
  const list = Array.isArray(v) ? v.slice(0, 20) : [v];
  return list.map((x) => text(x, max)).filter((x): x is string => x !== undefined);
}

/** Plain text from a note's HTML5: tags dropped, common entities decoded, whitespace folded. */
export function htmlText(v: unknown, max = 8000): string | undefined {
  if (typeof v !== 'string') return text(v, max);
  const plain = v
    .slice(0, max * 4)
    .replace(/<br\s{0,5}\/?>/gi, '\n')
    .replace(/<[^<>]{0,2000}>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ');
  return text(plain, max);
}
