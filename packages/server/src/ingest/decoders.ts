/**
 * The registry of ingest decoders by source family. Adding a source means adding its decoder here.
 */
import type { Decoder } from './decoder.types.ts';
import { openalprDecoder } from './openalpr/index.ts';
import { rtccDecoder } from './rtcc/index.ts';
import { platerecognizerDecoder } from './platerecognizer/index.ts';
import { eidoDecoder } from './eido/index.ts';
import { osmandDecoder } from './osmand/index.ts';
import { traccarDecoder } from './traccar/index.ts';
import { gunshotDecoder } from './gunshot/index.ts';
import { frigateDecoder } from './frigate/index.ts';
import { genetecDecoder } from './genetec/index.ts';
import { axisDecoder } from './axis/index.ts';
import { hikvisionDecoder } from './hikvision/index.ts';
import { survisionDecoder } from './survision/index.ts';
import { verkadaDecoder } from './verkada/index.ts';

const DECODERS: readonly Decoder[] = [
  openalprDecoder,
  rtccDecoder,
  frigateDecoder,
  platerecognizerDecoder,
  genetecDecoder,
  axisDecoder,
  hikvisionDecoder,
  survisionDecoder,
  verkadaDecoder,
];
const BY_FAMILY = new Map(DECODERS.map((d) => [d.family, d]));
/**
 * Decoders of dispatch, unit-location and sensor sources: they produce incidents, positions and
 * alerts rather than reads, and their routes (cad and avl modules) call them directly.
 */
const EVENT_DECODERS: readonly { family: string }[] = [eidoDecoder, osmandDecoder, traccarDecoder, gunshotDecoder];

/**
 * The decoder for a source family, or undefined when none is registered.
 * @example getDecoder('openalpr')?.decode(payload)
 */
export function getDecoder(family: string): Decoder | undefined {
  return BY_FAMILY.get(family);
}

/** Every registered read decoder, in registration order. */
export function listDecoders(): readonly Decoder[] {
  return DECODERS;
}

/** Read families the server subscribes to itself (Frigate over MQTT): no source or key posts them. */
const SUBSCRIBED = new Set([frigateDecoder.family]);

/** Every source family a source (and its ingest key) can be created for: read decoders first. */
export function listSourceKinds(): readonly string[] {
  return [...DECODERS, ...EVENT_DECODERS].map((d) => d.family).filter((f) => !SUBSCRIBED.has(f));
}
