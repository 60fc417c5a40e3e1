/**
 * The registry of ingest decoders by source family. Adding a source means adding its decoder here.
 */
import type { Decoder } from './decoder.types.ts';
import { openalprDecoder } from './openalpr/index.ts';
import { rtccDecoder } from './rtcc/index.ts';

const DECODERS: readonly Decoder[] = [openalprDecoder, rtccDecoder];
const BY_FAMILY = new Map(DECODERS.map((d) => [d.family, d]));

/**
 * The decoder for a source family, or undefined when none is registered.
 * @example getDecoder('openalpr')?.decode(payload)
 */
export function getDecoder(family: string): Decoder | undefined {
  return BY_FAMILY.get(family);
}

/** Every registered decoder, in registration order. */
export function listDecoders(): readonly Decoder[] {
  return DECODERS;
}
