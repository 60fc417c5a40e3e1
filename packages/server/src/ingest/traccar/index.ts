export { traccarDecoder, TRACCAR_SOURCE, type TraccarDecoded } from './traccar.decoder.ts';
