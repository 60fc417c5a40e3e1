/**
 * Frigate over MQTT end to end, through a real broker (Mosquitto at RTCC_TEST_MQTT_URL, default
 * mqtt://127.0.0.1:1883): a test server subscribes under a topic prefix of its own, a publisher
 * plays Frigate, and the reads, hits, duplicates, camera events and quarantine are checked through
 * the API. Without a broker the broker tests skip, except under CI=true, where they fail.
 */
import { after, before, describe, it, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, connect as tcpConnect, type AddressInfo, type Socket } from 'node:net';
import mqtt, { type MqttClient } from 'mqtt';
import { startTestApp, type TestApp } from '../../http/test-app.ts';
import { FRIGATE_HEALTH_KEY, FrigateMqttSubscriber, frigateClientId } from './frigate.mqtt.ts';

const BROKER = process.env.RTCC_TEST_MQTT_URL ?? 'mqtt://127.0.0.1:1883';
const CI = process.env.CI === 'true';

async function connect(opts: mqtt.IClientOptions = {}): Promise<MqttClient> {
  return mqtt.connectAsync(BROKER, { connectTimeout: 3000, reconnectPeriod: 0, ...opts });
}

async function brokerReachable(): Promise<boolean> {
  try {
    const c = await connect();
    await c.endAsync();
    return true;
  } catch {
    return false;
  }
}

const reachable = await brokerReachable();
const skip = !reachable && !CI ? `no MQTT broker at ${BROKER} (set CI=true to make this a failure)` : false;

async function until<T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

type Health = { connection?: string; cameraEvents?: number; errors: number; reads: number };
const health = (t: TestApp) => t.ctx.health.get(FRIGATE_HEALTH_KEY) as Health | undefined;

