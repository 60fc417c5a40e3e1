import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../../errors.ts';
import { getImporter, listImporters } from './index.ts';

describe('hotlist importers registry', () => {
  it('lists every format once', () => {
    const formats = listImporters().map((i) => i.format);
    assert.deepEqual(formats, [
      'ncic-fixed',
      'mi-state',
      'wa-ncic',
      'wa-stolen',
      'tx-ncic',
      'tx-tcic',
      'mn-ncic',
      'fl-fcic',
      'il-leads',
      'ny-state',
      'ca-clew',
      'co-ccic',
      'plain',
    ]);
    assert.equal(new Set(formats).size, formats.length);
  });

  it('finds an importer by format, ignoring case and spaces', () => {
    assert.equal(getImporter(' TX-NCIC ').format, 'tx-ncic');
    assert.equal(getImporter('plain').parse('TST4001').entries[0].plate, 'TST4001');
  });

  it('rejects an unknown format with a validation error naming the known ones', () => {
    assert.throws(
      () => getImporter('oh-leads'),
      (e: unknown) =>
        e instanceof AppError && e.code === 'validation_failed' && /ncic-fixed, mi-state, .*, plain/.test(e.message),
    );
  });
});
