/**
 * Builds the console (packages/web → packages/web/dist) with Vite when dist is missing or older
 * than its sources, so `npm start`, `npm run demo` and `npm test` always serve the current
 * console from a fresh clone. `--force` builds regardless.
 *
 *   node scripts/build-web.ts [--force]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const web = join(root, 'packages', 'web');
const stamp = join(web, 'dist', 'index.html');

/** Newest modification time under `path` (a file or a folder), skipping dist and node_modules. */
function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let t = st.mtimeMs;
  for (const name of readdirSync(path)) {
    if (name === 'dist' || name === 'node_modules') continue;
    t = Math.max(t, newest(join(path, name)));
  }
  return t;
}

export function webBuildIsStale(): boolean {
  if (!existsSync(stamp)) return true;
  const sources = Math.max(newest(web), newest(join(root, 'packages', 'domain', 'src')), newest(join(root, 'package-lock.json')));
  return sources > statSync(stamp).mtimeMs;
}

export function buildWeb(opts: { force?: boolean } = {}): void {
  if (!opts.force && !webBuildIsStale()) return;
  let vite: string;
  try {
    vite = join(dirname(createRequire(join(web, 'package.json')).resolve('vite/package.json')), 'bin', 'vite.js');
  } catch {
    throw new Error('the console needs building but Vite is not installed: run npm install first');
  }
  console.log('» building the console (vite build packages/web)');
  const r = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: web, stdio: 'inherit' });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`vite build failed with exit code ${r.status}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    buildWeb({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`build-web: ${(e as Error).message}`);
    process.exit(1);
  }
}
