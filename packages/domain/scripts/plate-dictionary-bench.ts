/**
 * Plate dictionary benchmark: 2M synthetic distinct plates, build time, memory per plate, and
 * query latency per class next to a brute-force scan of the same plates answering the same queries.
 *
 * Run: node --expose-gc packages/domain/scripts/plate-dictionary-bench.ts [plates=2000000] [seed=1]
 */
import { PlateDictionary } from '../src/plate-dictionary.ts';
import { ocrKey } from '../src/plate.ts';

const N = Number(process.argv[2] ?? 2_000_000);
const SEED = Number(process.argv[3] ?? 1);
const QUERIES = 50;
const WARMUP = 5;
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  console.error('run with node --expose-gc');
  process.exit(1);
}

function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(SEED);
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ'; // many US states skip I, O, Q
const DIGITS = '0123456789';
const ALNUM = LETTERS + DIGITS;
const pick = (s: string): string => s[Math.floor(rnd() * s.length)];
const int = (n: number): number => Math.floor(rnd() * n);

/** Nine US-style formats plus a few vanity plates of 2–8 characters. */
const FORMATS = ['LLLDDDD', 'DLLLDDD', 'LLDDDDD', 'DDDLLL', 'LLLDDD', 'LDDLLL', 'DDDDDDD', 'DLLDDDD', 'LLLLDDD'];
function syntheticPlate(): string {
  if (rnd() < 0.03) return Array.from({ length: 2 + int(7) }, () => pick(ALNUM)).join('');
  const f = FORMATS[int(FORMATS.length)];
  let s = '';
  for (const c of f) s += pick(c === 'L' ? LETTERS : DIGITS);
  return s;
}

/** Live heap plus typed-array stores; array buffers are swept after the gc, hence the pause and second gc. */
const heap = async (): Promise<number> => {
  gc!();
  await new Promise((resolve) => setTimeout(resolve, 100));
  gc!();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
};

// --- build ---------------------------------------------------------------------------------
const before = await heap();
const seen = new Set<string>();
const plates: string[] = [];
while (plates.length < N) {
  const p = syntheticPlate();
  if (seen.has(p)) continue;
  seen.add(p);
  plates.push(p);
}
seen.clear();
const dict = new PlateDictionary();
let t0 = performance.now();
for (const p of plates) dict.add(p);
const buildMs = performance.now() - t0;
t0 = performance.now();
for (const p of plates) dict.add(p);
const knownNs = ((performance.now() - t0) * 1e6) / N;
plates.length = 0;
const heapPerPlate = ((await heap()) - before) / N;

// --- queries from real plates --------------------------------------------------------------
const real = (): string => dict.plate(int(dict.size));
const CONFUSE: Record<string, string> = { O: '0', '0': 'O', D: '0', B: '8', '8': 'B', S: '5', '5': 'S', Z: '2', '2': 'Z', I: '1', '1': 'I', G: '6', '6': 'G' };
function fuzzyQuery(): string {
  const p = real();
  const at = int(p.length);
  switch (int(4)) {
    case 0: return p.slice(0, at) + (CONFUSE[p[at]] ?? pick(ALNUM)) + p.slice(at + 1);
    case 1: return p.slice(0, at) + pick(ALNUM) + p.slice(at + 1);
    case 2: return p.slice(0, at) + pick(ALNUM) + p.slice(at);
    default: return p.slice(0, at) + p.slice(at + 1);
  }
}
let position = 0;
const classes: [string, () => string][] = [
  ['exact', real],
  ['one unknown (AB?1234, any pos)', () => {
    const p = real();
    const at = position++ % p.length;
    return p.slice(0, at) + '?' + p.slice(at + 1);
  }],
  ['prefix 3 (ABC*)', () => real().slice(0, 3) + '*'],
  ['substring 3 (*C12*)', () => {
    const p = real();
    const at = int(p.length - 2);
    return '*' + p.slice(at, at + 3) + '*';
  }],
  ['mixed (AB*3?5)', () => {
    const p = real();
    return p.slice(0, 2) + '*' + p.slice(-3, -2) + '?' + p.slice(-1);
  }],
  ['mixed, no 3-run (A*1?3) = scan', () => {
    const p = real();
    return p[0] + '*' + p.slice(-3, -2) + '?' + p.slice(-1);
  }],
  ['fuzzy (1 edit after OCR fold)', fuzzyQuery],
];

// Brute force over the plate strings: a RegExp per pattern, one-edit test on folded keys.
const all = Array.from({ length: dict.size }, (_, i) => dict.plate(i));
const folded = all.map(ocrKey);
function scanPattern(q: string): number {
  if (!/[?*]/.test(q)) return all.indexOf(q) >= 0 ? 1 : 0;
  const re = new RegExp(`^${q.replace(/\?/g, '.').replace(/\*/g, '.*')}$`);
  let n = 0;
  for (const p of all) if (re.test(p)) n++;
  return n;
}
function oneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) return a.slice(i + 1) === b.slice(i + 1);
  return a.length > b.length ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
function scanFuzzy(q: string): number {
  const k = ocrKey(q);
  let n = 0;
  for (const p of folded) if (oneEdit(k, p)) n++;
  return n;
}

const pct = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const ms = (x: number): string => (x < 0.1 ? x.toFixed(3) : x.toFixed(2));
const rows: string[][] = [];
for (const [name, make] of classes) {
  const fuzzy = name.startsWith('fuzzy');
  const qs = Array.from({ length: WARMUP + QUERIES }, make);
  const idx: number[] = [];
  const scan: number[] = [];
  const sizes: number[] = [];
  let agree = 0;
  qs.forEach((q, i) => {
    let t = performance.now();
    const ids = fuzzy ? dict.matchFuzzy(q) : dict.matchPattern(q);
    const dt = performance.now() - t;
    if (i < WARMUP) return;
    idx.push(dt);
    sizes.push(ids.length);
    t = performance.now();
    const expected = fuzzy ? scanFuzzy(q) : scanPattern(q);
    scan.push(performance.now() - t);
    if (expected === ids.length) agree++;
  });
  const stat = (xs: number[]) => `${ms(pct(xs, 0.5))} / ${ms(pct(xs, 0.95))} / ${ms(Math.max(...xs))}`;
  rows.push([name, stat(idx), stat(scan), `${pct(sizes, 0.5)} / ${Math.max(...sizes)}`, `${agree}/${QUERIES}`]);
}

const mb = (x: number): string => (x / 1e6).toFixed(1);
console.log(`PlateDictionary, ${dict.size.toLocaleString('en-US')} distinct plates, seed ${SEED}, node ${process.version}`);
console.log(`build ${(buildMs / 1000).toFixed(2)} s (${((buildMs * 1e6) / N).toFixed(0)} ns per new plate); add of a known plate ${knownNs.toFixed(0)} ns`);
console.log(`memory: heap+arrayBuffers after gc ${heapPerPlate.toFixed(1)} B/plate (${mb(heapPerPlate * N)} MB); memoryBytes() ${(dict.memoryBytes() / N).toFixed(1)} B/plate`);
console.log(`latency in ms, p50 / p95 / max over ${QUERIES} queries per class (after ${WARMUP} warm-up)\n`);
const head = ['query class', 'index', 'brute-force scan', 'results p50 / max', 'counts agree'];
const width = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
const line = (r: string[]) => `| ${r.map((x, c) => x.padEnd(width[c])).join(' | ')} |`;
console.log([line(head), line(width.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n'));
