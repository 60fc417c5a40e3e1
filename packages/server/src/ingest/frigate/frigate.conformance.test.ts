/**
 * Decodes every sample in shared/samples/frigate/ (the .jsonc ones with their comments stripped)
 * and checks the result against the sample's own fields. A missing samples folder fails the run:
 * a silently skipped conformance test would look green while proving nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { frigateDecoder, NO_PLATE } from './frigate.decoder.ts';
import type { DecodeResult } from '../decoder.types.ts';
import { stripJsonComments } from './jsonc.ts';

// frigate/ → ingest/ → src/ → server/ → packages/ → main/ → the checkout's parent, which holds shared/.
const SAMPLES = fileURLToPath(new URL('../../../../../../shared/samples/frigate/', import.meta.url));
// after the samples' 2020–2024 times, so they are in the past
const RECEIVED = Date.UTC(2026, 0, 1);

/** What each sample must decode to, keyed by file name. Every .json / .jsonc file must have an entry. */
const expectations: Record<string, (r: DecodeResult, sample: Record<string, any>) => void> = {
  'mqtt.frigate_events.update.doc.json': (r, s) => eventWithStringPlate(r, s),
  'mqtt.frigate_events.update.doc.jsonc': (r, s) => eventWithStringPlate(r, s),
  'mqtt.frigate_events.update.v0.9-era.doc.jsonc': (r) => {
    assert.deepEqual(r, { reads: [], heartbeats: [], alerts: [], ignored: NO_PLATE });
  },
  'mqtt.frigate_reviews.update.doc.json': (r) => {
    assert.equal(r.reads.length, 0);
    assert.equal(r.ignored, 'review message');
  },
  'mqtt.frigate_tracked_object_update.lpr.doc.json': (r, s) => lprUpdate(r, s),
  'mqtt.frigate_tracked_object_update.lpr.doc.jsonc': (r, s) => lprUpdate(r, s),
};

function eventWithStringPlate(r: DecodeResult, s: Record<string, any>): void {
  assert.equal(r.reads.length, 1);
  const read = r.reads[0];
  assert.equal(read.sourceSystem, 'frigate');
  assert.equal(read.plate, 'ABC12345');
  assert.equal(read.plateRaw, s.after.recognized_license_plate);
  assert.equal(read.confidence, s.after.recognized_license_plate_score);
  assert.equal(read.observedAt, Math.round(s.after.frame_time * 1000));
  assert.equal(read.sourceCameraKey, 'front_door');
  assert.equal(read.sourceEventId, `${s.after.id}:ABC12345`);
}

function lprUpdate(r: DecodeResult, s: Record<string, any>): void {
  assert.equal(r.reads.length, 1);
  const read = r.reads[0];
  assert.equal(read.plate, '123ABC');
  assert.equal(read.confidence, s.score);
  assert.equal(read.observedAt, Math.round(s.timestamp * 1000));
  assert.equal(read.sourceCameraKey, s.camera);
  assert.equal(read.sourceEventId, `${s.id}:123ABC`);
}

test('the Frigate samples folder is present', () => {
  assert.ok(existsSync(SAMPLES), `missing ${SAMPLES}: the conformance test needs shared/samples/frigate beside the checkout`);
});

const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => /\.jsonc?$/.test(f)).sort() : [];

test('every Frigate sample has an expectation', () => {
  assert.ok(files.length > 0, 'no samples found');
  assert.deepEqual(files, Object.keys(expectations).sort());
});

for (const file of files) {
  test(`frigate conformance: ${file}`, () => {
    const raw = readFileSync(`${SAMPLES}${file}`, 'utf8');
    const text = file.endsWith('.jsonc') ? stripJsonComments(raw) : raw;
    const sample = JSON.parse(text);
    const r = frigateDecoder.decode({ body: Buffer.from(text), receivedAt: RECEIVED });
    expectations[file](r, sample);
  });
}

test('a .jsonc sample and its comment-stripped .json twin decode alike', () => {
  for (const base of ['mqtt.frigate_events.update.doc', 'mqtt.frigate_tracked_object_update.lpr.doc']) {
    const jsonc = JSON.parse(stripJsonComments(readFileSync(`${SAMPLES}${base}.jsonc`, 'utf8')));
    const json = JSON.parse(readFileSync(`${SAMPLES}${base}.json`, 'utf8'));
    assert.deepEqual(jsonc, json, base);
  }
});

test('stripJsonComments leaves strings alone and drops trailing commas', () => {
  const text = '{\n  "url": "http://x//y", // a comment\n  "q": "a \\" // b", /* block\n */ "n": [1, 2,],\n}';
  assert.deepEqual(JSON.parse(stripJsonComments(text)), { url: 'http://x//y', q: 'a " // b', n: [1, 2] });
});
