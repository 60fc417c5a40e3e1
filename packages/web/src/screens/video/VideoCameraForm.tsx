/** The registry form: a new camera placed on the map, or an existing one to change. */
import type { FormEvent } from 'react';
import type { VideoOwnerKind, VideoStreamKind } from '@openrtcc/domain';
import type { VideoForm } from './video-form.ts';

export interface VideoCameraFormProps {
  form: VideoForm;
  onChange: (f: VideoForm) => void;
  onSubmit: () => void;
  busy: boolean;
  /** An existing camera: the owner kind is fixed, and the contact may still be hidden. */
  editing: boolean;
  onLoadContact?: () => void;
  children?: React.ReactNode;
}

function Field({ id, label, children }: { id: string; label: string; children: React.ReactNode }) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{label}</label>
      {children}
    </div>
  );
}

export function VideoCameraForm({ form: f, onChange, onSubmit, busy, editing, onLoadContact, children }: VideoCameraFormProps) {
  const set = (patch: Partial<VideoForm>) => onChange({ ...f, ...patch });
  const community = f.ownerKind === 'community_registered';
  const streamAllowed = !community || f.liveSharing;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="video-form card" aria-label={editing ? 'Change the camera' : 'Register a camera'} onSubmit={submit} data-testid="video-form">
      <h2>{editing ? `Change “${f.name}”` : 'Register a camera'}</h2>
      <p className="muted small" data-testid="video-form-location">
        {f.location ? `At ${f.location[1].toFixed(5)}, ${f.location[0].toFixed(5)}: click the map to move it.` : 'Click the map where the camera is.'}
      </p>
      <Field id="vc-name" label="Name">
        <input id="vc-name" type="text" value={f.name} onChange={(e) => set({ name: e.target.value })} required maxLength={200} />
      </Field>
      {!editing && (
        <fieldset>
          <legend>Owner</legend>
          {(['agency', 'community_registered'] as VideoOwnerKind[]).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="vc-owner" checked={f.ownerKind === k} onChange={() => set({ ownerKind: k, streamKind: k === 'agency' ? 'hls' : 'none' })} data-testid={`vc-owner-${k}`} />
              {k === 'agency' ? 'The agency’s own camera' : 'A private camera its owner registered (community registry)'}
            </label>
          ))}
        </fieldset>
      )}
      <div className="two-col">
        <Field id="vc-heading" label="Faces (degrees)">
          <input id="vc-heading" type="number" min={0} max={359} value={f.heading} onChange={(e) => set({ heading: e.target.value })} />
        </Field>
        <Field id="vc-fov" label="Field of view (degrees)">
          <input id="vc-fov" type="number" min={1} max={360} value={f.fieldOfView} onChange={(e) => set({ fieldOfView: e.target.value })} />
        </Field>
      </div>
      {community && (
        <fieldset>
          <legend>Owner’s consent</legend>
          <Field id="vc-terms" label="Registration terms accepted">
            <input id="vc-terms" type="text" value={f.terms} onChange={(e) => set({ terms: e.target.value })} required />
          </Field>
          <Field id="vc-agreed" label="Agreed on">
            <input id="vc-agreed" type="date" value={f.agreedOn} onChange={(e) => set({ agreedOn: e.target.value })} required />
          </Field>
          <label className="check">
            <input type="checkbox" checked={f.footageRequests} onChange={(e) => set({ footageRequests: e.target.checked })} data-testid="vc-footage" /> May be contacted for footage requests
          </label>
          <label className="check">
            <input type="checkbox" checked={f.liveSharing} onChange={(e) => set({ liveSharing: e.target.checked, streamKind: e.target.checked ? 'hls' : 'none' })} data-testid="vc-live-sharing" /> Shares a live stream with the agency
          </label>
        </fieldset>
      )}
      {streamAllowed && (
        <fieldset>
          <legend>Live view</legend>
          <Field id="vc-stream-kind" label="Kind">
            <select id="vc-stream-kind" value={f.streamKind} onChange={(e) => set({ streamKind: e.target.value as VideoStreamKind | 'none' })}>
              <option value="hls">HLS video (.m3u8)</option>
              <option value="still">Still image, refreshed</option>
              {community && <option value="none">None</option>}
            </select>
          </Field>
          {f.streamKind !== 'none' && (
            <Field id="vc-stream-url" label={f.streamKind === 'hls' ? 'Playlist URL (the server fetches it)' : 'Image URL (the server fetches it)'}>
              <input id="vc-stream-url" type="url" value={f.streamUrl} onChange={(e) => set({ streamUrl: e.target.value })} required placeholder={f.streamKind === 'hls' ? 'http://nvr.agency.local/cam1/index.m3u8' : 'http://10.0.0.5/snapshot.jpg'} />
            </Field>
          )}
          {f.streamKind === 'still' && (
            <Field id="vc-refresh" label="Refresh every (seconds)">
              <input id="vc-refresh" type="number" min={1} max={3600} value={f.refreshSeconds} onChange={(e) => set({ refreshSeconds: e.target.value })} placeholder="5" />
            </Field>
          )}
        </fieldset>
      )}
      {community && (
        <fieldset>
          <legend>Owner’s contact (for footage requests; every look-up is audited)</legend>
          {f.contactLoaded ? (
            <>
              <Field id="vc-contact-name" label="Name">
                <input id="vc-contact-name" type="text" value={f.contactName} onChange={(e) => set({ contactName: e.target.value })} required />
              </Field>
              <Field id="vc-contact-phone" label="Phone">
                <input id="vc-contact-phone" type="tel" value={f.contactPhone} onChange={(e) => set({ contactPhone: e.target.value })} />
              </Field>
              <Field id="vc-contact-email" label="Email">
                <input id="vc-contact-email" type="email" value={f.contactEmail} onChange={(e) => set({ contactEmail: e.target.value })} />
              </Field>
            </>
          ) : (
            <button type="button" onClick={onLoadContact}>
              Show and change the contact (audited)
            </button>
          )}
        </fieldset>
      )}
      <Field id="vc-notes" label="Notes">
        <textarea id="vc-notes" rows={2} value={f.notes} onChange={(e) => set({ notes: e.target.value })} maxLength={2000} />
      </Field>
      <div className="video-form-actions">
        <button type="submit" className="primary" disabled={busy || !f.location || f.name.trim() === ''} data-testid="vc-save">
          {editing ? 'Save changes' : 'Register'}
        </button>
        {children}
      </div>
    </form>
  );
}
