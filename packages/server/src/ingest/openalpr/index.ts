export { openalprDecoder } from './openalpr.decoder.ts';
