// Fixtures are synthetic plates written by this project.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { plainImporter, splitPlainLine } from './plain.importer.ts';

describe('plain importer', () => {
  it('reads a plate alone, with a state, and with a reason', () => {
    const r = plainImporter.parse('TST3001\nTST3002,TX\ntst-3003,0H,stolen from lot 4, row B\n');
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(r.entries, [
      { plate: 'TST3001', plateRaw: 'TST3001', reason: 'listed', line: 1 },
      { plate: 'TST3002', plateRaw: 'TST3002', state: 'TX', reason: 'listed', line: 2 },
      { plate: 'TST3003', plateRaw: 'tst-3003', state: 'OH', reason: 'stolen from lot 4, row B', line: 3 },
    ]);
  });

  it('accepts tab- and space-separated lines', () => {
    const r = plainImporter.parse('TST3004\tCA\tBOLO white van\nTST3005   NV   owner request\nTST3006,,no state given');
    assert.deepEqual(
      r.entries.map((e) => [e.plate, e.state, e.reason]),
      [
        ['TST3004', 'CA', 'BOLO white van'],
        ['TST3005', 'NV', 'owner request'],
        ['TST3006', undefined, 'no state given'],
      ],
    );
  });

  it('skips comments, blank lines and a header, counting them', () => {
    const r = plainImporter.parse('plate,state,reason\r\n# exported by hand\r\n\r\nTST3007,TX\r\n  # indented note\r\n');
    assert.deepEqual(r.rejections, []);
    assert.deepEqual(r.entries.map((e) => [e.line, e.plate, e.state]), [[4, 'TST3007', 'TX']]);
    assert.equal(r.skipped, 4);
  });

  it('treats a vanity plate spelled PLATE on the first line as a plate', () => {
    const r = plainImporter.parse('PLATE,TX\nTST3008');
    assert.deepEqual(r.entries.map((e) => e.plate), ['PLATE', 'TST3008']);
    assert.equal(r.skipped, 0);
  });

  it('rejects bad lines with their line number', () => {
    const r = plainImporter.parse(['TST3009', ',TX,no plate', 'TST30100000X', 'TST3011,XX', 'TST3012 stolen'].join('\n'));
    assert.deepEqual(r.entries.map((e) => e.line), [1]);
    assert.deepEqual(
      r.rejections.map((x) => [x.line, x.reason, x.text]),
      [
        [2, 'empty plate', ',TX,no plate'],
        [3, "plate 'TST30100000X' is longer than 10 characters", 'TST30100000X'],
        [4, "unknown state 'XX'", 'TST3011,XX'],
        [5, "unknown state 'stolen'", 'TST3012 stolen'],
      ],
    );
  });
});

describe('splitPlainLine', () => {
  it('keeps the plate whole when the separator is a comma', () => {
    assert.deepEqual(splitPlainLine('TST 3013 , TX , seen twice'), { plate: 'TST 3013', state: 'TX', reason: 'seen twice' });
  });
});
