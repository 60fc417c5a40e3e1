/**
 * Live-view cameras (video module), loaded when the live map or the registry opens and after a
 * change in the registry: the map layer, the incident panel's nearest cameras and the registry
 * screen read this one copy. The list never carries an owner's contact; the camera panel asks
 * for one camera (the server audits the contact when it shows it).
 */
import { distanceMeters, type LonLat, type VideoCameraView } from '@openrtcc/domain';
import { api } from '../api/client.ts';
import { reportError } from '../app/errors.ts';
import { Store } from '../app/store.ts';

export const videoCameras = new Store<{ items: VideoCameraView[]; byId: ReadonlyMap<string, VideoCameraView>; loaded: boolean; includesInactive: boolean }>({
  items: [],
  byId: new Map(),
  loaded: false,
  includesInactive: false,
});

/** Loads the registry: active cameras for the map, every camera for the registry screen. */
export async function loadVideoCameras(opts: { includeInactive?: boolean } = {}): Promise<void> {
  try {
    const { items } = await api<{ items: VideoCameraView[] }>('GET', '/api/v1/video-cameras', { query: { includeInactive: opts.includeInactive ? true : undefined } });
    videoCameras.set({ items, byId: new Map(items.map((c) => [c.id, c])), loaded: true, includesInactive: opts.includeInactive ?? false });
  } catch (e) {
    reportError('Could not load the live-view cameras', e);
  }
}

/** Puts one camera as the server now has it into the shared copy (after an edit). */
export function applyVideoCamera(c: VideoCameraView): void {
  videoCameras.update((s) => {
    const items = s.byId.has(c.id) ? s.items.map((x) => (x.id === c.id ? c : x)) : [...s.items, c];
    return { ...s, items, byId: new Map(items.map((x) => [x.id, x])) };
  });
}

export function resetVideoCameras(): void {
  videoCameras.set({ items: [], byId: new Map(), loaded: false, includesInactive: false });
}

/** The `count` active cameras nearest to a point, each with its distance in metres. */
export function nearestVideoCameras(items: readonly VideoCameraView[], at: LonLat, count: number): { camera: VideoCameraView; meters: number }[] {
  return items
    .filter((c) => c.active)
    .map((camera) => ({ camera, meters: distanceMeters(at, camera.location) }))
    .sort((a, b) => a.meters - b.meters)
    .slice(0, count);
}

export const OWNER_LABEL = { agency: 'Agency camera', community_registered: 'Community-registered camera' } as const;
