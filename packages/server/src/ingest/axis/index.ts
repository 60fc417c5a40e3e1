export { axisDecoder } from './axis.decoder.ts';
