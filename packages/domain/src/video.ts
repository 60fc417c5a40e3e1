/**
 * Live-view cameras (the video module): the agency's own cameras, which the console plays live,
 * and cameras that residents and businesses registered with the agency (a community camera
 * registry, as Fusus Community Connect or Motorola's Registered Camera Program run them).
 *
 * A registered private camera is a location and a way to ask its owner for footage, nothing
 * more: the console gets no live view of it unless the owner chose to share a stream
 * (`consent.liveSharing`). The owner's contact is personal data: the API hands it only to people
 * allowed to see it, and each time it does so it writes an audit record.
 */
import type { LonLat } from './types.ts';

export const VIDEO_OWNER_KINDS = ['agency', 'community_registered'] as const;
export type VideoOwnerKind = (typeof VIDEO_OWNER_KINDS)[number];

/** How the console shows a camera: an HLS playlist (`.m3u8`) or a still image it refreshes. */
export const VIDEO_STREAM_KINDS = ['hls', 'still'] as const;
export type VideoStreamKind = (typeof VIDEO_STREAM_KINDS)[number];

export interface VideoStream {
  kind: VideoStreamKind;
  /**
   * http(s) URL of the playlist or the image, as the server reaches it. Consoles play through the
   * server's gateway; only registry editors (`video:write`) see the URL itself.
   */
  url: string;
  /** Still images: seconds between refreshes (default 5). */
  refreshSeconds?: number;
}

/** A community camera owner's contact: shown only with `video:contacts`, and audited. */
export interface VideoCameraContact {
  name: string;
  phone?: string;
  email?: string;
}

/** What the owner of a community camera agreed to when registering it. */
export interface VideoCameraConsent {
  /** The registration terms the owner accepted (a version or the text itself). */
  terms: string;
  /** When the owner agreed, epoch ms. */
  agreedAt: number;
  /** The owner agreed to be contacted when the agency needs footage from this camera. */
  footageRequests: boolean;
  /** The owner chose to share a live stream; without it the registry holds no stream. */
  liveSharing: boolean;
}

export interface VideoCamera {
  id: string;
  name: string;
  location: LonLat;
  ownerKind: VideoOwnerKind;
  /** Degrees clockwise from north the camera faces. */
  heading?: number;
  /** Horizontal field of view in degrees. */
  fieldOfView?: number;
  /** Agency cameras always; community cameras only when the owner shares live. */
  stream?: VideoStream;
  /** Community cameras only. */
  contact?: VideoCameraContact;
  /** Community cameras only. */
  consent?: VideoCameraConsent;
  notes?: string;
  /** An inactive camera stays in the registry (its history, its consent) but leaves the map. */
  active: boolean;
  createdAt: number;
  createdBy: string;
  updatedAt: number;
  updatedBy: string;
  deactivatedAt?: number;
  deactivatedBy?: string;
}

/**
 * A camera as the API shows it: ISO times; the gateway path to play instead of the camera's own
 * URL; the owner's contact only when asked for by someone allowed to see it.
 */
export interface VideoCameraView extends Omit<VideoCamera, 'stream' | 'contact' | 'consent' | 'createdAt' | 'updatedAt' | 'deactivatedAt'> {
  /**
   * What the console plays: `path` is the server's gateway (`/api/v1/video-cameras/:id/live/…`);
   * `url` is the camera's own address, for registry editors only.
   */
  stream?: { kind: VideoStreamKind; refreshSeconds?: number; path: string; url?: string };
  contact?: VideoCameraContact;
  /** True when the camera has an owner contact this answer leaves out (`?includeContact=true` with `video:contacts` shows it, audited). */
  contactHidden?: boolean;
  consent?: Omit<VideoCameraConsent, 'agreedAt'> & { agreedAt: string };
  createdAt: string;
  updatedAt: string;
  deactivatedAt?: string;
  /** Metres from the `near` point of a list request. */
  distanceM?: number;
}
