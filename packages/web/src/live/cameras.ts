/**
 * The camera registry, loaded once after sign-in and on demand: the map, the search form and the
 * cameras screen all read this one copy.
 */
import { api } from '../api/client.ts';
import type { CameraView, ModuleView } from '../api/wire.ts';
import { reportError } from '../app/errors.ts';
import { Store } from '../app/store.ts';

export const cameras = new Store<{ items: CameraView[]; byId: ReadonlyMap<string, CameraView>; loaded: boolean }>({ items: [], byId: new Map(), loaded: false });

export async function loadCameras(): Promise<void> {
  try {
    const page = await api<{ items: CameraView[] }>('GET', '/api/v1/cameras');
    cameras.set({ items: page.items, byId: new Map(page.items.map((c) => [c.id, c])), loaded: true });
  } catch (e) {
    reportError('Could not load the cameras', e);
  }
}

/** The platform's modules, so screens leave out what this server has switched off. */
export const modules = new Store<ModuleView[] | null>(null);

export async function loadModules(): Promise<void> {
  try {
    modules.set((await api<{ items: ModuleView[] }>('GET', '/api/v1/modules')).items);
  } catch (e) {
    reportError('Could not load the modules', e);
  }
}

export function moduleOn(list: ModuleView[] | null, name: string): boolean {
  return list?.some((m) => m.name === name && m.enabled) ?? false;
}
