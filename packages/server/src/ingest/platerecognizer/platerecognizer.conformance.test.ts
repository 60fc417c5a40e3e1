/**
 * Decodes every sample in shared/samples/plate-recognizer/ to the reads it must give. A missing
 * samples folder fails the run: a silently skipped conformance test would prove nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { platerecognizerDecoder } from './platerecognizer.decoder.ts';
import type { DecodeResult } from '../decoder.types.ts';

// platerecognizer/ → ingest/ → src/ → server/ → packages/ → main/ → the checkout's parent, which holds shared/.
const PLATERECOGNIZER_SAMPLES = fileURLToPath(new URL('../../../../../../shared/samples/plate-recognizer/', import.meta.url));

const MW_ALTERNATIVES = [
  { plate: 'MW81BWM', confidence: 0.864 },
  { plate: 'MW8I8WM', confidence: 0.864 },
  { plate: 'MWB18WM', confidence: 0.864 },
  { plate: 'MW8IBWM', confidence: 0.728 },
  { plate: 'MWB1BWM', confidence: 0.728 },
  { plate: 'MWBI8WM', confidence: 0.728 },
  { plate: 'MWBIBWM', confidence: 0.593 },
];
// "Unknown" vehicle type and the "generic"/"Invalid" make are the model's "don't know": not kept.
const MW_VEHICLE = { color: 'black', heading: 81 };
const MW_TIME = Date.UTC(2024, 9, 17, 23, 4, 50, 98);

/** The decode result of each sample, keyed by file name. Every .json file must have an entry. */
const expected: Record<string, DecodeResult> = {
  'stream-webhook.recognition.webhook-tester.json': {
    reads: [
      {
        sourceSystem: 'platerecognizer',
        sourceEventId: 'camera-1:1735689600000:0',
        plate: 'PL8REC',
        plateRaw: 'pl8rec',
        confidence: 0.902,
        state: 'CA',
        candidates: [{ plate: 'PLBREC', confidence: 0.758 }],
        vehicle: { bodyType: 'Sedan', make: 'Porsche', model: '911', color: 'red', heading: 210 },
        observedAt: Date.UTC(2025, 0, 1),
        sourceCameraKey: 'camera-1',
      },
    ],
    heartbeats: [],
    alerts: [],
  },
  'snapshot-api.response.two-results.json': {
    reads: [
      { sourceSystem: 'platerecognizer', sourceEventId: `sv1-searial-1:${MW_TIME}:0`, plate: 'MW818WM', plateRaw: 'mw818wm', confidence: 1, candidates: MW_ALTERNATIVES, vehicle: MW_VEHICLE, observedAt: MW_TIME, sourceCameraKey: 'sv1-searial-1' },
      { sourceSystem: 'platerecognizer', sourceEventId: `sv1-searial-1:${MW_TIME}:1`, plate: 'MW818WM2', plateRaw: 'mw818wm2', confidence: 1, candidates: MW_ALTERNATIVES, vehicle: MW_VEHICLE, observedAt: MW_TIME, sourceCameraKey: 'sv1-searial-1' },
    ],
    heartbeats: [],
    alerts: [],
  },
  'snapshot-api.response.no-results.json': { reads: [], heartbeats: [], alerts: [], ignored: 'no plate in results' },
};

test('the Plate Recognizer samples folder exists', async () => {
  assert.ok(existsSync(PLATERECOGNIZER_SAMPLES), `samples folder missing: ${PLATERECOGNIZER_SAMPLES}`);
});

const files = existsSync(PLATERECOGNIZER_SAMPLES) ? readdirSync(PLATERECOGNIZER_SAMPLES).filter((f) => f.endsWith('.json')).sort() : [];

test('every .json sample has an expectation', async () => {
  assert.ok(files.length > 0, 'no .json samples found');
  assert.deepEqual(files, Object.keys(expected).sort());
});

for (const file of files) {
  test(`sample ${file} decodes to the expected reads`, async () => {
    const body = readFileSync(join(PLATERECOGNIZER_SAMPLES, file));
    assert.deepEqual(await platerecognizerDecoder.decode({ body, contentType: 'application/json', receivedAt: 0 }), expected[file]);
  });
}

test('the Stream sample posted as the webhook tester sends it (multipart json field + upload image) gives the same reads, with the image', async () => {
  const file = 'stream-webhook.recognition.webhook-tester.json';
  const boundary = 'tester-boundary-1234';
  // a CRLF and dashes inside the image must not end the part
  const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9]);
  const json = readFileSync(join(PLATERECOGNIZER_SAMPLES, file));
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="json"\r\n\r\n`),
    json,
    Buffer.from(`\r\n--${boundary}\r\nContent-Disposition: form-data; name="upload"; filename="image.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    JPEG,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const r = await platerecognizerDecoder.decode({ body, contentType: `multipart/form-data; boundary=${boundary}`, receivedAt: 0 });
  const image = { kind: 'overview' as const, jpegBase64: JPEG.toString('base64') };
  assert.deepEqual(r, { ...expected[file], reads: expected[file].reads.map((read) => ({ ...read, images: [image] })) });
});
