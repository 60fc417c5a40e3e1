/**
 * Table-driven decoder tests over fixture files: each case decodes one file and is compared
 * whole (`expect`), checked (`check`), or must be refused with a DecodeError whose message
 * matches `error`. Shared by the device decoders' tests (Axis, Genetec, Hikvision, Survision,
 * Verkada); sync and async decoders alike.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { DecodeError, type DecodeResult, type Decoder, type RawPayload } from './decoder.types.ts';

/** When the platform "received" every fixture. */
export const RECEIVED = 1_800_000_000_000;

export interface DecoderCase {
  name: string;
  /** A file in the decoder's fixtures folder. */
  file: string;
  /** Default: the table's content type. */
  contentType?: string;
  /** The source's time zone, for formats whose times carry none. */
  timeZone?: string;
  expect?: DecodeResult;
  check?: (r: DecodeResult) => void;
  error?: RegExp;
}

/** The single read of a result (asserting there is exactly one). */
export function onlyRead(r: DecodeResult): DecodeResult['reads'][number] {
  assert.equal(r.reads.length, 1);
  return r.reads[0];
}

/** One test per case, named `<family>: <case name>`. */
export function decoderCases(decoder: Decoder, fixtures: URL, contentType: string, cases: DecoderCase[]): void {
  for (const c of cases) {
    test(`${decoder.family}: ${c.name}`, async () => {
      const payload: RawPayload = { body: readFileSync(new URL(c.file, fixtures)), contentType: c.contentType ?? contentType, receivedAt: RECEIVED };
      if (c.timeZone) payload.timeZone = c.timeZone;
      if (c.error) {
        await assert.rejects(async () => decoder.decode(payload), (e: unknown) => e instanceof DecodeError && c.error!.test(e.message));
        return;
      }
      const r = await decoder.decode(payload);
      if (c.expect) assert.deepEqual(r, c.expect);
      c.check?.(r);
    });
  }
}
