/**
 * The live connection: WebSocket to /api/v1/stream, snapshot first, then deltas. On any drop it
 * reconnects with capped, jittered backoff and takes a fresh snapshot (nothing raised while it
 * was away is missed); it reconnects at once when the browser comes back online or the tab
 * becomes visible. The snapshot also carries open incidents, recent gunshots (cad) and units
 * (avl); their deltas are merged by id like hits.
 */
import type { StreamMessage } from '../api/wire.ts';
import { api } from '../api/client.ts';
import { reportError } from '../app/errors.ts';
import { Store } from '../app/store.ts';
import { applyGunshot, applyGunshotsSnapshot, pruneGunshots, resetGunshots } from './gunshots.ts';
import { applyRaised, applySnapshot, applyVerified } from './hits.ts';
import { applyIncident, applyIncidentsSnapshot, resetIncidents } from './incidents.ts';
import { pushReads } from './reads.ts';
import { playHitTone } from './sound.ts';
import { applyUnitsMoved, applyUnitsSnapshot, resetUnits } from './units.ts';

/** The server's close code for a stream whose session ended (http/stream.ts). */
const SESSION_ENDED_CLOSE = 4401;

export type LinkState = 'connecting' | 'live' | 'reconnecting' | 'stopped';

export const link = new Store<{ state: LinkState; since: number; retryInMs?: number }>({ state: 'stopped', since: Date.now() });

const MAX_BACKOFF_MS = 15_000;

export class LiveStream {
  private socket?: WebSocket;
  private attempt = 0;
  private timer?: number;
  private prune?: number;
  private stopped = true;
  private readonly token: string;

  constructor(token: string) {
    this.token = token;
  }

  start(): void {
    this.stopped = false;
    window.addEventListener('online', this.resume);
    document.addEventListener('visibilitychange', this.resume);
    // gunshot alerts leave the map after 24 hours even when no new one arrives
    this.prune = window.setInterval(() => pruneGunshots(), 60_000);
    this.connect();
  }

  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    window.clearInterval(this.prune);
    window.removeEventListener('online', this.resume);
    document.removeEventListener('visibilitychange', this.resume);
    this.socket?.close(1000, 'signed out');
    this.socket = undefined;
    // the dispatch stores belong to this connection (the shell resets hits and reads)
    resetIncidents();
    resetUnits();
    resetGunshots();
    link.set({ state: 'stopped', since: Date.now() });
  }

  private readonly resume = (): void => {
    if (this.stopped || document.hidden) return;
    const s = this.socket?.readyState;
    if (s === WebSocket.OPEN || s === WebSocket.CONNECTING) return;
    window.clearTimeout(this.timer);
    this.connect();
  };

  private connect(): void {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const ws = new WebSocket(`${proto}//${location.host}/api/v1/stream?access_token=${encodeURIComponent(this.token)}`);
    this.socket = ws;
    link.set({ state: this.attempt === 0 ? 'connecting' : 'reconnecting', since: Date.now() });
    ws.onmessage = (ev) => this.onMessage(ev.data as string);
    ws.onclose = (ev) => {
      if (this.socket !== ws || this.stopped) return;
      this.socket = undefined;
      // 4401: the server ended the stream because the session ended (signed out elsewhere,
      // disabled, idle): the HTTP answer says why and signs the console out, through the client
      if (ev.code === SESSION_ENDED_CLOSE) api('GET', '/api/v1/session').catch((e) => reportError('Session ended', e));
      this.scheduleReconnect();
    };
  }

  private onMessage(data: string): void {
    let msg: StreamMessage;
    try {
      msg = JSON.parse(data) as StreamMessage;
    } catch {
      return;
    }
    switch (msg.type) {
      case 'snapshot':
        this.attempt = 0;
        applySnapshot(msg.openHits);
        applyIncidentsSnapshot(msg.openIncidents);
        applyGunshotsSnapshot(msg.recentGunshots);
        applyUnitsSnapshot(msg.units);
        link.set({ state: 'live', since: Date.now() });
        break;
      case 'hit.raised':
        if (applyRaised(msg.hit)) playHitTone(msg.hit.priority);
        break;
      case 'hit.verified':
        applyVerified(msg.hit);
        break;
      case 'read.ingested':
        pushReads(msg.reads);
        break;
      case 'incident.updated':
        applyIncident(msg.incident);
        break;
      case 'gunshot.detected':
      case 'gunshot.outcomeRecorded':
        applyGunshot(msg.gunshot);
        break;
      case 'unit.moved':
        applyUnitsMoved(msg.units);
        break;
    }
  }

  private scheduleReconnect(): void {
    this.attempt++;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** Math.min(this.attempt, 6)) * (0.75 + Math.random() * 0.5);
    link.set({ state: 'reconnecting', since: Date.now(), retryInMs: Math.round(delay) });
    // a refused upgrade looks like any other close to a browser: ask over HTTP whether the token
    // still works (a 401 signs the console out, through the client)
    if (this.attempt === 2) api('GET', '/api/v1/modules').catch((e) => reportError('Live connection lost', e));
    this.timer = window.setTimeout(() => this.connect(), delay);
  }
}
