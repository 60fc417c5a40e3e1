export { platerecognizerDecoder } from './platerecognizer.decoder.ts';
