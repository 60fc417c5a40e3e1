/**
 * Hotlist file importers by `format` name.
 */
import { AppError } from '../../errors.ts';
import type { HotlistImporter } from '../importer.types.ts';
import { caClewImporter } from './ca-clew.importer.ts';
import { coCcicImporter } from './co-ccic.importer.ts';
import { flFcicImporter } from './fl-fcic.importer.ts';
import { ilLeadsImporter } from './il-leads.importer.ts';
import { miStateImporter } from './mi-state.importer.ts';
import { mnNcicImporter } from './mn-ncic.importer.ts';
import { ncicFixedImporter } from './ncic-fixed.importer.ts';
import { nyStateImporter } from './ny-state.importer.ts';
import { plainImporter } from './plain.importer.ts';
import { txNcicImporter } from './tx-ncic.importer.ts';
import { txTcicImporter } from './tx-tcic.importer.ts';
import { waNcicImporter } from './wa-ncic.importer.ts';
import { waStolenImporter } from './wa-stolen.importer.ts';

const IMPORTERS: readonly HotlistImporter[] = [
  ncicFixedImporter,
  miStateImporter,
  waNcicImporter,
  waStolenImporter,
  txNcicImporter,
  txTcicImporter,
  mnNcicImporter,
  flFcicImporter,
  ilLeadsImporter,
  nyStateImporter,
  caClewImporter,
  coCcicImporter,
  plainImporter,
];

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
 * @example listImporters().map((i) => i.format) // ['ncic-fixed', 'mi-state', …, 'plain']
 */
export function listImporters(): readonly HotlistImporter[] {
  return IMPORTERS;
}

export {
  caClewImporter,
  coCcicImporter,
  flFcicImporter,
  ilLeadsImporter,
  miStateImporter,
  mnNcicImporter,
  ncicFixedImporter,
  nyStateImporter,
  plainImporter,
  txNcicImporter,
  txTcicImporter,
  waNcicImporter,
  waStolenImporter,
};
