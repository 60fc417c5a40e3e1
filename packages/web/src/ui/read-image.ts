/**
 * A stored read image as an object URL the console can put in an <img>: the image route needs the
 * bearer token, which an <img src> cannot send, so the bytes are fetched and wrapped in a blob URL
 * (revoked when the image leaves the screen). Each fetch is audited by the server.
 */
import { useEffect, useState } from 'react';
import { apiUrl } from '../api/client.ts';
import { session } from '../api/session.ts';

export type ImageKind = 'plate' | 'vehicle' | 'overview';

/** `none`: the server has no such image (the source sent none, or retention removed it). */
export type ImageState = { state: 'loading' } | { state: 'ready'; src: string } | { state: 'none' } | { state: 'error'; message: string };

export function imagePath(readId: string, kind: ImageKind): string {
  return apiUrl(`/api/v1/reads/${encodeURIComponent(readId)}/images/${kind}`);
}

/** Fetches the `kind` image of a read while `enabled`; `none` when it is not enabled. */
export function useReadImage(readId: string, kind: ImageKind, enabled: boolean): ImageState {
  const [image, setImage] = useState<ImageState>({ state: enabled ? 'loading' : 'none' });
  useEffect(() => {
    if (!enabled) {
      setImage({ state: 'none' });
      return;
    }
    const ac = new AbortController();
    let url: string | undefined;
    setImage({ state: 'loading' });
    const token = session.get().token;
    fetch(imagePath(readId, kind), { headers: token ? { authorization: `Bearer ${token}` } : {}, signal: ac.signal })
      .then(async (res) => {
        if (res.status === 404) return setImage({ state: 'none' });
        if (!res.ok) return setImage({ state: 'error', message: `the server answered ${res.status}` });
        url = URL.createObjectURL(await res.blob());
        if (!ac.signal.aborted) setImage({ state: 'ready', src: url });
      })
      .catch((e: Error) => {
        if (!ac.signal.aborted) setImage({ state: 'error', message: e.message });
      });
    return () => {
      ac.abort();
      if (url) URL.revokeObjectURL(url);
    };
  }, [readId, kind, enabled]);
  return image;
}
