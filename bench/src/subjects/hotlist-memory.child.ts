/**
 * Child process (run with --expose-gc) measuring what the platform's HotlistIndex holds for a
 * list: builds the index from a file of `plate<TAB>state` lines with UUID entry ids and prints
 * `{ entries, heapBytes, arrayBufferBytes, rssBytes, buildSeconds }` as JSON. The entries are
 * kept alive throughout; the index is measured as what its release frees (heap + array buffers).
 * Usage: node --expose-gc hotlist-memory.child.ts FILE
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HotlistIndex } from '@openrtcc/domain';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with --expose-gc');
const lines = readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const entries = lines.map((l) => {
  const [plate, state] = l.split('\t');
  return { id: randomUUID(), hotlistId: 'bench-hotlist-0000-0000-000000000000', plate, state };
});
const snap = async (): Promise<NodeJS.MemoryUsage> => {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 20));
  }
  return process.memoryUsage();
};
const t = performance.now();
let index: HotlistIndex | undefined = new HotlistIndex({ oneEdit: false });
for (const e of entries) index.add(e);
const buildSeconds = (performance.now() - t) / 1000;
const size = index.size;
const withIndex = await snap();
index = undefined;
const without = await snap();
// `entries` stays alive through both snapshots: the difference is the index alone.
console.log(
  JSON.stringify({
    entries: size,
    listed: entries.length,
    heapBytes: withIndex.heapUsed - without.heapUsed,
    arrayBufferBytes: withIndex.arrayBuffers - without.arrayBuffers,
    rssBytes: withIndex.rss,
    buildSeconds,
  }),
);
