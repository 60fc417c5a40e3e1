import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PlateDictionary } from './plate-dictionary.ts';
import { ocrKey } from './plate.ts';

/** Seeded PRNG (mulberry32) so a failure reproduces. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
/** A small, confusion-heavy alphabet so that fuzzy and wildcard queries have many true hits. */
const DENSE = 'AB8OD0Q1IL2Z5SC';

function randomPlates(count: number, seed: number): string[] {
  const rnd = prng(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  const formats = ['LLLDDDD', 'DLLLDDD', 'LLDDDDD', 'DDDLLL', 'LLLDDD', 'LDDLLL', 'DDDDDDD'];
  const out = new Set<string>();
  while (out.size < count) {
    const r = rnd();
    if (r < 0.5) {
      const f = formats[Math.floor(rnd() * formats.length)];
      out.add([...f].map((c) => pick(c === 'L' ? LETTERS : DIGITS)).join(''));
    } else {
      // Every length from 1 to 10, including plates shorter than a trigram.
      const n = 1 + Math.floor(rnd() * 10);
      out.add(Array.from({ length: n }, () => pick(r < 0.8 ? DENSE : LETTERS + DIGITS)).join(''));
    }
  }
  return [...out];
}

function levenshtein(a: string, b: string): number {
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

function oraclePattern(plates: string[], pattern: string): number[] {
  const re = new RegExp(`^${pattern.replace(/\?/g, '.').replace(/\*/g, '.*')}$`);
  return plates.flatMap((p, id) => (re.test(p) ? [id] : []));
}

function oracleFuzzy(plates: string[], query: string): number[] {
  const q = ocrKey(query);
  return plates.flatMap((p, id) => (levenshtein(q, ocrKey(p)) <= 1 ? [id] : []));
}

/** Queries of every class the search box issues, built from real plates and a few random ones. */
function patternQueries(plates: string[], seed: number): string[] {
  const rnd = prng(seed);
  const queries = ['*', '?', '??', '???*', '*?', 'A*', '*0', '*A*', '*AB*', 'AB*', '*8O*', 'A*1?3', '?*?', '*Z?*1*'];
  for (let i = 0; i < 300; i++) {
    const p = plates[Math.floor(rnd() * plates.length)];
    const at = Math.floor(rnd() * p.length);
    const len = 1 + Math.floor(rnd() * 4);
    queries.push(
      p.slice(0, at) + '?' + p.slice(at + 1), // one unknown character, first position included
      p.slice(0, at + 1) + '*', // prefix
      '*' + p.slice(at), // suffix
      '*' + p.slice(at, at + len) + '*', // substring, wildcards at both ends
      p[0] + '*' + p.slice(-3, -2) + '?' + p.slice(-1), // mixed, A*1?3 shape
      '?' + p.slice(1, -1) + '*', // unknown first, open end
      p.slice(0, at) + '*' + p.slice(at + len), // a run missing in the middle
    );
  }
  return queries;
}

function fuzzyQueries(plates: string[], seed: number): string[] {
  const rnd = prng(seed);
  const pick = (s: string) => s[Math.floor(rnd() * s.length)];
  const queries = ['', 'A', '0', 'AB', 'O8', 'ABC', 'Q1Z', 'ABCD', '12345678901', '123456789012'];
  for (let i = 0; i < 400; i++) {
    const p = plates[Math.floor(rnd() * plates.length)];
    const at = Math.floor(rnd() * (p.length + 1));
    const kind = Math.floor(rnd() * 4);
    if (kind === 0) queries.push(p);
    if (kind === 1) queries.push(p.slice(0, at) + pick(DENSE) + p.slice(at + 1)); // substitute
    if (kind === 2) queries.push(p.slice(0, at) + pick(LETTERS + DIGITS) + p.slice(at)); // insert
    if (kind === 3) queries.push(p.slice(0, at) + p.slice(at + 1)); // delete
  }
  return queries;
}

function build(plates: string[]): PlateDictionary {
  const dict = new PlateDictionary();
  for (const p of plates) dict.add(p);
  return dict;
}

const PLATES = randomPlates(4000, 7);

test('ids are dense, stable and round-trip to the plate text', () => {
  const dict = new PlateDictionary();
  assert.equal(dict.add('ABC1234'), 0);
  assert.equal(dict.add('7XYZ123'), 1);
  assert.equal(dict.add('ABC1234'), 0);
  assert.equal(dict.size, 2);
  assert.equal(dict.id('7XYZ123'), 1);
  assert.equal(dict.id('ABC1235'), undefined);
  assert.equal(dict.id('abc1234'), undefined);
  assert.equal(dict.plate(1), '7XYZ123');
  assert.throws(() => dict.plate(2), RangeError);
});

test('every plate keeps its id through table and buffer growth', () => {
  const dict = build(PLATES);
  assert.equal(dict.size, PLATES.length);
  PLATES.forEach((p, i) => {
    assert.equal(dict.id(p), i);
    assert.equal(dict.plate(i), p);
    assert.equal(dict.add(p), i);
  });
  assert.equal(dict.size, PLATES.length);
});

test('refuses text that is not a normalized plate', () => {
  const dict = new PlateDictionary();
  for (const bad of ['', 'abc123', 'AB-123', 'ABCDEFGHIJK', 'ÄBC']) assert.throws(() => dict.add(bad), RangeError, bad);
  assert.equal(dict.size, 0);
});

test('patterns return exactly the plates a brute-force scan finds', () => {
  const dict = build(PLATES);
  for (const q of patternQueries(PLATES, 11)) {
    assert.deepEqual([...dict.matchPattern(q)], oraclePattern(PLATES, q), q);
  }
});

test('a pattern without wildcards is an exact lookup', () => {
  const dict = build(['ABC1234', 'ABC123', 'XABC1234']);
  assert.deepEqual([...dict.matchPattern('ABC1234')], [0]);
  assert.deepEqual([...dict.matchPattern('abc-1234')], [0]);
  assert.deepEqual([...dict.matchPattern('ABC12')], []);
});

test('one unknown character is found in every position, including the first and last', () => {
  const dict = build(['ABC1234', 'XBC1234', 'ABC1239', 'ABC12345', 'BC1234']);
  assert.deepEqual([...dict.matchPattern('?BC1234')], [0, 1]);
  assert.deepEqual([...dict.matchPattern('ABC123?')], [0, 2]);
  assert.deepEqual([...dict.matchPattern('ABC?234')], [0]);
});

test('fuzzy search finds OCR confusions and one-edit readings with full recall', () => {
  const dict = build(PLATES);
  for (const q of fuzzyQueries(PLATES, 13)) {
    assert.deepEqual([...dict.matchFuzzy(q)], oracleFuzzy(PLATES, q), q);
  }
});

test('fuzzy search names the kinds of near miss an operator expects', () => {
  const dict = build(['ABC1234', 'A8C1234', 'ABC134', 'ABC12345', 'XBC1234', 'ABD1235', 'AB1234']);
  // Q is folded like O/0, Z like 2: equivalent; one insertion, deletion or substitution on top.
  assert.deepEqual([...dict.matchFuzzy('ABC1Z34')].map((id) => dict.plate(id)), [
    'ABC1234', 'A8C1234', 'ABC134', 'ABC12345', 'XBC1234', 'AB1234',
  ]);
  // D and Q are one class, so ABD1235 is only the 4→5 edit away; XBC1234 needs two edits.
  assert.deepEqual([...dict.matchFuzzy('ABQ1234')].map((id) => dict.plate(id)), ['ABC1234', 'A8C1234', 'ABD1235', 'AB1234']);
});

test('queries see plates added between them', () => {
  const first = PLATES.slice(0, 2000);
  const dict = build(first);
  const pq = patternQueries(PLATES, 17).slice(0, 400);
  const fq = fuzzyQueries(PLATES, 19).slice(0, 200);
  for (const q of pq) assert.deepEqual([...dict.matchPattern(q)], oraclePattern(first, q), q);
  for (const p of PLATES.slice(2000)) dict.add(p);
  for (const q of pq) assert.deepEqual([...dict.matchPattern(q)], oraclePattern(PLATES, q), q);
  for (const q of fq) assert.deepEqual([...dict.matchFuzzy(q)], oracleFuzzy(PLATES, q), q);
});

test('memory report grows with the plates held', () => {
  const small = build(PLATES.slice(0, 10));
  const large = build(PLATES);
  assert.ok(large.memoryBytes() > small.memoryBytes());
  assert.ok(large.memoryBytes() < PLATES.length * 400 + 2_000_000);
});

test('a reserved id keeps the ids after it and is found by nothing', () => {
  const d = new PlateDictionary();
  assert.equal(d.add('ABC123'), 0);
  assert.equal(d.reserve(), 1);
  assert.equal(d.add('XYZ789'), 2);
  assert.equal(d.plate(1), '');
  assert.equal(d.id('ABC123'), 0);
  assert.equal(d.id('XYZ789'), 2);
  for (let i = 0; i < 5000; i++) d.add(`P${i}`);
  // the table grew past the reserved id: lookups still land on the right ids
  assert.equal(d.id('XYZ789'), 2);
  assert.ok(!Array.from(d.matchPattern('ABC*')).includes(1));
});

test('its state loads into a dictionary that answers every query the same and keeps growing', () => {
  const dict = build(PLATES);
  dict.reserve();
  const copy = PlateDictionary.fromState(dict.toState());
  assert.equal(copy.size, dict.size);
  for (const q of patternQueries(PLATES, 11)) assert.deepEqual(copy.matchPattern(q), dict.matchPattern(q), q);
  for (const q of fuzzyQueries(PLATES, 12)) assert.deepEqual(copy.matchFuzzy(q), dict.matchFuzzy(q), q);
  for (const p of PLATES.slice(0, 200)) assert.equal(copy.id(p), dict.id(p));
  // new plates go on from the loaded ids, into the loaded lists
  const more = randomPlates(3000, 13).filter((p) => dict.id(p) === undefined);
  for (const p of more) assert.equal(copy.add(p), dict.add(p));
  for (const q of patternQueries([...PLATES, ...more], 14)) assert.deepEqual(copy.matchPattern(q), dict.matchPattern(q), q);
});

test('a state without some ids leaves them reserved: no text, found by nothing, the other ids unchanged', () => {
  const dict = build(PLATES);
  const gone = new Set([0, 17, 1234, PLATES.length - 1]);
  const copy = PlateDictionary.fromState(dict.toState(gone));
  const kept = PLATES.map((p, id) => (gone.has(id) ? undefined : p));
  for (const id of gone) {
    assert.equal(copy.plate(id), '');
    assert.equal(copy.id(PLATES[id]), undefined);
    assert.deepEqual([...copy.matchFuzzy(PLATES[id])].filter((x) => gone.has(x)), []);
  }
  for (const q of patternQueries(PLATES, 15)) {
    assert.deepEqual([...copy.matchPattern(q)], oraclePattern(PLATES, q).filter((id) => kept[id] !== undefined), q);
  }
  // the dictionary it came from still has every plate
  for (const id of gone) assert.equal(dict.id(PLATES[id]), id);
});
