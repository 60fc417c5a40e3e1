/**
 * Decodes every vendor sample in shared/samples/openalpr/ and checks the result against the
 * sample's own fields. A missing samples folder fails the run: a silently skipped conformance
 * test would look green while proving nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openalprDecoder } from './openalpr.decoder.ts';
import type { DecodeResult } from '../decoder.types.ts';

// openalpr/ → ingest/ → src/ → server/ → packages/ → main/ → the checkout's parent, which holds shared/.
const SAMPLES = fileURLToPath(new URL('../../../../../../shared/samples/openalpr/', import.meta.url));
const AGENT = 'YYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYYY';

const close = (actual: number, expected: number, what: string) =>
  assert.ok(Math.abs(actual - expected) < 1e-9, `${what}: ${actual} ≠ ${expected}`);

/** What each sample must decode to, keyed by file name. Every .json file must have an entry. */
const expectations: Record<string, (r: DecodeResult, sample: Record<string, any>) => void> = {
  'alpr_results.agent-2.7.101.doc.json': (r, s) => {
    assert.equal(r.reads.length, s.results.length);
    const [first, second] = r.reads;
    assert.equal(first.plate, 'D2651BF');
    assert.equal(first.state, 'MO');
    close(first.confidence, 0.929419174194336, 'confidence');
    assert.equal(first.observedAt, s.epoch_time);
    assert.equal(first.sourceEventId, `${s.uuid}:0`);
    assert.equal(first.sourceCameraKey, `${AGENT}:1234`);
    assert.deepEqual(
      first.candidates?.map((c) => c.plate),
      ['D2651F', 'D265BF', 'D251BF'],
    );
    close(first.candidates![0].confidence, 0.808129653930664, 'candidate confidence');
    // The doc sample's crops are placeholder text, not images.
    assert.equal(first.images, undefined);
    assert.equal(second.plate, 'CG3L5Y');
    assert.equal(second.sourceEventId, `${s.uuid}:1`);
    assert.deepEqual(second.candidates?.map((c) => c.plate), ['CGL5Y', 'CG3L5']);
  },
  'alpr_results.agent-2.3.111.doc.json': (r, s) => {
    assert.equal(r.reads.length, 1);
    const read = r.reads[0];
    assert.equal(read.plate, 'AE1T3E');
    assert.equal(read.state, 'MO', 'bare "mo" region');
    close(read.confidence, 0.93904076, 'confidence');
    assert.equal(read.observedAt, 1490574589596);
    assert.equal(read.sourceEventId, 'unspecified-cam16488027-1490574589596:0');
    assert.equal(read.sourceCameraKey, `${AGENT}:16488027`);
    const expected = s.results[0].candidates.map((c: { plate: string }) => c.plate).filter((p: string) => p !== 'AE1T3E');
    assert.deepEqual(read.candidates?.map((c) => c.plate), expected);
  },
  'alpr_group.agent-2.7.101.doc.json': (r, s) => {
    assert.equal(r.reads.length, 1);
    const read = r.reads[0];
    assert.equal(read.plate, 'D2651BF');
    assert.equal(read.state, 'MO');
    close(read.confidence, s.best_confidence / 100, 'confidence');
    assert.equal(read.observedAt, s.epoch_start);
    assert.equal(read.sourceEventId, `group:${s.uuids[0]}:0`);
    assert.equal(read.sourceCameraKey, `${AGENT}:1234`);
    assert.deepEqual(read.location, [-79.2059326171875, 37.635986328125]);
    assert.equal(read.locationSource, 'device');
    assert.deepEqual(read.candidates?.map((c) => c.plate), ['D2651F', 'D265BF']);
    assert.deepEqual(read.vehicle, {
      color: 'black',
      make: 'ford',
      model: 'focus',
      bodyType: 'sedan-standard',
      year: '2010-2014',
      heading: 85.5532836914062,
    });
    assert.equal(read.images, undefined);
  },
  'heartbeat.agent-2.7.101.doc.json': (r) => {
    assert.equal(r.reads.length, 0);
    assert.equal(r.heartbeats.length, 1);
    const hb = r.heartbeats[0];
    assert.equal(hb.agentId, AGENT);
    assert.equal(hb.at, 1562681904008);
    assert.deepEqual(hb.cameras, [
      { sourceCameraKey: `${AGENT}:1234`, name: 'test', isStreaming: true, location: [-79.2059326171875, 37.635986328125] },
    ]);
    assert.equal(hb.details?.disk_drive_free_bytes, '8031714103340852224');
    assert.equal(hb.details?.license_key, undefined);
  },
};

test('the OpenALPR samples folder exists', () => {
  assert.ok(existsSync(SAMPLES), `samples folder missing: ${SAMPLES}`);
});

const files = existsSync(SAMPLES) ? readdirSync(SAMPLES).filter((f) => f.endsWith('.json')).sort() : [];

test('every .json sample has an expectation', () => {
  assert.ok(files.length > 0, 'no .json samples found');
  assert.deepEqual(files, Object.keys(expectations).sort());
});

for (const file of files) {
  test(`sample ${file} decodes to its own fields`, () => {
    const body = readFileSync(join(SAMPLES, file));
    // alprd labels its JSON as form data; the sample must decode under that label too.
    const result = openalprDecoder.decode({ body, contentType: 'application/x-www-form-urlencoded', receivedAt: 0 });
    const sample = JSON.parse(body.toString('utf8').replace(/^\uFEFF/, ''));
    const check = expectations[file];
    assert.ok(check, `no expectation for ${file}`);
    check(result, sample);
    assert.equal(result.ignored, undefined);
  });
}
