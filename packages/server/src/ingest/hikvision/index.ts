export { hikvisionDecoder } from './hikvision.decoder.ts';
