/**
 * A decode thread of the DecodePool: turns request bodies into reads with the same decoders the
 * main thread uses, and sends them back packed (packed-reads.ts). It holds no state: every
 * message is one body, answered once, in the order received.
 */
import { parentPort } from 'node:worker_threads';
import { DecodeError } from './decoder.types.ts';
import { getDecoder } from './decoders.ts';
import { packDecodeResult, transferables } from './packed-reads.ts';
import type { DecodeReply, DecodeRequest } from './decode-pool.ts';

parentPort?.on('message', (m: DecodeRequest) => {
  const body = Buffer.from(m.body.buffer, m.body.byteOffset, m.body.byteLength);
  let reply: DecodeReply;
  let transfer: ArrayBuffer[] = [];
  try {
    const decoder = getDecoder(m.family);
    if (!decoder) throw new Error(`no decoder for ${m.family}`);
    const result = decoder.decode({ body, contentType: m.contentType, receivedAt: m.receivedAt, timeZone: m.timeZone });
    if (result instanceof Promise) throw new Error(`the ${m.family} decoder is asynchronous`);
    const packed = packDecodeResult(result);
    reply = { id: m.id, ok: true, packed };
    transfer = transferables(packed);
  } catch (e) {
    reply = e instanceof DecodeError
      ? { id: m.id, ok: false, decodeError: true, message: e.message, details: e.details }
      : { id: m.id, ok: false, decodeError: false, message: (e as Error).message };
  }
  parentPort?.postMessage(reply, transfer);
});
