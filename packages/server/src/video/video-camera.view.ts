/**
 * A live-view camera as the API shows it: ISO times, the gateway path to play instead of the
 * camera's own URL, and the owner's contact only for a viewer allowed to see it.
 */
import type { VideoCamera, VideoCameraView } from '@openrtcc/domain';

/** What the person asking may see beyond the camera itself. */
export interface VideoViewer {
  /** `video:contacts`: the community owner's name, phone and email. */
  contacts: boolean;
  /** `video:write`: the stream's own URL, to edit it. */
  streamUrls: boolean;
}

const iso = (t: number): string => new Date(t).toISOString();

/** The last segment of the stream URL's path: the name the gateway serves the playlist or image under. */
export function streamFileName(url: string): string {
  const path = new URL(url).pathname;
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1));
}

export function videoCameraView(c: VideoCamera, viewer: VideoViewer, distanceM?: number): VideoCameraView {
  const { stream, contact, consent, createdAt, updatedAt, deactivatedAt, ...rest } = c;
  const v: VideoCameraView = { ...rest, createdAt: iso(createdAt), updatedAt: iso(updatedAt) };
  if (deactivatedAt !== undefined) v.deactivatedAt = iso(deactivatedAt);
  if (stream) {
    v.stream = { kind: stream.kind, path: `/api/v1/video-cameras/${encodeURIComponent(c.id)}/live/${encodeURIComponent(streamFileName(stream.url))}` };
    if (stream.refreshSeconds !== undefined) v.stream.refreshSeconds = stream.refreshSeconds;
    if (viewer.streamUrls) v.stream.url = stream.url;
  }
  if (consent) v.consent = { ...consent, agreedAt: iso(consent.agreedAt) };
  if (contact && viewer.contacts) v.contact = contact;
  else if (contact) v.contactHidden = true;
  if (distanceM !== undefined) v.distanceM = Math.round(distanceM);
  return v;
}
