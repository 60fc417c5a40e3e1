export { eidoDecoder, EIDO_SOURCE, MAX_EIDOS, type EidoDecoded, type EidoUnit, type IncidentUpdate } from './eido.decoder.ts';
export { parsePidfLo, civicLine, type PidfLocation } from './pidf-lo.ts';