describe('Frigate over MQTT through the broker', { skip }, () => {
  const prefix = `rtcc-test-${process.pid}-${Date.now().toString(36)}`;
  const camera = `gate_${process.pid}`;
  let t: TestApp;
  let pub: MqttClient;
  let cameraId: string;
  let events = 0;

  /** Publishes a plate-less event and waits until the server counted it: everything before it is handled. */
  const flush = async () => {
    events++;
    await pub.publishAsync(`${prefix}/events`, JSON.stringify({ type: 'update', after: { id: `flush-${events}`, camera, label: 'person', frame_time: Date.now() / 1000 } }), { qos: 1 });
    await until('the flush event', () => ((health(t)?.cameraEvents ?? 0) >= events ? true : undefined));
  };

  before(async () => {
    assert.ok(reachable, `MQTT broker unreachable at ${BROKER}; CI=true requires it`);
    t = await startTestApp({ mqttUrl: BROKER, frigateTopicPrefix: prefix });
    pub = await connect({ clientId: `${prefix}-pub` });
    await until('the subscriber to connect', () => (health(t)?.connection === 'connected' ? true : undefined));
    // the subscription is acknowledged after the connect: repeat a plate-less event until one is counted
    await until('the subscription', async () => {
      await pub.publishAsync(`${prefix}/events`, JSON.stringify({ type: 'new', after: { id: 'warmup', camera, label: 'person', frame_time: Date.now() / 1000 } }), { qos: 1 });
      await new Promise((r) => setTimeout(r, 100));
      return (health(t)?.cameraEvents ?? 0) > 0 ? true : undefined;
    });
    // let any repeat still on its way land before counting from here
    await new Promise((r) => setTimeout(r, 300));
    events = health(t)!.cameraEvents!;
    const cam = await t.call({ method: 'POST', url: '/api/v1/cameras', payload: { name: 'Gate (Frigate)', location: [-97.74, 30.27], sourceKeys: [`frigate:${camera}`] } });
    assert.equal(cam.statusCode, 201, cam.body);
    cameraId = cam.json().id;
    const list = await t.call({ method: 'POST', url: '/api/v1/hotlists', payload: { name: 'Stolen', kind: 'custom', priority: 2 } });
    const entry = await t.call({ method: 'POST', url: `/api/v1/hotlists/${list.json().id}/entries`, payload: { plate: 'FRG1234', reason: 'stolen vehicle' } });
    assert.ok(entry.statusCode < 300, entry.body);
  });

  after(async () => {
    await pub?.endAsync();
    await t?.close();
    // drop the persistent test session the broker would otherwise keep
    if (reachable) await (await connect({ clientId: frigateClientId(prefix), clean: true })).endAsync();
  });

  it('stores an lpr update as a read at the registry camera and raises the hit', async () => {
    const lpr = { type: 'lpr', id: `${Date.now() / 1000}-frg001`, name: null, plate: 'frg-1234', score: 0.94, camera, timestamp: Date.now() / 1000, plate_box: [1, 2, 3, 4] };
    await pub.publishAsync(`${prefix}/tracked_object_update`, JSON.stringify(lpr), { qos: 1 });
    const hit = await until('the hit', async () => {
      const items = (await t.call({ method: 'GET', url: '/api/v1/hits' })).json().items as { readId: string; readPlate: string }[];
      return items.find((h) => h.readPlate === 'FRG1234');
    });
    const read = (await t.call({ method: 'GET', url: `/api/v1/reads/${hit.readId}` })).json();
    assert.equal(read.sourceSystem, 'frigate');
    assert.equal(read.plate, 'FRG1234');
    assert.equal(read.cameraId, cameraId, 'frigate:<camera> resolved through the registry');
    assert.deepEqual(read.location, [-97.74, 30.27]);
    assert.equal(read.locationSource, 'registry');
    assert.equal(await t.ctx.store.reads.count(), 1);

    // the same update again, and the same event and plate on frigate/events as a [plate, score] pair
    await pub.publishAsync(`${prefix}/tracked_object_update`, JSON.stringify(lpr), { qos: 1 });
    const ev = { type: 'update', before: null, after: { id: lpr.id, camera, label: 'car', frame_time: Date.now() / 1000, recognized_license_plate: ['FRG1234', 0.96] } };
    await pub.publishAsync(`${prefix}/events`, JSON.stringify(ev), { qos: 1 });
    await flush();
    assert.equal(await t.ctx.store.reads.count(), 1, 'no second read for the same event and plate');
    const hits = (await t.call({ method: 'GET', url: '/api/v1/hits' })).json().items as { readPlate: string }[];
    assert.equal(hits.filter((h) => h.readPlate === 'FRG1234').length, 1, 'no second hit');
    assert.equal(health(t)!.reads, 1);
    // an admin sees the feed beside the keyed sources
    const feeds = (await t.call({ method: 'GET', url: '/api/v1/sources' })).json().feeds as { key: string; connection: string; reads: number }[];
    const feed = feeds.find((f) => f.key === FRIGATE_HEALTH_KEY);
    assert.equal(feed?.connection, 'connected');
    assert.equal(feed?.reads, 1);
  });

  it('counts events without a plate as camera events, outside reads and quarantine', async () => {
    const before = health(t)!.cameraEvents!;
    await flush();
    assert.equal(health(t)!.cameraEvents, before + 1);
    const q = (await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().items as unknown[];
    assert.equal(q.length, 0);
  });

  it('quarantines an undecodable message with the reason and its topic as the route', async () => {
    await pub.publishAsync(`${prefix}/events`, 'not json {', { qos: 1 });
    const item = await until('the quarantine item', async () => {
      const items = (await t.call({ method: 'GET', url: '/api/v1/quarantine' })).json().items as { route: string; reason: string; body: string; sourceSystem: string }[];
      return items.find((i) => i.route === `mqtt:${prefix}/events`);
    });
    assert.equal(item.sourceSystem, 'frigate');
    assert.equal(item.body, 'not json {');
    assert.match(item.reason, /invalid JSON/);
    assert.equal(health(t)!.errors, 1);
    assert.equal(health(t)!.connection, 'connected', 'a bad message does not drop the connection');
  });

  it('keeps its place across a restart: a message published while the server was down is taken on return', async () => {
    await t.close();
    assert.equal(health(t)?.connection, 'disconnected', 'stopped with the server');
    const lpr = { type: 'lpr', id: `${Date.now() / 1000}-frg002`, name: null, plate: 'FRG5678', score: 0.9, camera, timestamp: Date.now() / 1000 };
    await pub.publishAsync(`${prefix}/tracked_object_update`, JSON.stringify(lpr), { qos: 1 });
    t = await startTestApp({ mqttUrl: BROKER, frigateTopicPrefix: prefix });
    await until('the read kept by the broker session', async () => ((await t.ctx.store.reads.count()) === 1 ? true : undefined));
  });
});

describe('Frigate subscriber across a dropped connection', { skip }, () => {
  it('reconnects on its own, resubscribes and takes what was published while it was cut off', async () => {
    assert.ok(reachable, `MQTT broker unreachable at ${BROKER}; CI=true requires it`);
    const broker = new URL(BROKER);
    // a TCP relay between the subscriber and the broker, to cut the line without touching the broker
    const sockets = new Set<Socket>();
    const relay = createServer((down) => {
      const up = tcpConnect(Number(broker.port || 1883), broker.hostname);
      for (const s of [down, up]) {
        sockets.add(s);
        s.on('close', () => sockets.delete(s));
        s.on('error', () => undefined);
      }
      down.pipe(up).pipe(down);
    });
    await new Promise<void>((r) => relay.listen(0, '127.0.0.1', r));
    const prefix = `rtcc-test-drop-${process.pid}-${Date.now().toString(36)}`;
    const t = await startTestApp();
    const pub = await connect({ clientId: `${prefix}-pub` });
    const warnings: string[] = [];
    const log = { info: () => undefined, warn: (_o: object, m: string) => void warnings.push(m), error: (_o: object, m: string) => void warnings.push(m) };
    const sub = new FrigateMqttSubscriber({ url: `mqtt://127.0.0.1:${(relay.address() as AddressInfo).port}`, topicPrefix: prefix, pipeline: t.ctx.pipeline, health: t.ctx.health, log, reconnectPeriodMs: 200 });
    const lpr = (n: number) => JSON.stringify({ type: 'lpr', id: `1767261600.0-${prefix}-drop0${n}`, plate: `DRP000${n}`, score: 0.9, camera: 'gate_drop', timestamp: Date.now() / 1000 });
    try {
      sub.start();
      await until('the first read', async () => {
        await pub.publishAsync(`${prefix}/tracked_object_update`, lpr(1), { qos: 1 });
        await new Promise((r) => setTimeout(r, 100));
        return (await t.ctx.store.reads.count()) > 0 ? true : undefined;
      });
      const first = await t.ctx.store.reads.count();
      for (const s of sockets) s.destroy();
      await until('the drop to be seen', () => (health(t)?.connection === 'disconnected' ? true : undefined));
      assert.ok(warnings.some((w) => /disconnected/.test(w)), 'the drop is logged');
      await pub.publishAsync(`${prefix}/tracked_object_update`, lpr(2), { qos: 1 });
      await until('the read published during the drop', async () => ((await t.ctx.store.reads.count()) === first + 1 ? true : undefined));
      assert.equal(health(t)?.connection, 'connected');
    } finally {
      await sub.stop();
      await pub.endAsync();
      await t.close();
      for (const s of sockets) s.destroy();
      relay.close();
      await (await connect({ clientId: frigateClientId(prefix), clean: true })).endAsync();
    }
  });
});

test('an unreachable broker neither fails the start nor the close', async () => {
  const t = await startTestApp({ mqttUrl: 'mqtt://127.0.0.1:1', frigateTopicPrefix: `rtcc-test-down-${process.pid}` });
  try {
    await new Promise((r) => setTimeout(r, 300));
    const h = health(t);
    assert.equal(h?.connection, 'disconnected');
    assert.equal((await t.call({ method: 'GET', url: '/healthz', token: null })).statusCode, 200);
  } finally {
    await t.close();
  }
});
