export { survisionDecoder } from './survision.decoder.ts';
