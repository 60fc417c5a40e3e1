/**
 * A live-view camera in the live map's side panel. An agency camera (or a community camera whose
 * owner shares live) plays here; a registered private camera shows what its owner agreed to and
 * how to ask for footage. The owner's contact is fetched only when someone allowed to see it asks
 * (the server audits that look-up).
 */
import { useState } from 'react';
import type { VideoCameraContact, VideoCameraView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { can, session } from '../../api/session.ts';
import { reportError } from '../../app/errors.ts';
import { useStore } from '../../app/store.ts';
import { OWNER_LABEL, videoCameras } from '../../live/video-cameras.ts';
import { fmtDateTime } from '../../ui/format.ts';
import { VideoPlayer } from './VideoPlayer.tsx';
import './video.css';

function OwnerContact({ camera }: { camera: VideoCameraView }) {
  const { info } = useStore(session);
  const [contact, setContact] = useState<VideoCameraContact | null>(null);
  const [busy, setBusy] = useState(false);
  if (!camera.contactHidden && !contact) return null;
  if (!can(info, 'video:contacts')) return <p className="muted small">The owner's contact is visible to analysts and supervisors.</p>;
  if (!contact)
    return (
      <button
        type="button"
        disabled={busy}
        data-testid="show-owner-contact"
        onClick={async () => {
          setBusy(true);
          try {
            const full = await api<VideoCameraView>('GET', `/api/v1/video-cameras/${encodeURIComponent(camera.id)}`, { query: { includeContact: true } });
            setContact(full.contact ?? null);
          } catch (e) {
            reportError('Could not load the owner’s contact', e);
          } finally {
            setBusy(false);
          }
        }}
      >
        Show the owner's contact (recorded in the audit trail)
      </button>
    );
  return (
    <dl className="facts" data-testid="owner-contact">
      <dt>Owner</dt>
      <dd>{contact.name}</dd>
      {contact.phone && (
        <>
          <dt>Phone</dt>
          <dd>
            <a href={`tel:${contact.phone}`}>{contact.phone}</a>
          </dd>
        </>
      )}
      {contact.email && (
        <>
          <dt>Email</dt>
          <dd>
            <a href={`mailto:${contact.email}`}>{contact.email}</a>
          </dd>
        </>
      )}
    </dl>
  );
}

function FootageRequestNote({ camera }: { camera: VideoCameraView }) {
  const consent = camera.consent;
  if (!consent) return null;
  return (
    <div className="footage-note" data-testid="footage-note">
      <h3>Request footage</h3>
      {consent.footageRequests ? (
        <p>
          The owner registered this camera and agreed to be contacted for footage. Ask for the time window you need, with the case or incident number; the owner decides what to share.
          {!camera.stream && ' There is no live view: the owner registered the camera without sharing a stream.'}
        </p>
      ) : (
        <p>The owner registered where this camera is but did not agree to footage requests. Do not contact them for footage; canvass or seek legal process instead.</p>
      )}
      <p className="muted small">
        Registered under “{consent.terms}”, agreed {fmtDateTime(consent.agreedAt)}.
      </p>
    </div>
  );
}

export function VideoCameraDetails({ id }: { id: string }) {
  const { byId } = useStore(videoCameras);
  const camera = byId.get(id);
  if (!camera) return <p className="muted">This camera is no longer on the map.</p>;
  return (
    <div data-testid="video-details" data-owner={camera.ownerKind}>
      <h2>{camera.name}</h2>
      <p className={`tag video-tag ${camera.ownerKind}`}>{OWNER_LABEL[camera.ownerKind]}</p>
      {camera.stream ? <VideoPlayer camera={camera} /> : camera.ownerKind === 'agency' && <p className="muted">No stream is configured for this camera.</p>}
      <dl className="facts">
        <dt>Position</dt>
        <dd>
          {camera.location[1].toFixed(5)}, {camera.location[0].toFixed(5)}
        </dd>
        <dt>Faces</dt>
        <dd>
          {camera.heading !== undefined ? `${Math.round(camera.heading)}°` : '—'}
          {camera.fieldOfView !== undefined ? ` (${Math.round(camera.fieldOfView)}° field of view)` : ''}
        </dd>
        {camera.notes && (
          <>
            <dt>Notes</dt>
            <dd>{camera.notes}</dd>
          </>
        )}
      </dl>
      <FootageRequestNote camera={camera} />
      <OwnerContact key={camera.id} camera={camera} />
    </div>
  );
}
