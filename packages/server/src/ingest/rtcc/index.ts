export { rtccDecoder, MAX_READS_PER_REQUEST, derivedEventId } from './rtcc.decoder.ts';
export { parseIsoWithZone } from './iso-time.ts';
