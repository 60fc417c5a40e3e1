import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors.ts';
import { getImporter, listImporters } from './index.ts';

describe('hotlist importers registry', () => {
  it('lists the three formats', () => {
    assert.deepEqual(
      listImporters().map((i) => i.format),
      ['ncic-fixed', 'tx-ncic', 'plain'],
    );
  });

  it('finds an importer by format, ignoring case and spaces', () => {
    assert.equal(getImporter(' TX-NCIC ').format, 'tx-ncic');
    assert.equal(getImporter('plain').parse('TST4001').entries[0].plate, 'TST4001');
  });

  it('rejects an unknown format with a validation error naming the known ones', () => {
    assert.throws(
      () => getImporter('fl-fcic'),
      (e: unknown) =>
        e instanceof AppError && e.code === 'validation_failed' && /ncic-fixed, tx-ncic, plain/.test(e.message),
    );
  });
});
