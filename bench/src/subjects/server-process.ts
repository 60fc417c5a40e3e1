/**
 * The platform as agencies run it: `packages/server/src/main.ts` in a process of its own, on a
 * data folder the subject filled. Measuring ingest and alert latency there keeps the bench's
 * own data set (gigabytes of typed arrays, oracles, queries) out of the server's heap and
 * garbage collector, and the start-up time is the restart-and-rebuild figure (W7) for free.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { withHugePagesTunable } from '../../../packages/server/src/huge-pages.ts';

const MAIN = fileURLToPath(new URL('../../../packages/server/src/main.ts', import.meta.url));

export interface ServerProcess {
  port: number;
  pid: number;
  /** From spawn to the "listening" line: opening the store, rebuilding the in-memory indexes. */
  startSeconds: number;
  /** The server's own split of its start-up (W7), from the line it prints; absent from servers that print none. */
  /** The server's start-up line: its split, how its search index came to be (loaded or rebuilt), huge pages. */
  startup?: { storeSeconds: number; readIndex?: string; hotlistSeconds: number; hugePages?: string };
  /** Resident set size of the server process now (bytes), from /proc. */
  rssBytes(): number;
  /** CPU seconds (user + system) so far of the whole process and of its main thread, from /proc. */
  cpuSeconds(): { process: number; mainThread: number };
  stop(): Promise<void>;
}

/**
 * Starts the server on `dataDir` with `adminToken`, on 127.0.0.1 and a free port.
 * @throws when it exits or prints nothing like "listening" within `timeoutMs`.
 */
export function startServerProcess(dataDir: string, adminToken: string, timeoutMs = 600_000): Promise<ServerProcess> {
  const t0 = performance.now();
  // BENCH_SERVER_ARGS: extra Node flags for the server process (e.g. --cpu-prof), for experiments
  const extra = (process.env.BENCH_SERVER_ARGS ?? '').split(' ').filter(Boolean);
  // BENCH_SERVER_MAIN: the server's main.ts in another checkout (an A/B across commits)
  const child: ChildProcess = spawn(process.execPath, [...extra, process.env.BENCH_SERVER_MAIN ?? MAIN], {
    // as `npm start` runs it (scripts/with-huge-pages.sh): malloc on huge pages, unless GLIBC_TUNABLES says otherwise
    env: { ...process.env, GLIBC_TUNABLES: withHugePagesTunable(process.env.GLIBC_TUNABLES), RTCC_DATA_DIR: dataDir, RTCC_ADMIN_TOKEN: adminToken, RTCC_HOST: '127.0.0.1', RTCC_PORT: '0', RTCC_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + d).slice(-4000)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before listening: ${out}${err}`));
    };
    child.once('exit', onExit);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening on http:\/\/[\d.]+:(\d+)/.exec(out);
      if (!m) return;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.stdout!.removeAllListeners('data');
      // BENCH_SERVER_STDOUT: a file that keeps what the server prints after listening (e.g. --trace-gc)
      if (process.env.BENCH_SERVER_STDOUT) child.stdout!.pipe(createWriteStream(process.env.BENCH_SERVER_STDOUT));
      else child.stdout!.resume();
      const split = /start-up: store opened in ([\d.]+) s(?: \(([^)]*)\))?, hotlist matcher built in ([\d.]+) s(?:; huge pages: ([\w-]+))?/.exec(out);
      resolve({
        port: Number(m[1]),
        pid: child.pid!,
        startSeconds: (performance.now() - t0) / 1000,
        startup: split ? { storeSeconds: Number(split[1]), readIndex: split[2], hotlistSeconds: Number(split[3]), hugePages: split[4] } : undefined,
        rssBytes() {
          const m2 = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
          return m2 ? Number(m2[1]) * 1024 : 0;
        },
        cpuSeconds() {
          return { process: statCpuSeconds(`/proc/${child.pid}/stat`), mainThread: statCpuSeconds(`/proc/${child.pid}/task/${child.pid}/stat`) };
        },
        stop() {
          return new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          });
        },
      });
    });
  });
}

/** utime + stime of a /proc stat file (fields 14 and 15, clock ticks of 1/100 s), seconds. */
function statCpuSeconds(file: string): number {
  const stat = readFileSync(file, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}
