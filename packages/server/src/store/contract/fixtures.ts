/**
 * Factories and reference oracles for the store contract. Every plate is synthetic. Each test
 * takes its own ids and its own stretch of time (`era`), so tests can share one store.
 */
import { randomBytes } from 'node:crypto';
import type { Page, PlateRead } from '@openrtcc/domain';
import { ocrKey } from '@openrtcc/domain';
import type { NewRead, Store } from '../store.types.ts';

export const DAY = 86_400_000;

/** The store under test, available once the suite's `before` has opened it. */
export type GetStore = () => Store;

let counter = 0;

/** A string unique to this test run, e.g. `cam-1a2b-3-f00d`. */
export function uid(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}-${randomBytes(3).toString('hex')}`;
}

// Eras start far in the future at a random offset and advance per test: no two tests (and, with
// high probability, no two runs) put reads in the same window.
let nextEra = Date.UTC(2100, 0, 1) + Math.floor(Math.random() * 20_000) * 10 * DAY;

/** The start (a UTC midnight) of a fresh 30-day window no other test uses. */
export function era(): number {
  const start = nextEra;
  nextEra += 30 * DAY;
  return start;
}

/** A small deterministic PRNG (mulberry32), so a failing data set can be reproduced. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A minimal valid read; `over` fills in the rest. */
export function newRead(over: Partial<NewRead> & { observedAt: number }): NewRead {
  return {
    sourceSystem: 'contract',
    sourceEventId: uid('ev'),
    plate: 'TST100',
    plateRaw: 'TST 100',
    confidence: 0.9,
    receivedAt: over.observedAt + 1_500,
    ...over,
  };
}

/** What the store must give back for `input` stored as `id`: no sourceCameraKey, no undefined members. */
export function expectedRead(id: string, input: NewRead): PlateRead {
  const { sourceCameraKey: _ignored, ...rest } = input;
  return JSON.parse(JSON.stringify({ id, ...rest })) as PlateRead;
}

/** Newest first, ties broken by the larger id. */
export function newestFirst(a: PlateRead, b: PlateRead): number {
  if (a.observedAt !== b.observedAt) return b.observedAt - a.observedAt;
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x < y ? 1 : -1;
}

/** Follows `nextCursor` to the end; returns every item and each page's reported total. */
export async function allPages<T>(fetch: (cursor?: string) => Promise<Page<T>>): Promise<{ items: T[]; totals: number[] }> {
  const items: T[] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 10_000; guard++) {
    const page = await fetch(cursor);
    items.push(...page.items);
    totals.push(page.total);
    if (page.nextCursor === null) return { items, totals };
    cursor = page.nextCursor;
  }
  throw new Error('pagination did not end');
}

/** Plain Levenshtein distance, the reference the stores' fuzzy search is checked against. */
export function levenshtein(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/** The platform's fuzzy definition: one edit or less after OCR folding. */
export function fuzzyOracle(query: string): (plate: string) => boolean {
  const key = ocrKey(query);
  return (plate) => levenshtein(key, ocrKey(plate)) <= 1;
}

/** `?` one character, `*` any run (also empty), over the whole plate. */
export function patternOracle(pattern: string): (plate: string) => boolean {
  const re = new RegExp(`^${pattern.replace(/\?/g, '.').replace(/\*/g, '.*')}$`);
  return (plate) => re.test(plate);
}
