/**
 * Registering a camera, or changing one (admins and supervisors, `cameras:write`): its name,
 * position, heading, time zone, and the camera mapping, the names each source gives it
 * (`<source kind>:<its camera id>`, one per line). A camera first seen from a source is registered
 * as a placeholder named after that key; this is where it gets its real name and place, or where
 * its key is moved onto the camera it really is.
 */
import { useState, type FormEvent } from 'react';
import type { CameraView } from '../../api/wire.ts';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { loadCameras } from '../../live/cameras.ts';

const num = (s: string): number | undefined => (s.trim() === '' ? undefined : Number(s));

export function CameraEditor({ camera, onDone }: { camera: CameraView | null; onDone: (id?: string) => void }) {
  const [name, setName] = useState(camera?.name ?? '');
  const [lat, setLat] = useState(camera?.location ? String(camera.location[1]) : '');
  const [lon, setLon] = useState(camera?.location ? String(camera.location[0]) : '');
  const [heading, setHeading] = useState(camera?.heading !== undefined ? String(camera.heading) : '');
  const [timeZone, setTimeZone] = useState(camera?.timeZone ?? '');
  const [keys, setKeys] = useState((camera?.sourceKeys ?? []).join('\n'));
  const [busy, setBusy] = useState(false);
  const latN = num(lat);
  const lonN = num(lon);
  const headingN = num(heading);
  const placeOk = (latN === undefined && lonN === undefined) || (latN !== undefined && lonN !== undefined && Math.abs(latN) <= 90 && Math.abs(lonN) <= 180);
  const headingOk = headingN === undefined || (headingN >= 0 && headingN < 360);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body: Record<string, unknown> = { name: name.trim(), sourceKeys: keys.split('\n').map((k) => k.trim()).filter(Boolean) };
      if (latN !== undefined && lonN !== undefined) body.location = [lonN, latN];
      if (headingN !== undefined) body.heading = headingN;
      if (timeZone.trim()) body.timeZone = timeZone.trim();
      const saved = camera ? await api<CameraView>('PATCH', `/api/v1/cameras/${encodeURIComponent(camera.id)}`, { body }) : await api<CameraView>('POST', '/api/v1/cameras', { body });
      await loadCameras();
      onDone(saved.id);
    } catch (err) {
      reportError('The camera was not saved', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card camera-editor" onSubmit={submit} aria-label={camera ? `Edit ${camera.name}` : 'Register a camera'} data-testid="camera-editor">
      <h3>{camera ? `Edit ${camera.name}` : 'Register a camera'}</h3>
      <div className="form-row">
        <label htmlFor="cam-name">Name</label>
        <input id="cam-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Main St at 5th, eastbound" autoComplete="off" />
      </div>
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="cam-lat">Latitude</label>
          <input id="cam-lat" inputMode="decimal" value={lat} onChange={(e) => setLat(e.target.value)} placeholder="30.2672" />
        </div>
        <div className="form-row">
          <label htmlFor="cam-lon">Longitude</label>
          <input id="cam-lon" inputMode="decimal" value={lon} onChange={(e) => setLon(e.target.value)} placeholder="-97.7431" />
        </div>
      </div>
      {!placeOk && <p className="field-problem">Give both latitude (−90 to 90) and longitude (−180 to 180), or neither.</p>}
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="cam-heading">Faces (degrees from north)</label>
          <input id="cam-heading" inputMode="decimal" value={heading} onChange={(e) => setHeading(e.target.value)} placeholder="90" />
        </div>
        <div className="form-row">
          <label htmlFor="cam-zone">Time zone</label>
          <input id="cam-zone" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="America/Chicago" autoComplete="off" />
        </div>
      </div>
      {!headingOk && <p className="field-problem">A heading is 0 to 359 degrees.</p>}
      <div className="form-row">
        <label htmlFor="cam-keys">How sources name it (one per line: kind:camera id)</label>
        <textarea id="cam-keys" rows={3} value={keys} onChange={(e) => setKeys(e.target.value)} placeholder={'genetec:SHARP-20451\nfrigate:main_st_east'} spellCheck={false} />
      </div>
      <div className="row-actions">
        <button type="submit" className="primary" disabled={busy || name.trim() === '' || !placeOk || !headingOk}>
          {camera ? 'Save' : 'Register'}
        </button>
        <button type="button" className="ghost" onClick={() => onDone(camera?.id)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
