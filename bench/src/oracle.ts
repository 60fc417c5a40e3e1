/**
 * Ground truth by brute force over the generated data: the matching distinct plates and the
 * exact total of matching stored reads for every query, to check each subject's answers.
 */
import type { Dataset } from './generate.ts';
import type { Query } from './data/queries.ts';
import { ocrKey, withinOneEdit } from './fuzzy.ts';

export interface Truth {
  /** Matching distinct plates (undefined for camera queries). */
  plates?: Set<string>;
  /** Exact number of stored reads that match. */
  total: number;
}

/** Creates an oracle over the stored (base) reads of `data`. */
export function createOracle(data: Dataset): { truth(q: Query): Truth } {
  const n = data.params.plates;
  const plates = data.plates.slice(0, n);
  let folded: string[] | undefined;
  let ids: Map<string, number> | undefined;

  const fromPlateIds = (match: (p: string, i: number) => boolean): Truth => {
    const set = new Set<string>();
    let total = 0;
    for (let i = 0; i < n; i++) {
      if (!match(plates[i], i)) continue;
      set.add(plates[i]);
      total += data.plateReads[i];
    }
    return { plates: set, total };
  };

  return {
    truth(q) {
      switch (q.class) {
        case 'exact': {
          ids ??= new Map(plates.map((p, i) => [p, i]));
          const id = ids.get(q.plate);
          return id === undefined ? { plates: new Set(), total: 0 } : { plates: new Set([q.plate]), total: data.plateReads[id] };
        }
        case 'wildcard': {
          const re = new RegExp('^' + q.pattern.replace(/\?/g, '.') + '$');
          return fromPlateIds((p) => p.length === q.pattern.length && re.test(p));
        }
        case 'substring':
          return fromPlateIds((p) => p.includes(q.text));
        case 'fuzzy': {
          folded ??= plates.map(ocrKey);
          const key = ocrKey(q.plate);
          const f = folded;
          return fromPlateIds((_, i) => withinOneEdit(key, f[i]));
        }
        case 'camera': {
          const ts = data.base.ts;
          const lo = lowerBound(ts, q.from);
          const hi = lowerBound(ts, q.to);
          const cams = new Set(q.cameras);
          let total = 0;
          for (let i = lo; i < hi; i++) if (cams.has(data.base.camera[i])) total++;
          return { total };
        }
      }
    },
  };
}

function lowerBound(a: Float64Array, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
