/**
 * Measures what a loaded HotlistIndex costs in memory (DESIGN.md target: 1M entries ≤ 150 MB).
 * Usage: node --expose-gc packages/domain/scripts/hotlist-index-memory.ts [--count N] [--one-edit]
 *
 * The index keeps its data in typed arrays, whose bytes V8 counts in `arrayBuffers`, not in
 * `heapUsed`; the figure to hold against the target is the sum of the two.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { HotlistIndex } from '../src/hotlist-index.ts';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, 'one-edit': { type: 'boolean', default: false } },
});
const count = Number(values.count);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('Run with node --expose-gc');

const ALPHANUMERIC = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
let seed = 42;
function rand(n: number): number {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed % n;
}
/** Synthetic 6–8 character plates; no real registrations. */
function syntheticPlate(): string {
  let s = '';
  for (let i = 6 + rand(3); i > 0; i--) s += ALPHANUMERIC[rand(ALPHANUMERIC.length)];
  return s;
}

const mb = (n: number): string => `${(n / 1e6).toFixed(1)} MB`;
function snapshot(): { heap: number; buffers: number } {
  gc!();
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, buffers: m.arrayBuffers };
}

const before = snapshot();
const index = new HotlistIndex({ oneEdit: values['one-edit'] });
const started = performance.now();
const lists = ['ncic-stolen', 'ncic-wanted', 'state-dmv', 'bolo'];
const now = Date.now();
for (let i = 0; i < count; i++) {
  index.add({
    id: randomUUID(),
    hotlistId: lists[i % lists.length],
    plate: syntheticPlate(),
    state: i % 3 === 0 ? undefined : 'TX',
    expiresAt: i % 2 === 0 ? now + 86_400_000 : undefined,
  });
}
const buildMs = performance.now() - started;
const after = snapshot();

const heap = after.heap - before.heap;
const buffers = after.buffers - before.buffers;
console.log(`entries            ${index.size} (one-edit ${values['one-edit'] ? 'on' : 'off'}, ids: 36-char UUIDs)`);
console.log(`build              ${(buildMs / 1000).toFixed(2)} s`);
console.log(`heapUsed delta     ${mb(heap)}`);
console.log(`arrayBuffers delta ${mb(buffers)}`);
console.log(`total              ${mb(heap + buffers)} (${((heap + buffers) / index.size).toFixed(0)} B/entry)`);
// Keeps the index reachable until after the measurement.
if (index.match({ plate: 'NOPLATE' }, now).length > 1e9) console.log('unreachable');
