/**
 * Acknowledge after durable, end to end: the real server (`main.ts`, embedded SQLite) is killed
 * with SIGKILL while several clients are posting reads; after a restart on the same data folder
 * every read that was acknowledged is there exactly once, and resending it is a duplicate.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';

const MAIN = fileURLToPath(new URL('../main.ts', import.meta.url));
const TOKEN = 'crash-test-admin-token-0123456789';
const CAMERA = 'crash-cam';
const BATCH = 200;
const POSTERS = 4;
const ACKS_BEFORE_KILL = 24;

const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-crash-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

interface Server {
  child: ChildProcess;
  base: string;
}

function startServer(): Promise<Server> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, RTCC_DATA_DIR: dataDir, RTCC_PORT: '0', RTCC_HOST: '127.0.0.1', RTCC_ADMIN_TOKEN: TOKEN, RTCC_LOG_LEVEL: 'silent' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`server did not start in 30 s: ${out}${err}`)), 30_000);
    child.stderr!.on('data', (d) => (err += d));
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on (http:\/\/[\d.]+:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, base: m[1] });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${out}${err}`));
    });
  });
}

function batch(poster: number, n: number): object[] {
  const at = Date.UTC(2026, 10, 20, 12, 0, 0) + n * 1000;
  return Array.from({ length: BATCH }, (_, i) => ({
    plate: `CR${poster}${String(n).padStart(3, '0')}${String(i).padStart(3, '0')}`.slice(0, 10),
    confidence: 0.9,
    observedAt: new Date(at + i).toISOString(),
    cameraId: CAMERA,
    sourceSystem: 'crash-test',
    sourceEventId: `p${poster}-b${n}-r${i}`,
  }));
}

async function post(base: string, body: object[]): Promise<{ accepted: number; duplicates: number }> {
  const res = await fetch(`${base}/api/v1/reads`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`POST /api/v1/reads answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { accepted: number; duplicates: number };
}

test('SIGKILL during ingest loses no acknowledged read and stores none twice', { timeout: 120_000 }, async () => {
  const first = await startServer();
  const acked: object[][] = [];
  let killed = false;
  const exited = new Promise((r) => first.child.once('exit', r));
  const posters = Array.from({ length: POSTERS }, async (_, p) => {
    for (let n = 0; !killed && n < 1000; n++) {
      const body = batch(p, n);
      try {
        await post(first.base, body);
      } catch {
        return; // the server died with this request in flight: not acknowledged
      }
      acked.push(body);
      if (acked.length >= ACKS_BEFORE_KILL && !killed) {
        killed = true;
        first.child.kill('SIGKILL');
      }
    }
  });
  await Promise.all(posters);
  await exited;
  assert.ok(killed, 'the server was killed mid-ingest');
  assert.ok(acked.length >= ACKS_BEFORE_KILL);

  const second = await startServer();
  try {
    const seen = new Map<string, number>();
    let cursor: string | undefined;
    let total = -1;
    do {
      const res = await fetch(`${second.base}/api/v1/reads/search`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ cameraIds: [CAMERA], limit: 1000, cursor, justification: { offenseType: 'motor_vehicle_theft', caseNumber: 'QA-2026-0001' } }),
      });
      assert.equal(res.status, 200, await res.clone().text());
      const page = (await res.json()) as { items: { sourceEventId: string }[]; total: number; nextCursor: string | null };
      total = page.total;
      for (const r of page.items) seen.set(r.sourceEventId, (seen.get(r.sourceEventId) ?? 0) + 1);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);

    const ackedIds = acked.flat().map((r) => (r as { sourceEventId: string }).sourceEventId);
    const missing = ackedIds.filter((id) => !seen.has(id));
    assert.deepEqual(missing.slice(0, 5), [], `${missing.length} acknowledged reads lost`);
    assert.ok([...seen.values()].every((c) => c === 1), 'a read was stored twice');
    assert.equal(total, seen.size, 'the exact total agrees with the reads paged through');

    // resending what was acknowledged stores nothing new
    for (const body of acked.slice(0, 8)) {
      const r = await post(second.base, body);
      assert.deepEqual(r, { ...r, accepted: 0, duplicates: BATCH });
    }
  } finally {
    second.child.kill('SIGTERM');
    await new Promise((r) => second.child.once('exit', r));
  }
});
