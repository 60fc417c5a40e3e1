export { genetecDecoder } from './genetec.decoder.ts';
