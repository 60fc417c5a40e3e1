/**
 * `npm run demo`: starts an OpenRTCC server in training mode on its own data folder, attaches the
 * simulated city, prints the admin token and the URL, then a status line every few seconds.
 *
 *   npm run demo -- --seed 7 --speed 100 --duration 120
 *   SIM_SEED=7 SIM_SPEED=10 SIM_DURATION=0 npm run demo      (0: until Ctrl-C)
 *
 * Other options: --start <ISO time> (default: the last 07:30 in the city), --port, --data-dir.
 * The server runs with RTCC_MODULES=lpr,hotlists,cad,avl (calls, units, gunshots) unless the
 * environment sets RTCC_MODULES; the simulator skips what a module that is off would take.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCity } from './city.ts';
import { SimClock } from './clock.ts';
import { SimDriver } from './driver.ts';
import { runLive } from './live.ts';
import { streetsGeoJson } from './streets-geojson.ts';
import { CitySimulator } from './simulator.ts';
import { lastLocalHour } from './time.ts';

/** LPR and hotlists for the reads and hits, cad for calls and gunshots, avl for the units' positions. */
const DEMO_MODULES = 'lpr,hotlists,cad,avl';

const SERVER_MAIN = fileURLToPath(new URL('../../server/src/main.ts', import.meta.url));

interface DemoOptions {
  seed: number;
  speed: number;
  durationS: number;
  start?: number;
  port: number;
  dataDir: string;
}

function options(): DemoOptions {
  const { values } = parseArgs({
    options: { seed: { type: 'string' }, speed: { type: 'string' }, duration: { type: 'string' }, start: { type: 'string' }, port: { type: 'string' }, 'data-dir': { type: 'string' } },
    allowPositionals: false,
  });
  const env = process.env;
  const num = (name: string, raw: string | undefined, dflt: number, ok: (n: number) => boolean): number => {
    if (raw === undefined || raw === '') return dflt;
    const n = Number(raw);
    if (!ok(n)) throw new Error(`${name}=${JSON.stringify(raw)} is not valid`);
    return n;
  };
  const startRaw = values.start ?? env.SIM_START;
  const start = startRaw ? Date.parse(startRaw) : undefined;
  if (start !== undefined && !Number.isFinite(start)) throw new Error(`start=${JSON.stringify(startRaw)} is not an ISO 8601 time`);
  return {
    seed: num('seed', values.seed ?? env.SIM_SEED, 42, (n) => Number.isInteger(n) && n >= 0 && n < 2 ** 32),
    speed: num('speed', values.speed ?? env.SIM_SPEED, 10, (n) => n > 0 && n <= 1000),
    durationS: num('duration', values.duration ?? env.SIM_DURATION, 0, (n) => Number.isFinite(n) && n >= 0),
    start,
    port: num('port', values.port ?? env.RTCC_PORT, 8080, (n) => Number.isInteger(n) && n > 0 && n < 65536),
    dataDir: resolve(values['data-dir'] ?? env.RTCC_DATA_DIR ?? './data-training'),
  };
}

/**
 * Refuses any folder that could hold real data: the default `./data`, or a folder with data in it
 * that the training server did not mark. The server checks the same marker on its side.
 */
function prepareTrainingFolder(dir: string): void {
  if (process.env.RTCC_DATABASE_URL) throw new Error('the demo never runs against RTCC_DATABASE_URL: training data stays in its own folder');
  if (dir === resolve('./data')) throw new Error(`${dir} is the live data folder; the demo uses ./data-training`);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, 'TRAINING'))) {
    throw new Error(`${dir} holds data that is not marked as training data (no TRAINING file); choose another --data-dir`);
  }
  mkdirSync(dir, { recursive: true });
  if (!existsSync(join(dir, 'TRAINING'))) writeFileSync(join(dir, 'TRAINING'), 'This folder holds simulated training data (RTCC_TRAINING=true). Never point a live server at it.\n');
}

