/**
 * The registry form's state and the request body it becomes: one shape for a new camera and
 * for an edit (only changed fields are sent on an edit, so an untouched contact is never sent
 * back, nor read).
 */
import type { LonLat, VideoCameraView, VideoOwnerKind, VideoStreamKind } from '@openrtcc/domain';

export interface VideoForm {
  name: string;
  location: LonLat | null;
  ownerKind: VideoOwnerKind;
  heading: string;
  fieldOfView: string;
  streamKind: VideoStreamKind | 'none';
  streamUrl: string;
  refreshSeconds: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  /** True once the editor loaded (or typed) a contact: only then is it sent. */
  contactLoaded: boolean;
  terms: string;
  agreedOn: string;
  footageRequests: boolean;
  liveSharing: boolean;
  notes: string;
}

export const TERMS_DEFAULT = 'community-camera-registry-v1';

export function emptyForm(at: LonLat | null): VideoForm {
  return {
    name: '',
    location: at,
    ownerKind: 'agency',
    heading: '',
    fieldOfView: '',
    streamKind: 'hls',
    streamUrl: '',
    refreshSeconds: '',
    contactName: '',
    contactPhone: '',
    contactEmail: '',
    contactLoaded: true,
    terms: TERMS_DEFAULT,
    agreedOn: new Date().toISOString().slice(0, 10),
    footageRequests: true,
    liveSharing: false,
    notes: '',
  };
}

export function formOf(c: VideoCameraView): VideoForm {
  return {
    name: c.name,
    location: c.location,
    ownerKind: c.ownerKind,
    heading: c.heading !== undefined ? String(c.heading) : '',
    fieldOfView: c.fieldOfView !== undefined ? String(c.fieldOfView) : '',
    streamKind: c.stream?.kind ?? 'none',
    streamUrl: c.stream?.url ?? '',
    refreshSeconds: c.stream?.refreshSeconds !== undefined ? String(c.stream.refreshSeconds) : '',
    contactName: c.contact?.name ?? '',
    contactPhone: c.contact?.phone ?? '',
    contactEmail: c.contact?.email ?? '',
    contactLoaded: c.contact !== undefined || !c.contactHidden,
    terms: c.consent?.terms ?? TERMS_DEFAULT,
    agreedOn: c.consent?.agreedAt.slice(0, 10) ?? new Date().toISOString().slice(0, 10),
    footageRequests: c.consent?.footageRequests ?? true,
    liveSharing: c.consent?.liveSharing ?? false,
    notes: c.notes ?? '',
  };
}

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

/** The full camera as the API takes it (POST), from the form. */
export function bodyOf(f: VideoForm): Record<string, unknown> {
  const body: Record<string, unknown> = { name: f.name.trim(), location: f.location, ownerKind: f.ownerKind };
  if (num(f.heading) !== undefined) body.heading = num(f.heading);
  if (num(f.fieldOfView) !== undefined) body.fieldOfView = num(f.fieldOfView);
  const wantsStream = f.streamKind !== 'none' && (f.ownerKind === 'agency' || f.liveSharing);
  if (wantsStream) body.stream = { kind: f.streamKind, url: f.streamUrl.trim(), ...(num(f.refreshSeconds) !== undefined && f.streamKind === 'still' ? { refreshSeconds: num(f.refreshSeconds) } : {}) };
  if (f.ownerKind === 'community_registered') {
    if (f.contactLoaded) body.contact = { name: f.contactName.trim(), ...(f.contactPhone.trim() ? { phone: f.contactPhone.trim() } : {}), ...(f.contactEmail.trim() ? { email: f.contactEmail.trim() } : {}) };
    body.consent = { terms: f.terms.trim(), agreedAt: `${f.agreedOn}T12:00:00Z`, footageRequests: f.footageRequests, liveSharing: f.liveSharing };
  }
  if (f.notes.trim()) body.notes = f.notes.trim();
  return body;
}

/** An edit (PATCH): what changed against the camera as loaded; null clears an optional field. */
export function patchOf(f: VideoForm, before: VideoForm): Record<string, unknown> {
  const now = bodyOf(f);
  const was = bodyOf(before);
  const patch: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(now), ...Object.keys(was)])) {
    if (key === 'ownerKind') continue;
    if (JSON.stringify(now[key]) === JSON.stringify(was[key])) continue;
    patch[key] = now[key] === undefined ? (key === 'contact' || key === 'consent' ? undefined : null) : now[key];
  }
  // the stream URL is sent again whole when any part of the stream changed
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined));
}
