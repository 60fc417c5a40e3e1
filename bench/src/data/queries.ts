/**
 * The query workload, built from real plates of the data set and seeded: for each class a list
 * of `warmups + timed` queries, answered by every subject with the newest `limit` reads plus the
 * exact total.
 *   exact     a stored plate (9 in 10 drawn uniformly over distinct plates, 1 in 10 drawn
 *             read-weighted, so heavily read plates are in the mix)
 *   wildcard  a stored plate with one character replaced by `?`, positions cycling so the first
 *             character is unknown in one query out of the plate's length
 *   substring 3 consecutive characters of a stored plate
 *   fuzzy     a stored plate with one edit (substitution, deletion, insertion) or one OCR
 *             confusion (0↔O, 8↔B …) applied; `truth` is the plate it came from
 *   camera    10 distinct cameras and a 1-hour window inside the stored period
 */
import type { Dataset } from '../generate.ts';
import { OCR_CLASSES } from '@openrtcc/domain';
import { createRng, type Rng } from '@openrtcc/sim';

export const QUERY_CLASSES = ['exact', 'wildcard', 'substring', 'fuzzy', 'camera'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export interface ExactQuery {
  class: 'exact';
  plate: string;
  limit: number;
}
export interface WildcardQuery {
  class: 'wildcard';
  /** The plate with one character replaced by `?`. */
  pattern: string;
  /** Position of the `?` (0 = first character). */
  position: number;
  limit: number;
}
export interface SubstringQuery {
  class: 'substring';
  /** 3 characters. */
  text: string;
  limit: number;
}
export interface FuzzyQuery {
  class: 'fuzzy';
  /** What the camera "read": the true plate with one edit or OCR confusion. */
  plate: string;
  /** The stored plate it was derived from. */
  truth: string;
  /** What was done to it. */
  edit: 'substitute' | 'delete' | 'insert' | 'ocr';
  limit: number;
}
export interface CameraQuery {
  class: 'camera';
  /** 10 distinct camera ids (1-based). */
  cameras: number[];
  /** Inclusive, epoch ms. */
  from: number;
  /** Exclusive, epoch ms. */
  to: number;
  limit: number;
}
export type Query = ExactQuery | WildcardQuery | SubstringQuery | FuzzyQuery | CameraQuery;

export interface QuerySet {
  warmups: number;
  timed: number;
  byClass: { exact: ExactQuery[]; wildcard: WildcardQuery[]; substring: SubstringQuery[]; fuzzy: FuzzyQuery[]; camera: CameraQuery[] };
}

const PAGE = 100;
const ALPHABET_CHARS = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'];
const HOUR = 3_600_000;

/** Queries per class: 5 warm-ups, then 50 timed (quick) or 200 timed (full-size data). */
export function querySizes(data: Dataset): { warmups: number; timed: number } {
  return { warmups: 5, timed: data.params.reads >= 1_000_000 ? 200 : 50 };
}

/**
 * Builds the seeded query set over the stored plates of `data`.
 * @example buildQueries(data, 1).byClass.exact[0] // { class: 'exact', plate: 'GKT4821', limit: 100 }
 */
export function buildQueries(data: Dataset, seed: number): QuerySet {
  const { warmups, timed } = querySizes(data);
  const n = warmups + timed;
  const storedPlates = data.params.plates;
  const uniformPlate = (rng: Rng): string => data.plates[rng.int(0, storedPlates - 1)];
  const weightedPlate = (rng: Rng): string => data.plates[data.base.plate[rng.int(0, data.base.length - 1)]];

  const exact: ExactQuery[] = [];
  let rng = createRng(seed, 'bench:queries:exact');
  for (let i = 0; i < n; i++) exact.push({ class: 'exact', plate: i % 10 === 9 ? weightedPlate(rng) : uniformPlate(rng), limit: PAGE });

  const wildcard: WildcardQuery[] = [];
  rng = createRng(seed, 'bench:queries:wildcard');
  for (let i = 0; i < n; i++) {
    const p = uniformPlate(rng);
    const position = i % p.length;
    wildcard.push({ class: 'wildcard', pattern: p.slice(0, position) + '?' + p.slice(position + 1), position, limit: PAGE });
  }

  const substring: SubstringQuery[] = [];
  rng = createRng(seed, 'bench:queries:substring');
  for (let i = 0; i < n; i++) {
    const p = uniformPlate(rng);
    const at = rng.int(0, p.length - 3);
    substring.push({ class: 'substring', text: p.slice(at, at + 3), limit: PAGE });
  }

  const fuzzy: FuzzyQuery[] = [];
  rng = createRng(seed, 'bench:queries:fuzzy');
  const edits = ['substitute', 'delete', 'insert', 'ocr'] as const;
  for (let i = 0; i < n; i++) {
    const truth = uniformPlate(rng);
    let edit: FuzzyQuery['edit'] = edits[i % edits.length];
    const confusable = [...truth].map((ch, k) => (OCR_CLASSES.some((c) => c.includes(ch)) ? k : -1)).filter((k) => k >= 0);
    if (edit === 'ocr' && confusable.length === 0) edit = 'substitute';
    let plate = truth;
    if (edit === 'ocr') {
      const k = rng.pick(confusable);
      const cls = OCR_CLASSES.find((c) => c.includes(truth[k]))!;
      const others = [...cls].filter((c) => c !== truth[k]);
      plate = truth.slice(0, k) + rng.pick(others) + truth.slice(k + 1);
    } else if (edit === 'delete') {
      const k = rng.int(0, truth.length - 1);
      plate = truth.slice(0, k) + truth.slice(k + 1);
    } else if (edit === 'insert') {
      const k = rng.int(0, truth.length);
      plate = truth.slice(0, k) + rng.pick(ALPHABET_CHARS) + truth.slice(k);
    } else {
      const k = rng.int(0, truth.length - 1);
      let c = truth[k];
      while (c === truth[k]) c = rng.pick(ALPHABET_CHARS);
      plate = truth.slice(0, k) + c + truth.slice(k + 1);
    }
    fuzzy.push({ class: 'fuzzy', plate, truth, edit, limit: PAGE });
  }

  const camera: CameraQuery[] = [];
  rng = createRng(seed, 'bench:queries:camera');
  const cams = data.cameras.length;
  const first = data.base.ts[0];
  const last = data.base.ts[data.base.length - 1];
  for (let i = 0; i < n; i++) {
    const set = new Set<number>();
    while (set.size < Math.min(10, cams)) set.add(rng.int(1, cams));
    const from = first + Math.floor(rng.next() * Math.max(1, last - first - HOUR));
    camera.push({ class: 'camera', cameras: [...set], from, to: from + HOUR, limit: PAGE });
  }
  return { warmups, timed, byClass: { exact, wildcard, substring, fuzzy, camera } };
}
