import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ocrKey } from '@openrtcc/domain';
import { CONFUSIONS, DEFAULT_NOISE, observePlate, type NoiseSettings } from './noise.ts';
import { generatePlate, PLATE_STATES } from './plates.ts';
import { createRng } from './random.ts';

const N = 100_000;
const ZERO: NoiseSettings = { missRate: 0, confusionRate: 0, dropRate: 0, extraRate: 0, wrongStateRate: 0, noStateRate: 0, truthInCandidatesRate: 0 };

function plates(n: number, seed = 1): { plate: string; state: string }[] {
  const rng = createRng(seed, 'plates');
  return Array.from({ length: n }, () => {
    const state = rng.pick(PLATE_STATES);
    return { plate: generatePlate(rng, state), state };
  });
}
const truths = plates(N);

/** Binomial tolerance: five standard deviations, so the test is deterministic in practice and still tight. */
function assertRate(observed: number, total: number, p: number, what: string): void {
  const sd = Math.sqrt((p * (1 - p)) / total);
  assert.ok(Math.abs(observed / total - p) <= 5 * sd + 1e-9, `${what}: ${(observed / total).toFixed(4)} vs setting ${p}`);
}

test('over 100k plates each error appears at the rate its setting gives', () => {
  const rng = createRng(7, 'noise-stats');
  const count = { missed: 0, confusion: 0, confusable: 0, drop: 0, extra: 0, wrong_state: 0, no_state: 0 };
  let seen = 0;
  for (const t of truths) {
    const o = observePlate(rng, t, DEFAULT_NOISE);
    if (o.missed) {
      count.missed++;
      continue;
    }
    seen++;
    if ([...t.plate].some((c) => CONFUSIONS[c])) count.confusable++;
    for (const e of o.errors) count[e]++;
  }
  assertRate(count.missed, N, DEFAULT_NOISE.missRate, 'missed reads');
  // a confusion needs a confusable character; the rate holds among plates that have one
  assertRate(count.confusion, count.confusable, DEFAULT_NOISE.confusionRate, 'confusions');
  assertRate(count.drop, seen, DEFAULT_NOISE.dropRate, 'dropped characters');
  assertRate(count.extra, seen, DEFAULT_NOISE.extraRate, 'extra characters');
  assertRate(count.wrong_state, seen, DEFAULT_NOISE.wrongStateRate, 'wrong state');
  assertRate(count.no_state, seen, DEFAULT_NOISE.noStateRate, 'no state');
});

test('a different setting gives a different rate (the model follows its settings)', () => {
  const rng = createRng(8, 'noise-settings');
  const s = { ...ZERO, missRate: 0.2, dropRate: 0.1 };
  let missed = 0;
  let dropped = 0;
  for (const t of truths) {
    const o = observePlate(rng, t, s);
    if (o.missed) missed++;
    else if (o.errors.includes('drop')) dropped++;
  }
  assertRate(missed, N, 0.2, 'missed');
  assertRate(dropped, N - missed, 0.1, 'dropped');
});

test('with every rate at zero the reading is the truth', () => {
  const rng = createRng(9, 'clean');
  for (const t of truths.slice(0, 5000)) {
    const o = observePlate(rng, t, ZERO);
    assert.equal(o.plate, t.plate);
    assert.equal(o.state, t.state);
    assert.equal(o.corrupted, false);
  }
});

test('confusions only ever substitute a look-alike from the table, and the matcher folds each pair together', () => {
  const rng = createRng(10, 'confusions');
  let changed = 0;
  for (const t of truths.slice(0, 20_000)) {
    const o = observePlate(rng, t, { ...ZERO, confusionRate: 1 });
    assert.equal(o.plate.length, t.plate.length);
    const diffs = [...t.plate].map((c, i) => [c, o.plate[i]]).filter(([a, b]) => a !== b);
    assert.ok(diffs.length <= 1);
    for (const [from, to] of diffs) {
      assert.ok(CONFUSIONS[from]?.includes(to), `${from} → ${to} is not in the confusion table`);
      changed++;
    }
  }
  assert.ok(changed > 15_000);
  for (const [from, tos] of Object.entries(CONFUSIONS)) for (const to of tos) assert.equal(ocrKey(from), ocrKey(to), `${from}/${to} would not match as OCR-equivalent`);
});

test('confidence is lower for corrupted reads, and the true plate is often among the candidates', () => {
  const rng = createRng(11, 'confidence');
  const clean: number[] = [];
  const bad: number[] = [];
  let truthInCandidates = 0;
  for (const t of truths) {
    const o = observePlate(rng, t, DEFAULT_NOISE);
    if (o.missed) continue;
    assert.ok(o.confidence > 0 && o.confidence <= 1);
    for (const c of o.candidates) assert.ok(c.confidence >= 0 && c.confidence <= 1 && c.plate !== '');
    if (o.corrupted) {
      bad.push(o.confidence);
      if (o.candidates.some((c) => c.plate === t.plate)) truthInCandidates++;
    } else clean.push(o.confidence);
  }
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  assert.ok(mean(bad) < mean(clean) - 0.08, `corrupted ${mean(bad).toFixed(3)} vs clean ${mean(clean).toFixed(3)}`);
  assertRate(truthInCandidates, bad.length, DEFAULT_NOISE.truthInCandidatesRate, 'truth in candidates');
});

test('odd input never throws: empty and one-character plates, an unknown state', () => {
  const rng = createRng(12, 'odd');
  const all = { ...ZERO, confusionRate: 1, dropRate: 1, extraRate: 1, wrongStateRate: 0.5, noStateRate: 0.5 };
  for (const t of [{ plate: '', state: 'TX' }, { plate: '0', state: 'ZZ' }, { plate: 'AB', state: '' }]) {
    for (let k = 0; k < 50; k++) assert.equal(typeof observePlate(rng, t, all).plate, 'string');
  }
});
