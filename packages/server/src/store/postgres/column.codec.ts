/**
 * Conversions between PostgreSQL column values and the platform's TypeScript values.
 * `pg` returns int8 as a string (it may exceed 2^53); epoch-ms times and counts fit a number,
 * so they are converted here, while read ids stay strings.
 */
import { AppError } from '../../errors.ts';

/** An int8 column that holds an epoch-ms time or a count. */
export function num(v: string | number): number {
  return typeof v === 'number' ? v : Number(v);
}

/** A nullable int8 column, undefined when NULL. */
export function optNum(v: string | number | null): number | undefined {
  return v == null ? undefined : num(v);
}

/** Assigns `value` to `target[key]` only when it is present, so absent fields stay absent. */
export function setIf<T extends object, K extends keyof T>(target: T, key: K, value: T[K] | null | undefined): void {
  if (value !== null && value !== undefined) target[key] = value;
}

/**
 * The number a `real` column gives back for `x`: the shortest decimal that rounds to the same
 * float32, as PostgreSQL prints it. Lets `append` return exactly what `get` will read.
 * @example float4(0.9) // 0.9, while Math.fround(0.9) is 0.8999999761581421
 */
export function float4(x: number): number {
  const f = Math.fround(x);
  if (!Number.isFinite(f)) return f;
  for (let p = 1; p <= 9; p++) {
    const n = Number(f.toPrecision(p));
    if (Math.fround(n) === f) return n;
  }
  return f;
}

/** Checks that `v` is an integer epoch-ms time (or count) before it reaches SQL. */
export function requireMs(v: unknown, field: string): number {
  if (!Number.isSafeInteger(v)) {
    throw new AppError('validation_failed', `${field} must be an integer number of milliseconds`, {
      details: { field, value: v },
    });
  }
  return v as number;
}

const MAX_INT8 = 9223372036854775807n;

/** True when `id` can be a read id (a positive int8 in decimal), so lookups of junk find nothing. */
export function isReadId(id: string): boolean {
  return /^[0-9]{1,19}$/.test(id) && BigInt(id) <= MAX_INT8;
}
