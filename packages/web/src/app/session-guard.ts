/**
 * The console side of the session rules: a person's session locks after the server's idle limit
 * without keyboard, pointer or touch input (sign-in again, with the reason shown), and while the
 * person works without calling the server (panning the map) the console tells the server every
 * few minutes, so the server's idle clock agrees with what the person did.
 */
import { useEffect } from 'react';
import type { SessionInfo } from '@openrtcc/domain';
import { api } from '../api/client.ts';
import { session, signOut } from '../api/session.ts';

const HEARTBEAT_MS = 5 * 60_000;
const CHECK_MS = 15_000;
const INPUT = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** Ends the session on the server (a person's session) and in this tab. */
export async function endSession(notice: string | null = null): Promise<void> {
  const { token, info } = session.get();
  if (token && info?.kind === 'user') {
    await fetch('/api/v1/session', { method: 'DELETE', headers: { authorization: `Bearer ${token}` } }).catch(() => undefined);
  }
  signOut(notice);
}

export function useSessionGuard(info: SessionInfo | null): void {
  const idleMs = info?.session?.idleTimeoutMs;
  useEffect(() => {
    if (!idleMs) return;
    let lastInput = Date.now();
    let lastPing = Date.now();
    const onInput = () => {
      lastInput = Date.now();
    };
    for (const e of INPUT) window.addEventListener(e, onInput, { passive: true, capture: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (now - lastInput >= idleMs) {
        void endSession('Your session was locked after 30 minutes without activity. Sign in again.');
        return;
      }
      if (lastInput > lastPing && now - lastPing >= HEARTBEAT_MS) {
        lastPing = now;
        // a 401 here (ended elsewhere) returns to the sign-in screen through the client
        api('GET', '/api/v1/session').catch(() => undefined);
      }
    }, CHECK_MS);
    return () => {
      window.clearInterval(timer);
      for (const e of INPUT) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [idleMs]);
}
