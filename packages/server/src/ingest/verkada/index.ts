export { verkadaDecoder } from './verkada.decoder.ts';
