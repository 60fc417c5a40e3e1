/**
 * Load generator for the openrtcc subject, run in a worker thread so the client's JSON and
 * socket work does not share the server's event loop. Talks only to 127.0.0.1.
 *
 *   sustained  POSTs pre-built JSON batches to /api/v1/reads over `connections` keep-alive
 *              connections, each sending its next batch when the previous one is answered
 *              (closed loop), until every batch is in or the deadline passes.
 *   latency    open loop: batches scheduled at fixed send times (`rate` reads/s in batches every
 *              `intervalMs`), each carrying one read of a hotlisted plate; a WebSocket client on
 *              /api/v1/stream times every `hit.raised` from the batch's scheduled send time.
 *   fanout     `clients` WebSocket consoles, each subscribed to the reads in its own viewport,
 *              while reads arrive open loop at `rate`; counts the reads delivered, times each
 *              frame from the scheduled send of its newest read, and reads the server process's
 *              CPU time from /proc around the run.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { performance as perfHooks } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';

export interface ReadJson {
  plate: string;
  state: string;
  confidence: number;
  observedAt: string;
  cameraId: string;
  sourceEventId: string;
}

export type ClientJob =
  | FanoutJob
  | { kind: 'sustained'; port: number; token: string; bodies: string[]; connections: number; deadline: number }
  | {
      kind: 'latency';
      port: number;
      token: string;
      /** Filler reads, cycled through. */
      filler: ReadJson[];
      /** Hotlisted plates, one per probe. */
      hotPlates: string[];
      cameraId: string;
      /** Reads per second offered (filler + probes). */
      rate: number;
      /** Send interval; each send is one batch of rate × interval reads (at least 1). */
      intervalMs: number;
      probes: number;
      /** The first probes warm the path up (connections, JIT) and are not timed. */
      warmupProbes: number;
      /** observedAt of probe k is observedBase + k ms (unique: it identifies the hit). */
      observedBase: number;
      eventPrefix: string;
      deadline: number;
    };

export interface FanoutJob {
  kind: 'fanout';
  port: number;
  token: string;
  serverPid: number;
  clients: number;
  /** One viewport per console, cycled: [west, south, east, north]. */
  boxes: [number, number, number, number][];
  filler: ReadJson[];
  rate: number;
  intervalMs: number;
  seconds: number;
  eventPrefix: string;
  deadline: number;
}

export interface FanoutResult {
  connected: number;
  readsSent: number;
  delivered: number;
  lagsMs: number[];
  serverCpuSeconds: number;
  seconds: number;
  errors: string[];
}

export interface SustainedResult {
  batches: number;
  rows: number;
  hits: number;
  accepted: number;
  seconds: number;
  /** Share of the run the client's own thread was busy (event-loop utilization, 0–1). */
  clientBusy: number;
  truncated: boolean;
  errors: string[];
  /** Send → HTTP response of each batch (its reads durable and matched), ms: W1's ack latency. */
  ackMs: number[];
}

export interface LatencyResult {
  sent: number;
  received: number;
  /** Scheduled send → hit.raised on the WebSocket, ms, one per received probe. */
  latenciesMs: number[];
  /** How late the sends left versus their schedule (client lag), ms, p99. */
  sendLagP99Ms: number;
  /** Send → HTTP response (the read is durable and matched), ms, one per answered probe. */
  responseMs: number[];
  offeredRate: number;
  seconds: number;
  errors: string[];
}

const now = (): number => performance.timeOrigin + performance.now();

