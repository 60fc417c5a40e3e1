// Fixtures are synthetic records written by this project from the published column layout.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ncicFixedImporter } from './ncic-fixed.importer.ts';
import { FILE_CODE_REASONS } from './ncic-codes.ts';

const WIDTHS = { nic: 10, ori: 9, date: 8, plate: 10, state: 2, liy: 4, lit: 2, vyr: 4, vma: 4, vmo: 3, vst: 2 } as const;
type Field = keyof typeof WIDTHS | 'vco';

const GOOD: Record<Field, string> = {
  nic: 'V100000001',
  ori: 'TX0000001',
  date: '20240315',
  plate: 'TST1001',
  state: 'TX',
  liy: '2025',
  lit: 'PC',
  vyr: '2019',
  vma: 'DODG',
  vmo: 'CHA',
  vst: '4D',
  vco: 'BLK',
};

/** One fixed-width record, each field padded to its column width. */
function ncicLine(over: Partial<Record<Field, string>> = {}): string {
  const f = { ...GOOD, ...over };
  let out = '';
  for (const key of Object.keys(WIDTHS) as (keyof typeof WIDTHS)[]) out += f[key].padEnd(WIDTHS[key]);
  return out + f.vco;
}

const HEADER = 'NIC       ORI      DATE    LIC       LSLIY LTVYR VMA VMOVSVCO';

