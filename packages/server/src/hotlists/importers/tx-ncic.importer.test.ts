// Fixtures are synthetic records written by this project from the published column order.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitCsvLine, txNcicImporter } from './tx-ncic.importer.ts';

const COLS = ['nic', 'ori', 'date', 'plate', 'state', 'liy', 'vyr', 'vma', 'vmo', 'vst', 'vco'] as const;
type Col = (typeof COLS)[number];

const GOOD: Record<Col, string> = {
  nic: 'C100000001',
  ori: '0H0000001',
  date: '20200124',
  plate: 'TST2001',
  state: '0H',
  liy: '2021',
  vyr: '2009',
  vma: 'D0DG',
  vmo: 'CHA',
  vst: '4D',
  vco: 'GRY',
};

function txLine(over: Partial<Record<Col, string>> = {}): string {
  const f = { ...GOOD, ...over };
  return COLS.map((c) => f[c]).join(',');
}

const HEADER = 'NIC,ORI,DATE,LIC,LIS,LIY,VYR,VMA,VMO,VST,VCO';

describe('tx-ncic importer', () => {
  it('reads every column, fixing zero-for-O in state, ORI and make', () => {
    const r = txNcicImporter.parse(txLine());
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(r.entries, [
      {
        plate: 'TST2001',
        plateRaw: 'TST2001',
        state: 'OH',
        reason: 'supervised release',
        fileCode: 'C',
        recordId: 'C100000001',
        ori: 'OH0000001',
        enteredAt: Date.UTC(2020, 0, 24),
        vehicle: { make: 'Dodge', model: 'CHA', bodyType: '4-door sedan', color: 'gray', year: '2009', plateYear: '2021' },
        line: 1,
      },
    ]);
  });

  it('rejects each kind of bad line with its line number', () => {
    const text = [
      HEADER,
      txLine(),
      txLine().split(',').slice(0, 10).join(','),
      txLine() + ',EXTRA',
      txLine({ plate: '' }),
      txLine({ plate: 'TST20010001' }),
      txLine({ date: '20201301' }),
      txLine({ nic: '9100000001' }),
      txLine({ plate: 'TST2009' }),
    ].join('\n');
    const r = txNcicImporter.parse(text);
    assert.deepEqual(
      r.entries.map((e) => [e.line, e.plate]),
      [
        [2, 'TST2001'],
        [9, 'TST2009'],
      ],
    );
    assert.deepEqual(
      r.rejections.map((x) => [x.line, x.reason]),
      [
        [3, 'expected 11 columns, found 10'],
        [4, 'expected 11 columns, found 12'],
        [5, 'empty plate'],
        [6, "plate 'TST20010001' is longer than 10 characters"],
        [7, "invalid entry date '20201301' (expected YYYYMMDD)"],
        [8, "unknown file code '9'"],
      ],
    );
    assert.equal(r.skipped, 1);
  });

  it('tolerates quoted fields, including commas and quotes inside them', () => {
    const line = '"V100000002","TX0000001","20240101","TST 2,02","TX","2025","2018","FORD","F15","PK","RED/BLK"';
    const r = txNcicImporter.parse(line);
    assert.deepEqual(r.rejections, []);
    assert.equal(r.entries[0].plate, 'TST202');
    assert.equal(r.entries[0].plateRaw, 'TST 2,02');
    assert.equal(r.entries[0].reason, 'stolen vehicle');
    assert.equal(r.entries[0].vehicle?.color, 'red/black');
    assert.equal(r.entries[0].vehicle?.bodyType, 'pickup');
  });

  it('reads Windows line endings the same as Unix ones', () => {
    const lines = [HEADER, txLine(), txLine({ nic: 'W100000002', plate: 'TST2002' }), '', txLine({ plate: '' })];
    const unix = txNcicImporter.parse(lines.join('\n'));
    const windows = txNcicImporter.parse(lines.join('\r\n') + '\r\n');
    assert.deepEqual(windows, unix);
    assert.equal(windows.entries[1].reason, 'wanted person');
    assert.equal(windows.entries[0].vehicle?.color, 'gray');
    assert.deepEqual(windows.rejections.map((x) => x.line), [5]);
  });

  it('accepts a record with an empty date and no vehicle description', () => {
    const r = txNcicImporter.parse('P100000003,TX0000001,,TST2003,TX,,,,,,');
    assert.deepEqual(r.rejections, []);
    assert.equal(r.entries[0].reason, 'stolen plate');
    assert.equal(r.entries[0].enteredAt, undefined);
    assert.equal(r.entries[0].vehicle, undefined);
  });
});

describe('splitCsvLine', () => {
  it('splits on commas outside quotes and unescapes doubled quotes', () => {
    assert.deepEqual(splitCsvLine('a, "b,c" ,"say ""hi""",,d'), ['a', 'b,c', 'say "hi"', '', 'd']);
  });

  it('keeps a stray quote inside an unquoted field', () => {
    assert.deepEqual(splitCsvLine('ab"c,d'), ['ab"c', 'd']);
  });

  it('counts a trailing comma as an empty last field', () => {
    assert.deepEqual(splitCsvLine('a,b,'), ['a', 'b', '']);
  });
});
