export { platerecognizerDecoder } from './platerecognizer.decoder.ts';
export { withoutFileParts } from './multipart.ts';
