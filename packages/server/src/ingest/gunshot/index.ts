export { gunshotDecoder, GUNSHOT_SOURCE, MAX_ALERTS, type GunshotDecoded, type GunshotInput } from './gunshot.decoder.ts';
