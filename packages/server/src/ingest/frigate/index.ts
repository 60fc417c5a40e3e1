export { frigateDecoder, FRIGATE_SOURCE, NO_PLATE } from './frigate.decoder.ts';