function post(agent: Agent, port: number, token: string, body: string | Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/reads',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` },
      },
      (res) => {
        const parts: Buffer[] = [];
        res.on('data', (c: Buffer) => parts.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(parts).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function sustained(job: Extract<ClientJob, { kind: 'sustained' }>): Promise<SustainedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: job.connections });
  const out: SustainedResult = { batches: 0, rows: 0, hits: 0, accepted: 0, seconds: 0, clientBusy: 0, truncated: false, errors: [], ackMs: [] };
  // encoded once, as a camera agent holds its bytes: the client's CPU is taken from the server's cores
  const bodies = job.bodies.map((b) => Buffer.from(b));
  let next = 0;
  const elu0 = perfHooks.eventLoopUtilization();
  const t0 = performance.now();
  const lane = async (): Promise<void> => {
    while (next < bodies.length) {
      if (now() > job.deadline) {
        out.truncated = true;
        return;
      }
      const body = bodies[next++];
      const sent = performance.now();
      const res = await post(agent, job.port, job.token, body);
      out.ackMs.push(performance.now() - sent);
      if (res.status !== 200) {
        if (out.errors.length < 5) out.errors.push(`${res.status} ${res.text.slice(0, 300)}`);
        continue;
      }
      const r = JSON.parse(res.text) as { accepted: number; duplicates: number; hits: number };
      out.batches++;
      out.accepted += r.accepted;
      out.rows += r.accepted + r.duplicates;
      out.hits += r.hits;
    }
  };
  await Promise.all(Array.from({ length: job.connections }, lane));
  out.seconds = (performance.now() - t0) / 1000;
  out.clientBusy = perfHooks.eventLoopUtilization(elu0).utilization;
  agent.destroy();
  return out;
}

async function latency(job: Extract<ClientJob, { kind: 'latency' }>): Promise<LatencyResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  const errors: string[] = [];
  const scheduled = new Map<string, { at: number; k: number }>();
  let received = 0;
  const latenciesMs: number[] = [];
  const ws = new WebSocket(`ws://127.0.0.1:${job.port}/api/v1/stream?access_token=${encodeURIComponent(job.token)}`);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener('open', () => resolve(), { once: true });
    ws.addEventListener('error', () => reject(new Error('WebSocket did not open')), { once: true });
  });
  ws.addEventListener('message', (ev) => {
    const at = now();
    const msg = JSON.parse(String(ev.data)) as { type: string; hit?: { observedAt: string; readPlate: string } };
    if (msg.type !== 'hit.raised' || !msg.hit) return;
    const key = `${msg.hit.readPlate}@${Date.parse(msg.hit.observedAt)}`;
    const t = scheduled.get(key);
    if (t === undefined) return;
    scheduled.delete(key);
    received++;
    if (t.k >= job.warmupProbes) latenciesMs.push(at - t.at);
  });
  // Let the snapshot arrive first.
  await new Promise((r) => setTimeout(r, 200));

  const perBatch = Math.max(1, Math.round((job.rate * job.intervalMs) / 1000));
  const pending: Promise<void>[] = [];
  const lags: number[] = [];
  const responseMs: number[] = [];
  let filler = 0;
  const t0 = now() + 20;
  let sent = 0;
  for (let k = 0; k < job.probes; k++) {
    const at = t0 + k * job.intervalMs;
    if (at > job.deadline) break;
    const observed = job.observedBase + k;
    const plate = job.hotPlates[k % job.hotPlates.length];
    const reads: ReadJson[] = [
      { plate, state: 'OH', confidence: 0.95, observedAt: new Date(observed).toISOString(), cameraId: job.cameraId, sourceEventId: `${job.eventPrefix}p${k}` },
    ];
    for (let i = 1; i < perBatch; i++) {
      const f = job.filler[filler++ % job.filler.length];
      reads.push({ ...f, sourceEventId: `${job.eventPrefix}f${k}-${i}` });
    }
    const body = perBatch === 1 ? JSON.stringify(reads[0]) : JSON.stringify(reads);
    const wait = at - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5));
    while (now() < at) {
      // spin the last half millisecond: timers are coarse
    }
    if (k >= job.warmupProbes) lags.push(now() - at);
    scheduled.set(`${plate}@${observed}`, { at, k });
    sent++;
    pending.push(
      post(agent, job.port, job.token, body).then(
        (res) => {
          if (k >= job.warmupProbes) responseMs.push(now() - at);
          if (res.status !== 200 && errors.length < 5) errors.push(`${res.status} ${res.text.slice(0, 300)}`);
        },
        (e: unknown) => {
          if (errors.length < 5) errors.push(String(e));
        },
      ),
    );
  }
  await Promise.all(pending);
  // Wait (bounded) for the last alerts.
  const until = now() + 2000;
  while (received < sent && now() < until) await new Promise((r) => setTimeout(r, 10));
  ws.close();
  agent.destroy();
  lags.sort((a, b) => a - b);
  return {
    sent,
    received,
    latenciesMs,
    responseMs,
    sendLagP99Ms: lags.length ? lags[Math.min(lags.length - 1, Math.floor(lags.length * 0.99))] : NaN,
    offeredRate: perBatch * (1000 / job.intervalMs),
    seconds: (now() - t0) / 1000,
    errors,
  };
}

