/**
 * The typed event bus. Side effects travel here (`read.ingested`, `hit.raised` …) instead of
 * services calling each other; handlers are registered explicitly in the composition root.
 * The in-process implementation delivers synchronously in registration order; a handler that
 * throws is logged and does not stop the others.
 */
import type { GunshotAlert, Hit, Incident, PlateRead, Unit } from '@openrtcc/domain';

export interface BusEvents {
  'read.ingested': { reads: PlateRead[] };
  'hit.raised': { hits: Hit[] };
  'hit.verified': { hit: Hit };
  'hotlist.updated': { hotlistId: string; version: number };
  'camera.updated': { cameraId: string };
  'incident.updated': { incident: Incident };
  /** Units whose position or dispatch status changed. */
  'unit.moved': { units: Unit[] };
  /** A gunshot alert arrived, or its vendor updated it. */
  'gunshot.detected': { alert: GunshotAlert };
  /** Someone recorded (or corrected) a gunshot alert's outcome: evidence found or not. */
  'gunshot.outcomeRecorded': { alert: GunshotAlert };
  /**
   * Sessions ended before their time: signed out (one session), or every session of an account
   * that was disabled or had its MFA reset. Open live streams of those sessions are closed.
   */
  'session.ended': { sessionId?: string; userId?: string; reason: string };
}

export type BusEventName = keyof BusEvents;
export type BusHandler<K extends BusEventName> = (payload: BusEvents[K]) => void | Promise<void>;

export interface Bus {
  publish<K extends BusEventName>(name: K, payload: BusEvents[K]): void;
  /** Returns a function that removes the handler. */
  subscribe<K extends BusEventName>(name: K, handler: BusHandler<K>): () => void;
  close(): Promise<void>;
}

export class InProcessBus implements Bus {
  private readonly handlers = new Map<BusEventName, Set<BusHandler<BusEventName>>>();
  private readonly onError: (name: string, err: unknown) => void;

  constructor(onError: (name: string, err: unknown) => void = () => {}) {
    this.onError = onError;
  }

  publish<K extends BusEventName>(name: K, payload: BusEvents[K]): void {
    const set = this.handlers.get(name);
    if (!set) return;
    for (const h of set) {
      try {
        const r = (h as BusHandler<K>)(payload);
        if (r && typeof (r as Promise<void>).catch === 'function') (r as Promise<void>).catch((e) => this.onError(name, e));
      } catch (e) {
        this.onError(name, e);
      }
    }
  }

  subscribe<K extends BusEventName>(name: K, handler: BusHandler<K>): () => void {
    let set = this.handlers.get(name);
    if (!set) {
      set = new Set();
      this.handlers.set(name, set);
    }
    set.add(handler as BusHandler<BusEventName>);
    return () => set.delete(handler as BusHandler<BusEventName>);
  }

  async close(): Promise<void> {
    this.handlers.clear();
  }
}
