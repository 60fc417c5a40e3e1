/**
 * Runs the driver against the simulated clock: every tick it simulates the time that passed and
 * posts it, and every few seconds it reports one status line built from the server's own counts.
 * Ticks never overlap: a slow tick makes the next window longer, it does not skip time.
 */
import type { SimClock } from './clock.ts';
import type { SimDriver } from './driver.ts';
import { localClock } from './time.ts';

export interface LiveOptions {
  /** Real milliseconds to run; 0 runs until `signal` aborts. */
  durationMs: number;
  tickMs?: number;
  statusEveryMs?: number;
  onStatus?: (line: string) => void;
  signal?: AbortSignal;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
  });

/** One status line: simulated time and speed, what was sent, and what the server counted. */
export async function statusLine(driver: SimDriver, clock: SimClock): Promise<string> {
  const s = driver.stats;
  const d = driver.dispatch.stats;
  const tz = driver.sim.city.settings.timeZone;
  let server: string;
  let dispatch = '';
  try {
    const st = await driver.serverStatus();
    server = `server accepted ${st.readsAccepted} · hits raised ${st.hitsRaised} (${st.openHits} awaiting verification)`;
    const ds = await driver.dispatch.serverStatus();
    if (d.cad) dispatch += ` · calls ${ds.incidents} (${ds.openIncidents} open; EIDO updates ${d.eidoSent}) · gunshots ${ds.gunshots}`;
    if (d.avl) dispatch += ` · units ${ds.units} (positions ${d.positionsAccepted})`;
  } catch (e) {
    server = `server status unavailable: ${(e as Error).message}`;
  }
  if (d.note) dispatch += ` · ${d.note}`;
  const failedN = s.failedRequests + d.failedRequests;
  const failed = failedN > 0 ? ` · failed requests ${failedN} (${d.failedRequests > 0 ? d.lastError : s.lastError})` : '';
  return `[sim ${localClock(tz, clock.now())} ×${clock.speed}] reads sent ${s.sent} (misread ${s.corrupted}, missed ${s.missed}, stolen/wanted ${s.flaggedSent}) · ${server}${dispatch}${failed}`;
}

/** Drives `driver` on `clock` until the duration ends or `signal` aborts. */
export async function runLive(driver: SimDriver, clock: SimClock, o: LiveOptions): Promise<void> {
  const tick = o.tickMs ?? 1000;
  const every = o.statusEveryMs ?? 5000;
  const started = Date.now();
  let from = clock.now();
  let lastStatus = Date.now();
  while (!o.signal?.aborted && (o.durationMs === 0 || Date.now() - started < o.durationMs)) {
    await sleep(tick, o.signal);
    const to = clock.now();
    await driver.step(from, to);
    from = to;
    if (o.onStatus && Date.now() - lastStatus >= every) {
      lastStatus = Date.now();
      o.onStatus(await statusLine(driver, clock));
    }
  }
  if (o.onStatus) o.onStatus(await statusLine(driver, clock));
}