/** utime + stime of a process, seconds (/proc/<pid>/stat, clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields[0] is field 3 (state); utime and stime are fields 14 and 15
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function fanout(job: FanoutJob): Promise<FanoutResult> {
  const errors: string[] = [];
  const note = (e: string): void => {
    if (errors.length < 5) errors.push(e);
  };
  const url = `ws://127.0.0.1:${job.port}/api/v1/stream?access_token=${encodeURIComponent(job.token)}`;
  const sockets: WebSocket[] = [];
  const sendAt: number[] = [];
  const lagsMs: number[] = [];
  let delivered = 0;
  let measuring = false;
  const MARK = '"sourceEventId":"';
  const onFrame = (data: string): void => {
    if (!measuring || !data.startsWith('{"type":"read.ingested"')) return;
    const at = now();
    let n = 0;
    for (let i = data.indexOf(MARK); i >= 0; i = data.indexOf(MARK, i + MARK.length)) n++;
    delivered += n;
    // the newest read of the frame: its batch's scheduled send time
    const last = data.lastIndexOf(MARK) + MARK.length;
    const id = data.slice(last, data.indexOf('"', last));
    const k = Number(id.slice(job.eventPrefix.length, id.indexOf('-')));
    if (id.startsWith(job.eventPrefix) && sendAt[k] !== undefined) lagsMs.push(at - sendAt[k]);
  };
  // connect in waves, so the server's accept queue never overflows
  for (let start = 0; start < job.clients; start += 100) {
    const wave: Promise<void>[] = [];
    for (let c = start; c < Math.min(job.clients, start + 100); c++) {
      wave.push(
        new Promise<void>((resolve) => {
          const ws = new WebSocket(url);
          ws.addEventListener('open', () => {
            ws.send(JSON.stringify({ type: 'reads.subscribe', bbox: job.boxes[c % job.boxes.length] }));
            sockets.push(ws);
            resolve();
          }, { once: true });
          ws.addEventListener('error', () => {
            note(`console ${c} could not connect`);
            resolve();
          }, { once: true });
          ws.addEventListener('message', (ev) => onFrame(String(ev.data)));
        }),
      );
    }
    await Promise.all(wave);
  }
  await new Promise((r) => setTimeout(r, 500));

  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const perBatch = Math.max(1, Math.round((job.rate * job.intervalMs) / 1000));
  const batches = Math.round((job.seconds * 1000) / job.intervalMs);
  const pending: Promise<void>[] = [];
  let filler = 0;
  let readsSent = 0;
  const cpu0 = cpuSeconds(job.serverPid);
  const t0 = now() + 20;
  measuring = true;
  for (let k = 0; k < batches; k++) {
    const at = t0 + k * job.intervalMs;
    if (at > job.deadline) break;
    const reads: ReadJson[] = [];
    for (let i = 0; i < perBatch; i++) reads.push({ ...job.filler[filler++ % job.filler.length], sourceEventId: `${job.eventPrefix}${k}-${i}` });
    const body = JSON.stringify(reads);
    const wait = at - now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait - 0.5));
    sendAt[k] = at;
    readsSent += perBatch;
    pending.push(
      post(agent, job.port, job.token, body).then(
        (res) => {
          if (res.status !== 200) note(`${res.status} ${res.text.slice(0, 200)}`);
        },
        (e: unknown) => note(String(e)),
      ),
    );
  }
  await Promise.all(pending);
  // the last reads leave in the next frame
  await new Promise((r) => setTimeout(r, 600));
  const seconds = (now() - t0) / 1000;
  const serverCpuSeconds = cpuSeconds(job.serverPid) - cpu0;
  measuring = false;
  for (const ws of sockets) ws.close();
  agent.destroy();
  return { connected: sockets.length, readsSent, delivered, lagsMs, serverCpuSeconds, seconds, errors };
}

if (parentPort) {
  const job = workerData as ClientJob;
  const run = job.kind === 'sustained' ? sustained(job) : job.kind === 'fanout' ? fanout(job) : latency(job);
  run.then(
    (r) => parentPort!.postMessage({ ok: true, result: r }),
    (e: unknown) => parentPort!.postMessage({ ok: false, error: (e as Error).stack ?? String(e) }),
  );
}
