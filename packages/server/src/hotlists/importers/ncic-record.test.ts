import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeColor, lettersOnly } from './ncic-codes.ts';
import { looksLikeNic, parseYmd } from './ncic-record.ts';

describe('parseYmd', () => {
  it('gives UTC midnight of a calendar date', () => {
    assert.equal(parseYmd('20240229'), Date.UTC(2024, 1, 29));
    assert.equal(parseYmd('19991231'), Date.UTC(1999, 11, 31));
  });

  it('refuses dates that do not exist or are not YYYYMMDD', () => {
    for (const bad of ['20230229', '20241301', '20240100', '00000000', '2024011', '2024-1-1', '18991231']) {
      assert.equal(parseYmd(bad), undefined, bad);
    }
  });
});

describe('NCIC code helpers', () => {
  it('recognizes an NCIC number', () => {
    assert.equal(looksLikeNic('V123456789'), true);
    assert.equal(looksLikeNic('NIC       '), false);
  });

  it('reads colors, including two-tone and zero-for-O typos', () => {
    assert.equal(describeColor('0NG'), 'orange');
    assert.equal(describeColor('LBL/WHI'), 'light blue/white');
    assert.equal(describeColor('BRO/QQQ'), 'brown/QQQ');
    assert.equal(lettersOnly(' d0dg '), 'DODG');
  });
});