describe('ncic-fixed importer', () => {
  // No expiry in NCIC hot files: the exact match below also proves expiresAt is absent.
  it('reads every field of a stolen-vehicle record', () => {
    const r = ncicFixedImporter.parse(ncicLine() + '\n');
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(r.entries, [
      {
        plate: 'TST1001',
        plateRaw: 'TST1001',
        state: 'TX',
        reason: 'stolen vehicle',
        fileCode: 'V',
        recordId: 'V100000001',
        ori: 'TX0000001',
        enteredAt: Date.UTC(2024, 2, 15),
        vehicle: {
          make: 'Dodge',
          model: 'CHA',
          bodyType: '4-door sedan',
          color: 'black',
          year: '2019',
          plateType: 'passenger',
          plateYear: '2025',
        },
        line: 1,
      },
    ]);
  });

  it('takes the reason from the file code', () => {
    const codes = Object.keys(FILE_CODE_REASONS);
    const text = codes.map((c, i) => ncicLine({ nic: `${c}10000000${i % 10}` })).join('\n');
    const r = ncicFixedImporter.parse(text);
    assert.deepEqual(
      r.entries.map((e) => [e.fileCode, e.reason]),
      codes.map((c) => [c, FILE_CODE_REASONS[c]]),
    );
    assert.equal(r.entries.find((e) => e.fileCode === 'P')?.reason, 'stolen plate');
    assert.equal(r.entries.find((e) => e.fileCode === 'A')?.reason, 'Amber Alert');
  });

  it('rejects bad lines with their line number and keeps the good ones', () => {
    const text = [
      ncicLine(),
      'V100000002TX0000001202403',
      ncicLine({ plate: '' }),
      ncicLine({ date: '20230231' }),
      ncicLine({ date: '2024-3-1' }),
      ncicLine({ nic: 'Z100000003' }),
      ncicLine({ plate: 'TST1006' }),
    ].join('\n');
    const r = ncicFixedImporter.parse(text);
    assert.deepEqual(
      r.entries.map((e) => [e.line, e.plate]),
      [
        [1, 'TST1001'],
        [7, 'TST1006'],
      ],
    );
    assert.deepEqual(
      r.rejections.map((x) => [x.line, x.reason]),
      [
        [2, 'too short: 25 characters, a record needs at least 39'],
        [3, 'empty plate'],
        [4, "invalid entry date '20230231' (expected YYYYMMDD)"],
        [5, "invalid entry date '2024-3-1' (expected YYYYMMDD)"],
        [6, "unknown file code 'Z'"],
      ],
    );
    assert.equal(r.rejections[0].text, 'V100000002TX0000001202403');
  });

  it('truncates a rejected line to 200 characters', () => {
    const r = ncicFixedImporter.parse(ncicLine({ nic: 'Z100000001', vco: 'X'.repeat(300) }));
    assert.equal(r.rejections[0].text.length, 200);
  });

  it('reads Windows line endings the same as Unix ones', () => {
    const lines = [ncicLine(), ncicLine({ plate: 'TST1002', vco: 'RED/WHI' }), ncicLine({ nic: 'Z100000003' })];
    const unix = ncicFixedImporter.parse(lines.join('\n') + '\n');
    const windows = ncicFixedImporter.parse(lines.join('\r\n') + '\r\n');
    assert.deepEqual(windows, unix);
    assert.equal(windows.entries[1].vehicle?.color, 'red/white');
    assert.equal(windows.rejections[0].text.endsWith('\r'), false);
  });

  it('skips a header line and blank lines, counting them', () => {
    const r = ncicFixedImporter.parse(['', HEADER, ncicLine(), '   ', ncicLine({ plate: 'TST1002' }), ''].join('\n'));
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(
      r.entries.map((e) => [e.line, e.plate]),
      [
        [3, 'TST1001'],
        [5, 'TST1002'],
      ],
    );
    assert.equal(r.skipped, 3);
  });

  it('does not mistake a first record for a header, even a bad one', () => {
    const r = ncicFixedImporter.parse([ncicLine({ nic: 'Q100000001' }), ncicLine()].join('\n'));
    assert.deepEqual(r.rejections.map((x) => [x.line, x.reason]), [[1, "unknown file code 'Q'"]]);
    assert.equal(r.skipped, 0);
  });

  it('describes two-tone colors and keeps unknown codes as written', () => {
    const r = ncicFixedImporter.parse(
      [ncicLine({ vco: 'RED/BLK' }), ncicLine({ vma: 'ZZZZ', vst: 'QQ', vco: 'XYZ', lit: 'ZZ' })].join('\n'),
    );
    assert.equal(r.entries[0].vehicle?.color, 'red/black');
    assert.deepEqual(
      [r.entries[1].vehicle?.make, r.entries[1].vehicle?.bodyType, r.entries[1].vehicle?.color, r.entries[1].vehicle?.plateType],
      ['ZZZZ', 'QQ', 'XYZ', 'ZZ'],
    );
  });

  it('fixes zero typed for the letter O in state, ORI and make', () => {
    const r = ncicFixedImporter.parse(ncicLine({ state: '0H', ori: '0H0671200', vma: 'D0DG' }));
    assert.equal(r.entries[0].state, 'OH');
    assert.equal(r.entries[0].ori, 'OH0671200');
    assert.equal(r.entries[0].vehicle?.make, 'Dodge');
  });

  it('normalizes a plate with spaces and hyphens, keeping the raw text', () => {
    const r = ncicFixedImporter.parse(ncicLine({ plate: 'TS-T 100' }));
    assert.equal(r.entries[0].plate, 'TST100');
    assert.equal(r.entries[0].plateRaw, 'TS-T 100');
  });

  it('accepts a record that ends after the state, with no vehicle description', () => {
    const r = ncicFixedImporter.parse(ncicLine().slice(0, 39));
    assert.equal(r.entries[0].state, 'TX');
    assert.equal(r.entries[0].vehicle, undefined);
  });

  it('parses a 100,000-line file', () => {
    const lines: string[] = [HEADER];
    for (let i = 0; i < 100_000; i++) {
      lines.push(ncicLine({ nic: `V${String(i).padStart(9, '0')}`, plate: `T${String(i).padStart(6, '0')}` }));
    }
    const r = ncicFixedImporter.parse(lines.join('\r\n'));
    assert.equal(r.entries.length, 100_000);
    assert.equal(r.rejections.length, 0);
    assert.equal(r.skipped, 1);
    const last = r.entries[r.entries.length - 1];
    assert.deepEqual([last.line, last.plate, last.recordId], [100_001, 'T099999', 'V000099999']);
  });
});
