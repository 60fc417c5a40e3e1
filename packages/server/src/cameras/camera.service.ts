/**
 * The camera registry a read is located with. Sources name cameras their own way
 * (`openalpr:<agent>:<camera_id>`); `sourceKeys` maps those names to one registry camera.
 * A read from a camera nobody registered yet auto-registers it (no position), so nothing
 * is lost and an admin can place it on the map later.
 */
import { randomUUID } from 'node:crypto';
import type { Camera, LonLat } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { CameraStore } from '../store/store.types.ts';

export interface CameraInput {
  name: string;
  location?: LonLat;
  heading?: number;
  timeZone?: string;
  sourceKeys?: string[];
}

export interface CameraView extends Omit<Camera, 'createdAt'> {
  createdAt: string;
}

export const cameraView = (c: Camera): CameraView => ({ ...c, createdAt: new Date(c.createdAt).toISOString() });

function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function check(input: CameraInput): void {
  const problems: { field: string; message: string }[] = [];
  if (!input.name || input.name.trim().length === 0) problems.push({ field: 'name', message: 'is required' });
  if (input.location) {
    const [lon, lat] = input.location;
    if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) problems.push({ field: 'location', message: 'must be [lon, lat] in WGS84 degrees' });
  }
  if (input.heading !== undefined && !(input.heading >= 0 && input.heading < 360)) problems.push({ field: 'heading', message: 'must be degrees from 0 to 359' });
  if (input.timeZone !== undefined && !validTimeZone(input.timeZone)) problems.push({ field: 'timeZone', message: `${input.timeZone} is not an IANA time zone` });
  if (problems.length) throw new AppError('validation_failed', `camera: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { details: problems });
}

export class CameraService {
  private readonly store: CameraStore;
  private readonly byId = new Map<string, Camera>();
  private readonly bySourceKey = new Map<string, Camera>();
  private creating = new Map<string, Promise<Camera>>();

  constructor(store: CameraStore) {
    this.store = store;
  }

  async load(): Promise<void> {
    this.byId.clear();
    this.bySourceKey.clear();
    for (const c of await this.store.list()) this.remember(c);
  }

  list(): Camera[] {
    return [...this.byId.values()];
  }

  get(id: string): Camera | undefined {
    return this.byId.get(id);
  }

  async create(input: CameraInput): Promise<Camera> {
    check(input);
    const taken = (input.sourceKeys ?? []).find((k) => this.bySourceKey.has(k));
    if (taken) throw new AppError('conflict', `source key ${taken} already belongs to camera ${this.bySourceKey.get(taken)!.id}`);
    const camera: Camera = {
      id: randomUUID(),
      name: input.name.trim(),
      location: input.location,
      heading: input.heading,
      timeZone: input.timeZone ?? 'UTC',
      sourceKeys: input.sourceKeys ?? [],
      createdAt: Date.now(),
    };
    await this.store.create(camera);
    this.remember(camera);
    return camera;
  }

  async update(id: string, input: Partial<CameraInput>): Promise<Camera> {
    const cur = this.byId.get(id);
    if (!cur) throw new AppError('not_found_or_forbidden', `camera ${id} not found`);
    const next: Camera = {
      ...cur,
      name: input.name ?? cur.name,
      location: input.location ?? cur.location,
      heading: input.heading ?? cur.heading,
      timeZone: input.timeZone ?? cur.timeZone,
      sourceKeys: input.sourceKeys ?? cur.sourceKeys,
    };
    check(next);
    const taken = next.sourceKeys.find((k) => this.bySourceKey.has(k) && this.bySourceKey.get(k)!.id !== id);
    if (taken) throw new AppError('conflict', `source key ${taken} already belongs to camera ${this.bySourceKey.get(taken)!.id}`);
    await this.store.update(next);
    for (const k of cur.sourceKeys) this.bySourceKey.delete(k);
    this.remember(next);
    return next;
  }

  /** The registry camera for a source's camera name, registering it on first sight. */
  async resolve(sourceSystem: string, sourceCameraKey: string): Promise<Camera> {
    const key = `${sourceSystem}:${sourceCameraKey}`;
    const known = this.bySourceKey.get(key);
    if (known) return known;
    // concurrent first reads from one camera must register it once
    let p = this.creating.get(key);
    if (!p) {
      p = this.create({ name: `${sourceSystem} camera ${sourceCameraKey}`, sourceKeys: [key] }).finally(() => this.creating.delete(key));
      this.creating.set(key, p);
    }
    return p;
  }

  private remember(c: Camera): void {
    this.byId.set(c.id, c);
    for (const k of c.sourceKeys) this.bySourceKey.set(k, c);
  }
}
