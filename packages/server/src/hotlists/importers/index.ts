/**
 * Hotlist file importers by `format` name.
 */
import { AppError } from '../../errors.ts';
import type { HotlistImporter } from '../importer.types.ts';
import { ncicFixedImporter } from './ncic-fixed.importer.ts';
import { plainImporter } from './plain.importer.ts';
import { txNcicImporter } from './tx-ncic.importer.ts';

const IMPORTERS: readonly HotlistImporter[] = [ncicFixedImporter, txNcicImporter, plainImporter];

/**
 * The importer for a `format` value (case-insensitive).
 * @throws AppError `validation_failed` naming the known formats when there is none.
 * @example getImporter('tx-ncic').parse(text)
 */
export function getImporter(format: string): HotlistImporter {
  const wanted = format.trim().toLowerCase();
  const found = IMPORTERS.find((i) => i.format === wanted);
  if (!found) {
    const formats = IMPORTERS.map((i) => i.format);
    throw new AppError('validation_failed', `unknown hotlist format '${format}'; expected one of ${formats.join(', ')}`, {
      details: { format, formats },
    });
  }
  return found;
}

/**
 * All importers, for listing the accepted formats to users.
 * @example listImporters().map((i) => i.format) // ['ncic-fixed', 'tx-ncic', 'plain']
 */
export function listImporters(): readonly HotlistImporter[] {
  return IMPORTERS;
}

export { ncicFixedImporter, plainImporter, txNcicImporter };