/** The demo's admin token, kept in the training folder so a second run can reuse the same data. */
function demoToken(dir: string): string {
  const file = join(dir, 'demo-admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = `rtcc_demo_${randomBytes(18).toString('hex')}`;
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

async function waitForTrainingServer(base: string, child: ChildProcess): Promise<void> {
  for (let k = 0; k < 100; k++) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const h = (await (await fetch(`${base}/healthz`)).json()) as { mode?: string };
      // whatever answers must be a training server: never send simulated reads to a live one
      if (h.mode !== 'training') throw Object.assign(new Error(`${base} is not a training server (mode: ${h.mode ?? 'unknown'}); is another server on this port?`), { fatal: true });
      return;
    } catch (e) {
      if ((e as { fatal?: boolean }).fatal) throw e;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  throw new Error(`${base}/healthz did not answer within 20 s`);
}

async function main(): Promise<void> {
  const o = options();
  prepareTrainingFolder(o.dataDir);
  const token = demoToken(o.dataDir);
  const base = `http://127.0.0.1:${o.port}`;
  // the console draws the simulated city's streets from this file (RTCC_MAP_STREETS)
  const streetsFile = join(o.dataDir, 'streets.geojson');
  writeFileSync(streetsFile, JSON.stringify(streetsGeoJson(buildCity(o.seed).streets)));
  const child = spawn(process.execPath, [SERVER_MAIN], {
    env: { ...process.env, RTCC_TRAINING: 'true', RTCC_DATA_DIR: o.dataDir, RTCC_ADMIN_TOKEN: token, RTCC_PORT: String(o.port), RTCC_HOST: process.env.RTCC_HOST ?? '127.0.0.1', RTCC_LOG_LEVEL: process.env.RTCC_LOG_LEVEL ?? 'warn', RTCC_MAP_STREETS: streetsFile, RTCC_MODULES: process.env.RTCC_MODULES ?? DEMO_MODULES },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout!.on('data', (b: Buffer) => process.stdout.write(String(b).replace(/^(?=.)/gm, '  [server] ')));
  const stop = new AbortController();
  const stopServer = async () => {
    if (child.exitCode !== null) return;
    child.kill('SIGTERM');
    await new Promise<void>((r) => {
      const t = setTimeout(() => { child.kill('SIGKILL'); r(); }, 5000);
      child.once('exit', () => { clearTimeout(t); r(); });
    });
  };
  process.once('SIGINT', () => stop.abort());
  process.once('SIGTERM', () => stop.abort());
  child.once('exit', () => stop.abort());
  try {
    await waitForTrainingServer(base, child);
    const city = buildCity(o.seed);
    const sim = new CitySimulator(city);
    const driver = new SimDriver({ baseUrl: base, adminToken: token, sim, keepTruth: 0 });
    const setup = await driver.setup();
    const start = o.start ?? lastLocalHour(city.settings.timeZone, Date.now(), 7) + 30 * 60_000;
    console.log('');
    console.log('TRAINING - SIMULATED DATA');
    console.log(`  ${city.settings.name}: ${city.vehicles.length} vehicles, ${city.cameras.length} fixed LPR cameras, ${city.units.filter((u) => u.mobileLpr).length} mobile LPR units, ${city.units.length} patrol units a shift, about ${driver.dispatch.sim.calls.callsPerDay} calls a day; seed ${o.seed}, speed ×${o.speed}, from ${new Date(start).toISOString()}`);
    console.log(`  console:     ${base}/`);
    console.log(`  admin token: ${token}`);
    console.log(`  data folder: ${o.dataDir}; hotlists: ${setup.hotlistIds.length}; try: curl -s -H "authorization: Bearer ${token}" "${base}/api/v1/hits?status=pending"`);
    console.log('');
    await runLive(driver, new SimClock(start, o.speed), { durationMs: o.durationS * 1000, statusEveryMs: 5000, onStatus: (l) => console.log(l), signal: stop.signal });
  } finally {
    await stopServer();
  }
}

main().catch((e) => {
  console.error(`demo: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
