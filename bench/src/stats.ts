/** Small statistics helpers for latency samples (a run has tens of samples, not millions). */

export interface Summary {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Nearest-rank percentile of `sorted` (ascending), p in [0, 100]. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

/** p50/p95/p99/max of `samples` (not modified). */
export function summarize(samples: readonly number[]): Summary {
  const s = Float64Array.from(samples).sort();
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s.length ? s[s.length - 1] : NaN };
}

/** Median of `samples`. */
export function median(samples: readonly number[]): number {
  return percentile(Float64Array.from(samples).sort(), 50);
}

/** Rounds to `digits` significant digits, for compact JSON and tables. */
export function sig(x: number, digits = 3): number {
  if (!Number.isFinite(x) || x === 0) return x;
  return Number(x.toPrecision(digits));
}

/**
 * Times the named phases of a load, one after another: `phase(name)` ends the running phase,
 * records its seconds under `name` and logs it as `<label>: <name> <s> s`.
 * @example const t = phaseTimer('sqlite', log); insert(); t.phase('insert'); t.seconds() // total
 */
export function phaseTimer(label: string, log: (line: string) => void): { phases: Record<string, number>; phase(name: string): void; seconds(): number } {
  const phases: Record<string, number> = {};
  const t0 = performance.now();
  let t = t0;
  return {
    phases,
    phase(name) {
      const now = performance.now();
      phases[name] = (now - t) / 1000;
      t = now;
      log(`${label}: ${name} ${phases[name].toFixed(1)} s`);
    },
    seconds: () => (t - t0) / 1000,
  };
}
