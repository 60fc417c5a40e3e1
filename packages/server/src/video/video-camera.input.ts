/**
 * What a person sends to register or change a live-view camera, and the checks it must pass
 * before it reaches the store. Every problem is reported at once, each with its field.
 */
import { VIDEO_OWNER_KINDS, VIDEO_STREAM_KINDS, type LonLat, type VideoCameraContact, type VideoCameraConsent, type VideoOwnerKind, type VideoStream } from '@openrtcc/domain';
import { AppError } from '../errors.ts';

export interface VideoCameraInput {
  name: string;
  location: LonLat;
  ownerKind: VideoOwnerKind;
  heading?: number;
  fieldOfView?: number;
  stream?: VideoStream;
  contact?: VideoCameraContact;
  /** `agreedAt` as ISO 8601 on the wire; epoch ms here. */
  consent?: VideoCameraConsent;
  notes?: string;
}

/** A change: any field but the owner kind (a community camera never becomes the agency's); null clears an optional one. */
export type VideoCameraPatch = Partial<Omit<VideoCameraInput, 'ownerKind' | 'heading' | 'fieldOfView' | 'stream' | 'notes'>> & {
  heading?: number | null;
  fieldOfView?: number | null;
  stream?: VideoStream | null;
  notes?: string | null;
  active?: boolean;
};

type Problem = { field: string; message: string };

function checkStream(s: VideoStream, problems: Problem[]): void {
  if (!(VIDEO_STREAM_KINDS as readonly string[]).includes(s.kind)) problems.push({ field: 'stream.kind', message: `must be one of ${VIDEO_STREAM_KINDS.join(', ')}` });
  let url: URL | undefined;
  try {
    url = new URL(s.url);
  } catch {
    problems.push({ field: 'stream.url', message: 'is not a URL' });
  }
  if (url && url.protocol !== 'http:' && url.protocol !== 'https:') problems.push({ field: 'stream.url', message: 'must be http or https' });
  if (url && (url.username || url.password)) problems.push({ field: 'stream.url', message: 'must not carry a user name or password' });
  if (url && s.kind === 'hls' && !url.pathname.toLowerCase().endsWith('.m3u8')) problems.push({ field: 'stream.url', message: 'of an hls stream must name its playlist (…/name.m3u8)' });
  if (s.refreshSeconds !== undefined && !(Number.isInteger(s.refreshSeconds) && s.refreshSeconds >= 1 && s.refreshSeconds <= 3600)) problems.push({ field: 'stream.refreshSeconds', message: 'must be a whole number of seconds from 1 to 3600' });
}

function checkCommunity(c: Pick<VideoCameraInput, 'contact' | 'consent' | 'stream'>, problems: Problem[]): void {
  if (!c.contact) problems.push({ field: 'contact', message: 'is required for a community-registered camera (the owner to ask for footage)' });
  else {
    if (!c.contact.name?.trim()) problems.push({ field: 'contact.name', message: 'is required' });
    if (!c.contact.phone?.trim() && !c.contact.email?.trim()) problems.push({ field: 'contact', message: 'needs a phone or an email' });
    if (c.contact.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(c.contact.email)) problems.push({ field: 'contact.email', message: 'is not an email address' });
  }
  if (!c.consent) problems.push({ field: 'consent', message: 'is required for a community-registered camera (the terms the owner agreed to)' });
  else {
    if (!c.consent.terms?.trim()) problems.push({ field: 'consent.terms', message: 'is required' });
    if (!Number.isFinite(c.consent.agreedAt)) problems.push({ field: 'consent.agreedAt', message: 'must be an ISO 8601 time' });
  }
  // registration only unless the owner chose to share: the registry holds no stream to play
  if (c.stream && !c.consent?.liveSharing) problems.push({ field: 'stream', message: 'a community camera has a live view only when its owner chose to share one (consent.liveSharing)' });
}

/**
 * Checks a camera as it would be stored: position, angles, the stream an agency camera needs,
 * the contact and consent a community camera needs.
 * @throws AppError validation_failed naming every problem
 */
export function checkVideoCamera(c: VideoCameraInput): void {
  const problems: Problem[] = [];
  if (!c.name?.trim()) problems.push({ field: 'name', message: 'is required' });
  const [lon, lat] = c.location ?? [];
  if (!(lon >= -180 && lon <= 180) || !(lat >= -90 && lat <= 90)) problems.push({ field: 'location', message: 'must be [lon, lat] in WGS84 degrees' });
  if (!(VIDEO_OWNER_KINDS as readonly string[]).includes(c.ownerKind)) problems.push({ field: 'ownerKind', message: `must be one of ${VIDEO_OWNER_KINDS.join(', ')}` });
  if (c.heading !== undefined && !(c.heading >= 0 && c.heading < 360)) problems.push({ field: 'heading', message: 'must be degrees from 0 to 359' });
  if (c.fieldOfView !== undefined && !(c.fieldOfView > 0 && c.fieldOfView <= 360)) problems.push({ field: 'fieldOfView', message: 'must be degrees from 1 to 360' });
  if (c.stream) checkStream(c.stream, problems);
  if (c.ownerKind === 'agency') {
    if (!c.stream) problems.push({ field: 'stream', message: 'is required for an agency camera (an HLS playlist or a still image URL)' });
    if (c.contact || c.consent) problems.push({ field: c.contact ? 'contact' : 'consent', message: 'belongs to community-registered cameras only' });
  } else if (c.ownerKind === 'community_registered') checkCommunity(c, problems);
  if (problems.length) throw new AppError('validation_failed', `video camera: ${problems.map((p) => `${p.field} ${p.message}`).join('; ')}`, { details: problems });
}
