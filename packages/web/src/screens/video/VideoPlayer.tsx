/**
 * Plays a live-view camera through the server's stream gateway: HLS with hls.js (the session's
 * bearer token on every request), the browser's own HLS where there is no MediaSource (Safari,
 * iOS: the token goes in the query, the gateway keeps it on every segment), or a still image
 * fetched with the token and refreshed. When the camera does not answer, the player says so
 * plainly and tries again on its own.
 */
import { useEffect, useRef, useState } from 'react';
import type { VideoCameraView } from '@openrtcc/domain';
import { ApiError } from '../../api/client.ts';
import { session } from '../../api/session.ts';

const RETRY_MS = 10_000;

type PlayerState = { kind: 'loading' } | { kind: 'playing' } | { kind: 'unreachable'; reason: string };

/** The server's `{ error: { message } }` for a failed gateway request, or a plain reason. */
async function reasonOf(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON
  }
  return `the server answered ${res.status}`;
}

type HlsClass = typeof import('hls.js').default;

/** Plays `path` on the element; returns what undoes it. */
function attach(Hls: HlsClass, el: HTMLVideoElement, path: string, onState: (s: PlayerState) => void): () => void {
  const token = session.get().token ?? '';
  const playing = () => onState({ kind: 'playing' });
  el.addEventListener('playing', playing);
  if (Hls.isSupported()) {
    const hls = new Hls({ liveDurationInfinity: true, manifestLoadingMaxRetry: 1, xhrSetup: (xhr) => xhr.setRequestHeader('authorization', `Bearer ${token}`) });
    hls.on(Hls.Events.ERROR, (_e, data) => {
      if (!data.fatal) return;
      hls.destroy();
      const failed = data.response?.code ? (data.context?.url ?? path) : undefined;
      if (!failed) return onState({ kind: 'unreachable', reason: `the video could not be played (${data.details})` });
      // hls.js keeps no error body: ask once more for the gateway's words ("the camera did not answer")
      fetch(failed, { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' })
        .then(async (res) => onState({ kind: 'unreachable', reason: res.ok ? 'the stream stopped' : await reasonOf(res) }))
        .catch(() => onState({ kind: 'unreachable', reason: 'the server did not answer' }));
    });
    hls.loadSource(path);
    hls.attachMedia(el);
    el.play().catch(() => undefined);
    return () => {
      el.removeEventListener('playing', playing);
      hls.destroy();
    };
  }
  if (el.canPlayType('application/vnd.apple.mpegurl')) {
    const failed = () => onState({ kind: 'unreachable', reason: 'the browser could not play the stream' });
    el.addEventListener('error', failed);
    el.src = `${path}?access_token=${encodeURIComponent(token)}`;
    el.play().catch(() => undefined);
    return () => {
      el.removeEventListener('playing', playing);
      el.removeEventListener('error', failed);
      el.removeAttribute('src');
      el.load();
    };
  }
  onState({ kind: 'unreachable', reason: 'this browser plays no HLS video' });
  return () => el.removeEventListener('playing', playing);
}

function useHls(video: React.RefObject<HTMLVideoElement | null>, path: string, attempt: number, onState: (s: PlayerState) => void): void {
  useEffect(() => {
    const el = video.current;
    if (!el) return;
    onState({ kind: 'loading' });
    let undo: (() => void) | undefined;
    let cancelled = false;
    // hls.js is loaded the first time a camera plays, not with the console
    import('hls.js').then(
      ({ default: Hls }) => {
        if (!cancelled) undo = attach(Hls, el, path, onState);
      },
      (e: unknown) => onState({ kind: 'unreachable', reason: `the video player did not load (${e instanceof Error ? e.message : String(e)})` }),
    );
    return () => {
      cancelled = true;
      undo?.();
    };
  }, [video, path, attempt]);
}

function HlsPlayer({ camera, path, onState, attempt }: { camera: VideoCameraView; path: string; onState: (s: PlayerState) => void; attempt: number }) {
  const ref = useRef<HTMLVideoElement>(null);
  useHls(ref, path, attempt, onState);
  return <video ref={ref} className="video-player" muted playsInline controls aria-label={`Live view: ${camera.name}`} data-testid="video-player" />;
}

function StillImage({ camera, path, refreshSeconds, onState, attempt }: { camera: VideoCameraView; path: string; refreshSeconds: number; onState: (s: PlayerState) => void; attempt: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let url: string | null = null;
    let stopped = false;
    const ac = new AbortController();
    const fetchOnce = async () => {
      try {
        const res = await fetch(path, { headers: { authorization: `Bearer ${session.get().token ?? ''}` }, signal: ac.signal, cache: 'no-store' });
        if (!res.ok) throw new ApiError(res.status, 'unavailable', await reasonOf(res));
        const next = URL.createObjectURL(await res.blob());
        if (stopped) return URL.revokeObjectURL(next);
        if (url) URL.revokeObjectURL(url);
        url = next;
        setSrc(next);
        onState({ kind: 'playing' });
      } catch (e) {
        if (!stopped) onState({ kind: 'unreachable', reason: e instanceof Error ? e.message : String(e) });
      }
    };
    onState({ kind: 'loading' });
    void fetchOnce();
    const timer = window.setInterval(fetchOnce, refreshSeconds * 1000);
    return () => {
      stopped = true;
      ac.abort();
      window.clearInterval(timer);
      if (url) URL.revokeObjectURL(url);
    };
  }, [path, refreshSeconds, attempt]);
  return src ? <img className="video-player" src={src} alt={`Latest image: ${camera.name}`} data-testid="video-still" /> : null;
}

/** The live view of a camera that has one; a message when it cannot be reached. */
export function VideoPlayer({ camera }: { camera: VideoCameraView }) {
  const [state, setState] = useState<PlayerState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const stream = camera.stream;
  useEffect(() => {
    if (state.kind !== 'unreachable') return;
    const t = window.setTimeout(() => setAttempt((a) => a + 1), RETRY_MS);
    return () => window.clearTimeout(t);
  }, [state]);
  if (!stream) return null;
  return (
    <div className="video-box" data-testid="video-box" data-state={state.kind}>
      {stream.kind === 'hls' ? (
        <HlsPlayer key={camera.id} camera={camera} path={stream.path} onState={setState} attempt={attempt} />
      ) : (
        <StillImage key={camera.id} camera={camera} path={stream.path} refreshSeconds={stream.refreshSeconds ?? 5} onState={setState} attempt={attempt} />
      )}
      {state.kind === 'loading' && <p className="muted small">Connecting to the camera…</p>}
      {state.kind === 'unreachable' && (
        <div className="video-unreachable" role="status" data-testid="video-unreachable">
          <p>
            <strong>The stream is unreachable.</strong> {state.reason.replace(/^./, (c) => c.toUpperCase()).replace(/\.?$/, '.')}
          </p>
          <p className="muted small">
            Trying again every {RETRY_MS / 1000} s.{' '}
            <button type="button" className="link" onClick={() => setAttempt((a) => a + 1)}>
              Try now
            </button>
          </p>
        </div>
      )}
      {stream.kind === 'still' && state.kind === 'playing' && <p className="muted small">A still image, refreshed every {stream.refreshSeconds ?? 5} s.</p>}
    </div>
  );
}
