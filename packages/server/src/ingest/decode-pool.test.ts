import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { DecodePool } from './decode-pool.ts';
import { DecodeError, type DecodeResult, type RawPayload } from './decoder.types.ts';
import { getDecoder } from './decoders.ts';
import { packDecodeResult, unpackDecodeResult } from './packed-reads.ts';

const SAMPLES = new URL('../../../../../shared/samples/openalpr/', import.meta.url);

/** A batch with every field a read can carry, some reads without the optional ones. */
function batch(n: number): unknown[] {
  const out: unknown[] = [];
  for (let i = 0; i < n; i++) {
    const read: Record<string, unknown> = { plate: i % 3 === 0 ? `abc-${1000 + i}` : `ABC${1000 + i}`, confidence: 0.9, observedAt: `2026-01-05T10:${String(i % 60).padStart(2, '0')}:00-06:00` };
    if (i % 2 === 0) read.cameraId = `cam-${i % 7}`;
    else read.location = [-97.74 + i / 1e5, 30.27];
    if (i % 4 === 0) read.state = 'tx';
    if (i % 5 === 0) read.sourceEventId = `evt-${i}-\u0000-ünïcode`;
    if (i % 11 === 0) read.candidates = [{ plate: `ABC${1000 + i}`, confidence: 0.9 }, { plate: `A8C${1000 + i}`, confidence: 0.4 }];
    if (i % 13 === 0) read.vehicle = { color: 'silver', make: 'Chevrolet', year: 2019 };
    if (i % 17 === 0) read.images = [{ kind: 'plate', url: 'https://cams.example.test/p.jpg' }];
    out.push(read);
  }
  return out;
}

const payload = (value: unknown, extra: Partial<RawPayload> = {}): RawPayload => ({ body: Buffer.from(JSON.stringify(value)), contentType: 'application/json', receivedAt: 1_767_600_000_000, ...extra });
const inline = (family: string, p: RawPayload) => () => getDecoder(family)!.decode(p);

test('packing and unpacking gives back the decoded reads field for field', () => {
  const decoded = getDecoder('rtcc')!.decode(payload(batch(300))) as DecodeResult;
  assert.equal(decoded.reads.length, 300);
  assert.deepEqual(unpackDecodeResult(packDecodeResult(decoded)), decoded);
  const empty: DecodeResult = { reads: [], heartbeats: [], alerts: [], ignored: 'empty array' };
  assert.deepEqual(unpackDecodeResult(packDecodeResult(empty)), empty);
});

test('a decode thread gives the same reads as the main thread, and the caller keeps its body', async () => {
  const pool = new DecodePool({ threads: 1, minBytes: 1 });
  try {
    const p = payload(batch(1000));
    const before = Buffer.from(p.body);
    assert.equal(pool.accepts('rtcc', p), true);
    const got = await pool.decode('rtcc', p, () => assert.fail('decoded on the main thread'));
    assert.deepEqual(got, getDecoder('rtcc')!.decode(p));
    assert.deepEqual(p.body, before);
  } finally {
    await pool.close();
  }
});

test('OpenALPR samples decode the same on a thread (heartbeats and alerts included)', async () => {
  const pool = new DecodePool({ threads: 1, minBytes: 1 });
  try {
    const names = readdirSync(SAMPLES).filter((n) => n.endsWith('.json'));
    assert.ok(names.length >= 3, `OpenALPR samples in ${SAMPLES.pathname}`);
    for (const name of names) {
      const body = readFileSync(new URL(name, SAMPLES));
      const p: RawPayload = { body, contentType: 'application/json', receivedAt: 1_767_600_000_000 };
      assert.deepEqual(await pool.decode('openalpr', p, inline('openalpr', p)), getDecoder('openalpr')!.decode(p), name);
    }
  } finally {
    await pool.close();
  }
});

test('a decode error comes back as a DecodeError with every problem', async () => {
  const pool = new DecodePool({ threads: 1, minBytes: 1 });
  try {
    const bad = batch(50);
    (bad[3] as Record<string, unknown>).confidence = 93;
    (bad[7] as Record<string, unknown>).colour = 'red';
    const p = payload(bad);
    const expected = (() => {
      try {
        getDecoder('rtcc')!.decode(p);
      } catch (e) {
        return e as DecodeError;
      }
      return assert.fail('expected a DecodeError');
    })();
    await assert.rejects(pool.decode('rtcc', p, inline('rtcc', p)), (e: unknown) => {
      assert.ok(e instanceof DecodeError);
      assert.equal(e.message, expected.message);
      assert.deepEqual(e.details, expected.details);
      return true;
    });
    const syntax = { body: Buffer.from('[{"plate": "ABC123",'), receivedAt: 0 };
    await assert.rejects(pool.decode('rtcc', syntax, inline('rtcc', syntax)), (e: unknown) => e instanceof DecodeError && /invalid JSON at position/.test(e.message));
  } finally {
    await pool.close();
  }
});

test('small bodies, other families and a closed pool stay on the main thread', async () => {
  const pool = new DecodePool({ threads: 1 });
  const small = payload(batch(3));
  assert.equal(pool.accepts('rtcc', small), false);
  assert.equal(pool.accepts('genetec', payload(batch(1000))), false);
  assert.equal(pool.accepts('rtcc', payload(batch(1000))), true);
  assert.equal(new DecodePool({ threads: 0 }).accepts('rtcc', payload(batch(1000))), false);
  await pool.close();
  assert.equal(pool.accepts('rtcc', payload(batch(1000))), false);
});

test('when a decode thread dies, its bodies and later ones are decoded on the main thread', async () => {
  const dying = new URL('data:text/javascript,process.exit(3)');
  const pool = new DecodePool({ threads: 1, minBytes: 1, workerUrl: dying });
  try {
    const p = payload(batch(20));
    let inlineCalls = 0;
    const got = await pool.decode('rtcc', p, () => {
      inlineCalls++;
      return getDecoder('rtcc')!.decode(p);
    });
    assert.equal(inlineCalls, 1);
    assert.equal(got.reads.length, 20);
    assert.equal(pool.accepts('rtcc', p), false);
  } finally {
    await pool.close();
  }
});
