/**
 * The live-view camera registry (video module): agency cameras the console plays live and
 * cameras residents and businesses registered. The service decides what each person sees: a
 * community owner's contact only with `video:contacts`, never in a list, and each time it is
 * shown an audit record names who saw whose contact. Every change is audited too.
 */
import { randomUUID } from 'node:crypto';
import { distanceMeters, type LonLat, type VideoCamera, type VideoCameraView, type VideoStream } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { VideoCameraFilter, VideoCameraStore } from '../store/store.types.ts';
import { checkVideoCamera, type VideoCameraInput, type VideoCameraPatch } from './video-camera.input.ts';
import { videoCameraView, type VideoViewer } from './video-camera.view.ts';

/** Who is asking: for audit records and for what the answer may hold. */
export interface VideoActor {
  name: string;
  from?: string;
  viewer: VideoViewer;
}

export interface VideoCameraListQuery extends VideoCameraFilter {
  /** Nearest first from this point, each with its distance. */
  near?: LonLat;
  limit?: number;
}

const notFound = (id: string) => new AppError('not_found_or_forbidden', `video camera ${id} not found`);

export class VideoCameraService {
  private readonly store: VideoCameraStore;
  private readonly audit: AuditService;

  constructor(store: VideoCameraStore, audit: AuditService) {
    this.store = store;
    this.audit = audit;
  }

  /** Cameras by name, or nearest first with `near`. Lists never carry an owner's contact. */
  async list(q: VideoCameraListQuery, actor: VideoActor): Promise<VideoCameraView[]> {
    const cameras = await this.store.list(q);
    const viewer = { ...actor.viewer, contacts: false };
    if (!q.near) return cameras.slice(0, q.limit ?? cameras.length).map((c) => videoCameraView(c, viewer));
    const at = q.near;
    return cameras
      .map((c) => ({ c, d: distanceMeters(at, c.location) }))
      .sort((a, b) => a.d - b.d)
      .slice(0, q.limit ?? cameras.length)
      .map(({ c, d }) => videoCameraView(c, viewer, d));
  }

  /**
   * One camera. Its owner's contact only when asked for (`includeContact`) by a viewer allowed to
   * see it, and then audited as read: the trail shows who looked up whose contact, and nobody's
   * contact is shown (or logged) just because a camera was clicked.
   */
  async get(id: string, actor: VideoActor, opts: { includeContact?: boolean } = {}): Promise<VideoCameraView> {
    if (opts.includeContact && !actor.viewer.contacts) throw new AppError('forbidden', 'your role may not see camera owners\' contacts (video:contacts)');
    const c = await this.store.get(id);
    if (!c) throw notFound(id);
    const contacts = opts.includeContact === true && c.contact !== undefined;
    if (contacts) await this.recordContactRead(c, actor);
    return videoCameraView(c, { ...actor.viewer, contacts });
  }

  async create(input: VideoCameraInput, actor: VideoActor): Promise<VideoCameraView> {
    checkVideoCamera(input);
    const now = Date.now();
    const camera: VideoCamera = { ...trimmed(input), id: randomUUID(), active: true, createdAt: now, createdBy: actor.name, updatedAt: now, updatedBy: actor.name };
    await this.store.create(camera);
    await this.record(actor, 'video.camera_created', camera);
    return videoCameraView(camera, actor.viewer);
  }

  /** Changes what the patch names; `active: true` puts a deactivated camera back on the map. */
  async update(id: string, patch: VideoCameraPatch, actor: VideoActor): Promise<VideoCameraView> {
    const next = await this.store.update(id, (current) => {
      const changed = applyPatch(current, patch, actor.name);
      checkVideoCamera(changed);
      return changed;
    });
    if (!next) throw notFound(id);
    await this.record(actor, 'video.camera_updated', next, { fields: Object.keys(patch).sort() });
    return videoCameraView(next, actor.viewer);
  }

  /** Takes a camera off the map; it stays in the registry with its consent record. */
  async deactivate(id: string, actor: VideoActor): Promise<VideoCameraView> {
    return this.update(id, { active: false }, actor);
  }

  /**
   * The stream the gateway may play for a camera: an active camera with one (a community camera
   * has one only when its owner shares live).
   */
  async liveStream(id: string): Promise<VideoStream> {
    const c = await this.store.get(id);
    if (!c) throw notFound(id);
    if (!c.active) throw new AppError('not_found_or_forbidden', `video camera ${id} is inactive`);
    if (!c.stream) throw new AppError('not_found_or_forbidden', `video camera ${id} has no live view: ${c.ownerKind === 'community_registered' ? 'its owner registered it without sharing a stream; request footage instead' : 'no stream is configured'}`);
    return c.stream;
  }

  private recordContactRead(c: VideoCamera, actor: VideoActor): Promise<unknown> {
    return this.audit.record({ actor: actor.name, from: actor.from, action: 'video.contact_read', outcome: 'success', details: { cameraId: c.id, cameraName: c.name } });
  }

  private record(actor: VideoActor, action: string, c: VideoCamera, extra: Record<string, unknown> = {}): Promise<unknown> {
    // the owner's contact stays out of the audit trail: the id leads to it for those allowed
    return this.audit.record({ actor: actor.name, from: actor.from, action, outcome: 'success', details: { cameraId: c.id, cameraName: c.name, ownerKind: c.ownerKind, active: c.active, ...extra } });
  }
}

function trimmed(input: VideoCameraInput): VideoCameraInput {
  const out: VideoCameraInput = { ...input, name: input.name.trim() };
  if (input.notes !== undefined) out.notes = input.notes.trim();
  return out;
}

/** The camera with the patch applied; null removes an optional field. */
function applyPatch(current: VideoCamera, patch: VideoCameraPatch, by: string): VideoCamera {
  const next: VideoCamera = { ...current, updatedAt: Date.now(), updatedBy: by };
  for (const [key, value] of Object.entries(patch) as [keyof VideoCameraPatch, unknown][]) {
    if (value === undefined) continue;
    if (value === null) delete (next as unknown as Record<string, unknown>)[key];
    else (next as unknown as Record<string, unknown>)[key] = key === 'name' || key === 'notes' ? String(value).trim() : value;
  }
  // an owner who stops sharing live takes the stream with it: nothing is left to play
  if (next.ownerKind === 'community_registered' && next.consent && !next.consent.liveSharing && patch.stream === undefined) delete next.stream;
  if (patch.active === false && current.active) {
    next.deactivatedAt = next.updatedAt;
    next.deactivatedBy = by;
  } else if (patch.active === true) {
    delete next.deactivatedAt;
    delete next.deactivatedBy;
  }
  return next;
}
