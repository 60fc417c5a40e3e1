import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import { MALLOC_HUGE_PAGES_TUNABLE, hugePagesState, runsOnGlibc, withHugePagesTunable } from './huge-pages.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const START = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } }).scripts.start;

test('the tunable goes first in GLIBC_TUNABLES, and a setting of the caller’s own is kept', () => {
  assert.equal(withHugePagesTunable(undefined), 'glibc.malloc.hugetlb=1');
  assert.equal(withHugePagesTunable(''), 'glibc.malloc.hugetlb=1');
  assert.equal(withHugePagesTunable('glibc.malloc.arena_max=2'), 'glibc.malloc.hugetlb=1:glibc.malloc.arena_max=2');
  assert.equal(withHugePagesTunable('glibc.malloc.hugetlb=0'), 'glibc.malloc.hugetlb=0');
});

test('the state follows the kernel’s THP mode and the last hugetlb setting', () => {
  if (!runsOnGlibc()) {
    assert.equal(hugePagesState({ GLIBC_TUNABLES: MALLOC_HUGE_PAGES_TUNABLE }, 'madvise'), 'unavailable', 'without glibc there is no tunable');
    return;
  }
  assert.equal(hugePagesState({ GLIBC_TUNABLES: MALLOC_HUGE_PAGES_TUNABLE }, 'madvise'), 'on');
  assert.equal(hugePagesState({}, 'madvise'), 'off');
  assert.equal(hugePagesState({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=1:glibc.malloc.hugetlb=0' }, 'madvise'), 'off');
  assert.equal(hugePagesState({ GLIBC_TUNABLES: 'glibc.malloc.hugetlb=0:glibc.malloc.hugetlb=1' }, 'madvise'), 'on');
  assert.equal(hugePagesState({}, 'always'), 'kernel-always');
  assert.equal(hugePagesState({ GLIBC_TUNABLES: MALLOC_HUGE_PAGES_TUNABLE }, 'never'), 'unavailable');
});

test('npm start runs the server with the tunable set (scripts/with-huge-pages.sh) and says so', { timeout: 60_000 }, async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rtcc-start-'));
  const env: NodeJS.ProcessEnv = { ...process.env, RTCC_DATA_DIR: dataDir, RTCC_PORT: '0', RTCC_HOST: '127.0.0.1', RTCC_ADMIN_TOKEN: 'start-test-admin-token-0123456789', RTCC_LOG_LEVEL: 'silent' };
  delete env.GLIBC_TUNABLES;
  // npm start's own command line, each step exec'ing the next: the child's pid ends up the server's
  const child = spawn('sh', ['-c', `exec ${START}`], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const out = await new Promise<string>((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`no listening line in 45 s: ${text}`)), 45_000);
      child.stdout!.on('data', (d) => {
        text += d;
        if (/listening on/.test(text)) {
          clearTimeout(timer);
          resolve(text);
        }
      });
      child.stderr!.on('data', (d) => (text += d));
      child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${text}`)));
    });
    const environ = readFileSync(`/proc/${child.pid}/environ`, 'utf8').split('\0');
    assert.ok(environ.includes(`GLIBC_TUNABLES=${MALLOC_HUGE_PAGES_TUNABLE}`), 'the server process has the tunable');
    const expected = hugePagesState({ GLIBC_TUNABLES: MALLOC_HUGE_PAGES_TUNABLE });
    assert.match(out, new RegExp(`start-up: .*; huge pages: ${expected}\\n`));
    assert.doesNotMatch(out, /huge pages are off/);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
});
