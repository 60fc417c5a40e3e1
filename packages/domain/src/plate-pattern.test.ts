import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ocrKey } from './plate.ts';
import {
  PlatePatternError,
  classifyMatch,
  compilePlatePattern,
  isFuzzyMatch,
  parsePlateQuery,
} from './plate-pattern.ts';

describe('parsePlateQuery', () => {
  it('treats a query without wildcards as an exact plate, upper-cased, separators dropped', () => {
    assert.deepEqual(parsePlateQuery(' zx-9 41k '), { kind: 'exact', plate: 'ZX941K' });
  });

  it('keeps ? and * as wildcards and collapses runs of *', () => {
    assert.deepEqual(parsePlateQuery('qr?7**'), { kind: 'pattern', pattern: 'QR?7*' });
    assert.deepEqual(parsePlateQuery('*QR7'), { kind: 'pattern', pattern: '*QR7' });
  });

  it('writes mixed wildcard runs canonically without changing what they match', () => {
    assert.deepEqual(parsePlateQuery('QR*?*7'), { kind: 'pattern', pattern: 'QR?*7' });
  });

  it('names the character it cannot search', () => {
    assert.throws(() => parsePlateQuery('QR_7'), (e: unknown) => e instanceof PlatePatternError && e.message.includes('"_"'));
    assert.throws(() => parsePlateQuery('QRÉ7'), /"É"/);
    assert.throws(() => parsePlateQuery('QR.7'), /"\."/);
  });

  it('rejects patterns with fewer than 2 known characters as too broad', () => {
    assert.throws(() => parsePlateQuery('A*'), /too broad/);
    assert.throws(() => parsePlateQuery('???'), /too broad/);
    assert.throws(() => parsePlateQuery('*'), /too broad/);
    assert.deepEqual(parsePlateQuery('A?B'), { kind: 'pattern', pattern: 'A?B' });
  });

  it('accepts a one-character exact plate but not an empty query', () => {
    assert.deepEqual(parsePlateQuery('7'), { kind: 'exact', plate: '7' });
    assert.throws(() => parsePlateQuery(' - '), PlatePatternError);
    assert.throws(() => parsePlateQuery(''), PlatePatternError);
  });

  it('rejects queries longer than any plate', () => {
    assert.throws(() => parsePlateQuery('A'.repeat(33)), /at most 32/);
  });
});

describe('compilePlatePattern', () => {
  it('matches ? to exactly one character', () => {
    const m = compilePlatePattern('QR?7');
    assert.equal(m('QRX7'), true);
    assert.equal(m('QR7'), false);
    assert.equal(m('QRXY7'), false);
  });

  it('matches * to any run, including an empty one', () => {
    const m = compilePlatePattern('QR*7');
    assert.equal(m('QR7'), true);
    assert.equal(m('QRXYZ7'), true);
    assert.equal(m('QRXYZ'), false);
    assert.equal(compilePlatePattern('*K9')('ABCK9'), true);
    assert.equal(compilePlatePattern('*K9')('K9A'), false);
    assert.equal(compilePlatePattern('K9*')('K9A'), true);
  });

  it('combines both wildcards', () => {
    const m = compilePlatePattern('?B*4');
    assert.equal(m('AB4'), true);
    assert.equal(m('ABCD34'), true);
    assert.equal(m('B4'), false);
  });

  it('matches an exact pattern only to the same plate', () => {
    const m = compilePlatePattern('QR7');
    assert.equal(m('QR7'), true);
    assert.equal(m('QR77'), false);
  });

  it('rejects characters outside the pattern alphabet', () => {
    assert.throws(() => compilePlatePattern('Q.R'), PlatePatternError);
    assert.throws(() => compilePlatePattern('qr?'), PlatePatternError);
  });
});

describe('isFuzzyMatch', () => {
  it('accepts exact, OCR-equivalent and one-edit readings', () => {
    assert.equal(isFuzzyMatch('KXT4821', 'KXT4821'), true);
    assert.equal(isFuzzyMatch('K0B5Z1', 'KO8S21'), true);
    assert.equal(isFuzzyMatch('KXT4821', 'KXT4E21'), true); // substitution
    assert.equal(isFuzzyMatch('KXT4821', 'KXT421'), true); // deletion
    assert.equal(isFuzzyMatch('KXT421', 'KXT4821'), true); // insertion
    assert.equal(isFuzzyMatch('KXT4821', 'XKT4821X'), false);
  });

  it('rejects two edits, including a transposition', () => {
    assert.equal(isFuzzyMatch('KXT4821', 'KXT4812'), false);
    assert.equal(isFuzzyMatch('KXT4821', 'KYT4E21'), false);
    assert.equal(isFuzzyMatch('KXT4821', 'KXT48'), false);
  });

  it('counts an OCR confusion plus one edit as one edit', () => {
    assert.equal(isFuzzyMatch('B0X123', '8OX12'), true);
  });
});

describe('classifyMatch', () => {
  it('grades how close the read is to the listed plate', () => {
    assert.equal(classifyMatch('PQR418', 'PQR418'), 'exact');
    assert.equal(classifyMatch('PQR41B', 'PQR418'), 'ocr-equivalent');
    assert.equal(classifyMatch('PDR4I8', 'PQR418'), 'ocr-equivalent');
    assert.equal(classifyMatch('PQR48', 'PQR418'), 'one-edit');
    assert.equal(classifyMatch('PQR4181', 'PQR418'), 'one-edit');
    assert.equal(classifyMatch('PXR41B', 'PQR418'), 'one-edit');
    assert.equal(classifyMatch('PXR4X8', 'PQR418'), null);
  });
});

/** Textbook Levenshtein, the definition the fast kernel must agree with. */
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

describe('fuzzy kernel against the textbook definition', () => {
  it('agrees with Levenshtein over OCR keys on random near plates', () => {
    let seed = 7;
    const rand = (n: number): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const alphabet = 'AB8O0S5X';
    const plate = (): string => Array.from({ length: 3 + rand(3) }, () => alphabet[rand(alphabet.length)]).join('');
    for (let k = 0; k < 3000; k++) {
      const a = plate();
      const b = plate();
      const d = levenshtein(ocrKey(a), ocrKey(b));
      const expected = a === b ? 'exact' : d === 0 ? 'ocr-equivalent' : d === 1 ? 'one-edit' : null;
      assert.equal(classifyMatch(a, b), expected, `${a} vs ${b}`);
      assert.equal(isFuzzyMatch(a, b), d <= 1, `${a} vs ${b}`);
    }
  });
});
