/**
 * `npm test`: the type check, then every test file (`*.test.ts`) under packages/, bench/ and e2e/
 * with Node's own runner. Exits non-zero when either fails.
 *
 * Tests that need a service (PostgreSQL, Chromium …) fail under CI=true when it is missing and
 * skip, saying why, on a developer's machine without it.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);

function run(cmd: string, argv: string[]): number {
  const r = spawnSync(cmd, argv, { cwd: root, stdio: 'inherit', env: process.env });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

const tsc = join(root, 'node_modules', '.bin', 'tsc');
console.log('» type check: tsc --noEmit (server, domain, sim, bench, e2e; then the web console)');
const typecheck = [run(tsc, ['--noEmit', '-p', 'tsconfig.json']), run(tsc, ['--noEmit', '-p', 'packages/web/tsconfig.json'])].some((c) => c !== 0) ? 1 : 0;
if (typecheck !== 0) console.error('type check failed');

// the browser tests (e2e/console) drive the console the server serves from packages/web/dist
const webBuild = run(process.execPath, [join(root, 'scripts', 'build-web.ts')]);
if (webBuild !== 0) console.error('the console build failed');

const patterns = args.length > 0 ? args : ['packages/**/src/**/*.test.ts', 'bench/src/**/*.test.ts', 'e2e/**/*.test.ts'];
console.log(`» tests: node --test ${patterns.join(' ')}`);
const tests = run(process.execPath, ['--test', '--test-concurrency=2', '--test-timeout=300000', ...patterns]);
process.exit(typecheck !== 0 || webBuild !== 0 || tests !== 0 ? 1 : 0);
