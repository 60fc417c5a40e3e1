/**
 * The Frigate subscriber: connects to the MQTT broker Frigate publishes to (RTCC_MQTT_URL), takes
 * `<prefix>/events` and `<prefix>/tracked_object_update`, and feeds each message through the
 * ingest pipeline (family `frigate`), as an HTTP post would be.
 *
 * - Persistent session (`clean: false`, a stable client id, QoS 1): the broker keeps the
 *   subscription and the messages published while the server was away, and hands them over on
 *   the next connect. That holds for QoS 1 publishes; Frigate publishes with QoS 0 unless its
 *   `mqtt.qos` says otherwise, and a broker queues QoS 0 for an absent session only when told to
 *   (Mosquitto `queue_qos0_messages true`).
 * - A message is acknowledged only after the pipeline has stored it (mqtt.js sends the PUBACK when
 *   `handleMessage` calls back), one at a time, so a crash loses nothing acknowledged.
 * - mqtt.js reconnects on its own every `reconnectPeriod` ms and resubscribes; a broker outage or a
 *   bad message is logged and shown in source health (key `mqtt:frigate`), never thrown.
 */
import mqtt, { type MqttClient } from 'mqtt';
import type { IngestPipeline } from '../pipeline.ts';
import type { SourceHealth } from '../source-health.ts';
import { FRIGATE_SOURCE } from './frigate.decoder.ts';
import { redactUrl } from '../../config/redact-url.ts';

/** The source-health key of the Frigate feed. */
export const FRIGATE_HEALTH_KEY = 'mqtt:frigate';

export interface FrigateLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface FrigateMqttOptions {
  url: string;
  /** Frigate's `mqtt.topic_prefix` (default `frigate`). */
  topicPrefix: string;
  pipeline: IngestPipeline;
  health: SourceHealth;
  log: FrigateLog;
  /** The broker session's name; the same on every start, so the session survives a restart. */
  clientId?: string;
  reconnectPeriodMs?: number;
}

/** The client id derived from the topic prefix: stable across restarts, different per Frigate. */
export function frigateClientId(topicPrefix: string): string {
  return `openrtcc-frigate-${topicPrefix.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

/** The topics taken: Frigate's object events and its tracked-object (LPR) updates. */
export function frigateTopics(topicPrefix: string): string[] {
  return [`${topicPrefix}/events`, `${topicPrefix}/tracked_object_update`];
}

export class FrigateMqttSubscriber {
  private readonly o: FrigateMqttOptions;
  private client?: MqttClient;
  private connected = false;
  private inflight: Promise<void> = Promise.resolve();
  private lastError?: string;
  private stopping = false;

  constructor(options: FrigateMqttOptions) {
    this.o = options;
  }

  /** Connects in the background; returns at once (an unreachable broker is retried, not fatal). */
  start(): void {
    if (this.client) return;
    const { url, topicPrefix, log, health } = this.o;
    const where = redactUrl(url, 'the MQTT broker');
    const client = mqtt.connect(url, {
      clientId: this.o.clientId ?? frigateClientId(topicPrefix),
      clean: false,
      reconnectPeriod: this.o.reconnectPeriodMs ?? 5000,
      connectTimeout: 10_000,
      resubscribe: true,
      protocolVersion: 4,
    });
    this.client = client;
    // every message, QoS 0 or 1, passes here in order; the PUBACK waits for `done`
    client.handleMessage = (packet, done) => {
      const work = this.handle(packet.topic, Buffer.from(packet.payload as Buffer));
      this.inflight = work.catch(() => undefined);
      work.then(
        () => done(),
        (err: unknown) => {
          log.error({ err, topic: packet.topic }, 'frigate: message could not be ingested');
          done();
        },
      );
    };
    client.on('connect', (ack) => {
      this.connected = true;
      this.lastError = undefined;
      health.sawConnection(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, 'connected');
      log.info({ broker: where, sessionPresent: ack.sessionPresent }, 'frigate: connected to MQTT broker');
      // a kept session already holds the subscription; subscribing again is harmless
      client.subscribe(frigateTopics(topicPrefix), { qos: 1 }, (err) => {
        if (err) log.error({ err, broker: where }, 'frigate: subscribe failed');
      });
    });
    client.on('close', () => {
      if (!this.connected || this.stopping) return;
      this.connected = false;
      health.sawConnection(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, 'disconnected', 'MQTT broker connection lost');
      log.warn({ broker: where }, 'frigate: disconnected from MQTT broker; reconnecting');
    });
    client.on('error', (err) => {
      health.sawConnection(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, 'disconnected', `MQTT: ${err.message}`);
      // a broker that stays down fails every retry the same way: say it once
      if (err.message !== this.lastError) log.warn({ broker: where, err: err.message }, 'frigate: MQTT error; retrying');
      this.lastError = err.message;
    });
    health.sawConnection(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, 'disconnected');
  }

  /** True while connected to the broker. */
  get isConnected(): boolean {
    return this.connected;
  }

  /** Disconnects (waiting for the message in hand) and stops reconnecting. */
  async stop(): Promise<void> {
    const client = this.client;
    if (!client) return;
    this.client = undefined;
    this.stopping = true;
    await this.inflight;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        client.end(true, {}, () => resolve());
      }, 3000);
      client.end(false, {}, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    await this.inflight;
    this.connected = false;
    this.stopping = false;
    this.o.health.sawConnection(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, 'disconnected');
    this.o.log.info({ broker: redactUrl(this.o.url, 'the MQTT broker') }, 'frigate: MQTT subscriber stopped');
  }

  private async handle(topic: string, body: Buffer): Promise<void> {
    const receivedAt = Date.now();
    const result = await this.o.pipeline.ingest(FRIGATE_SOURCE, { body, receivedAt }, { route: `mqtt:${topic}`, sourceId: FRIGATE_HEALTH_KEY });
    if (result.quarantined) {
      this.o.log.warn({ topic, quarantine: result.quarantined.id, reason: result.quarantined.reason }, 'frigate: undecodable message quarantined');
    } else if (result.ignored !== undefined && result.accepted + result.duplicates === 0 && topic.endsWith('/events')) {
      // an object Frigate tracked without a plate: a camera event, not a read
      this.o.health.sawCameraEvent(FRIGATE_HEALTH_KEY, FRIGATE_SOURCE, receivedAt);
    } else if (result.dropped.length > 0) {
      this.o.log.warn({ topic, dropped: result.dropped }, 'frigate: read dropped');
    }
  }
}

