/**
 * The machine's own floor, measured in the same run as the subjects, so each result can be
 * read as "× the floor" rather than as an absolute number from some other machine:
 *   (a) raw append of the same rows into an unindexed SQLite table, 10k rows per transaction;
 *   (b) a full scan of the distinct plates packed 8 B each in a Buffer;
 *   (c) memory bandwidth: Buffer.indexOf of an absent byte over 400 MB (memchr);
 *   (d) loopback HTTP round trip through node:http and fetch.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import type { Dataset } from './generate.ts';
import { appendRows, openSqlite, removeSqlite, sqliteFileBytes } from './peers/sqlite.peer.ts';
import { median, sig, summarize } from './stats.ts';

export interface Floor {
  rawAppend: { rows: number; seconds: number; rowsPerSec: number; bytesPerRead: number; how: string };
  plateScan: { plates: number; bytes: number; jsScanMs: number; jsGBps: number; nativeScanMs: number; nativeGBps: number; how: string };
  memory: { bytes: number; GBps: number; how: string };
  loopbackHttp: { requests: number; p50Us: number; p99Us: number; how: string };
}

/** (a) The same rows, same schema and pragmas as the SQLite peer, without any index. */
export function measureRawAppend(data: Dataset, workDir: string): Floor['rawAppend'] {
  const file = join(workDir, 'floor-raw.db');
  removeSqlite(file);
  const db = openSqlite(file);
  try {
    const t0 = performance.now();
    const rows = appendRows(db, data, data.base);
    const seconds = (performance.now() - t0) / 1000;
    const bytes = sqliteFileBytes(db, file);
    return {
      rows,
      seconds: sig(seconds),
      rowsPerSec: Math.round(rows / seconds),
      bytesPerRead: sig(bytes / rows),
      how: 'node:sqlite, WAL, synchronous=FULL, one prepared INSERT per row, 10k rows/transaction, no index',
    };
  } finally {
    db.close();
    removeSqlite(file);
  }
}

/** Packs plates (≤ 8 ASCII characters) into 8-byte slots, zero-padded. */
export function packPlates(plates: readonly string[], count = plates.length): Buffer {
  const buf = Buffer.alloc(count * 8);
  for (let i = 0; i < count; i++) buf.write(plates[i].slice(0, 8), i * 8, 'latin1');
  return buf;
}

/** Repeats `fn` up to `reps` times or until `budgetMs` has passed; returns the median ms. */
function timeMedian(fn: () => void, reps: number, budgetMs: number): number {
  const samples: number[] = [];
  const stop = performance.now() + budgetMs;
  for (let r = 0; r < reps && (r < 3 || performance.now() < stop); r++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/** (b) One full pass over the packed distinct plates: a JS masked compare, and native indexOf. */
export function measurePlateScan(data: Dataset): Floor['plateScan'] {
  const n = data.params.plates;
  const buf = packPlates(data.plates, n);
  const words = new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4);
  // A wildcard-style compare (mask out one position) that never matches, so every slot is read.
  const probe = packPlates(['ZZZZZZZZ']);
  const pw = new Uint32Array(probe.buffer, probe.byteOffset, 2);
  const m0 = 0xffffff00, m1 = 0xffffffff;
  const v0 = pw[0] & m0, v1 = pw[1] & m1;
  let sink = 0;
  const jsScanMs = timeMedian(() => {
    let hits = 0;
    for (let i = 0; i < words.length; i += 2) if ((words[i] & m0) === v0 && (words[i + 1] & m1) === v1) hits++;
    sink += hits;
  }, 21, 3000);
  const needle = Buffer.from('#%#', 'latin1');
  const nativeScanMs = timeMedian(() => {
    sink += buf.indexOf(needle);
  }, 21, 3000);
  if (sink === 42) console.log(''); // keeps the loops observable to the optimizer
  return {
    plates: n,
    bytes: buf.length,
    jsScanMs: sig(jsScanMs),
    jsGBps: sig(buf.length / jsScanMs / 1e6),
    nativeScanMs: sig(nativeScanMs),
    nativeGBps: sig(buf.length / nativeScanMs / 1e6),
    how: 'distinct plates packed 8 B each; JS loop comparing masked 2×32-bit words, and Buffer.indexOf of an absent 3-byte needle',
  };
}

/** (c) Native streaming read speed of one core: memchr over a 400 MB Buffer. */
export function measureMemory(bytes = 400 * 1024 * 1024): Floor['memory'] {
  const buf = Buffer.allocUnsafe(bytes).fill(1);
  const ms = timeMedian(() => {
    if (buf.indexOf(2) !== -1) throw new Error('unexpected byte');
  }, 7, 5000);
  return { bytes, GBps: sig(bytes / ms / 1e6), how: 'Buffer.indexOf of an absent byte over a 400 MB Buffer, median of ≤ 7' };
}

/** (d) Loopback HTTP round trip: a tiny node:http server and sequential fetch calls (keep-alive). */
export async function measureLoopback(requests = 2000, warmups = 200, budgetMs = 15_000): Promise<Floor['loopbackHttp']> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '11' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;
  const samples: number[] = [];
  const stop = performance.now() + budgetMs;
  try {
    for (let i = 0; i < warmups + requests && performance.now() < stop; i++) {
      const t = performance.now();
      const res = await fetch(url);
      await res.arrayBuffer();
      if (i >= warmups) samples.push((performance.now() - t) * 1000);
    }
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  const s = summarize(samples);
  return { requests: s.n, p50Us: sig(s.p50), p99Us: sig(s.p99), how: 'node:http server on 127.0.0.1, sequential GET with fetch (undici, keep-alive)' };
}

/** Runs (a)–(d); (a) writes into `workDir` and removes its file after. */
export async function measureFloor(data: Dataset, workDir: string, log: (line: string) => void): Promise<Floor> {
  const memory = measureMemory();
  log(`floor: memory ${memory.GBps} GB/s`);
  const plateScan = measurePlateScan(data);
  log(`floor: plate scan ${plateScan.jsScanMs} ms (JS), ${plateScan.nativeScanMs} ms (native)`);
  const loopbackHttp = await measureLoopback();
  log(`floor: loopback HTTP p50 ${loopbackHttp.p50Us} µs`);
  const rawAppend = measureRawAppend(data, workDir);
  log(`floor: raw append ${rawAppend.rowsPerSec} rows/s`);
  return { rawAppend, plateScan, memory, loopbackHttp };
}
