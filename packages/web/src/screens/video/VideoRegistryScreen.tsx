/**
 * The live-view camera registry (admin, supervisor): every camera on a map and in a list,
 * inactive ones greyed. Click the map to place a new camera, click a camera to change it, move
 * it with another click on the map, deactivate or reactivate it.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { LonLat, VideoCameraView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useStore } from '../../app/store.ts';
import { applyVideoCamera, loadVideoCameras, OWNER_LABEL, videoCameras } from '../../live/video-cameras.ts';
import { MapView, useMap } from '../../map/MapView.tsx';
import { FitBounds } from '../../map/layers/FitBounds.tsx';
import { VideoCamerasLayer } from '../../map/layers/VideoCamerasLayer.tsx';
import { bodyOf, emptyForm, formOf, patchOf, type VideoForm } from './video-form.ts';
import { VideoCameraForm } from './VideoCameraForm.tsx';
import './video.css';

/** Calls `onPick` with a click on the map that is not on a camera (the layer selects those). */
function MapPicker({ onPick }: { onPick: (at: LonLat) => void }) {
  const map = useMap();
  useEffect(() => {
    const handler = (e: { point: { x: number; y: number }; lngLat: { lng: number; lat: number } }) => {
      const onCamera = map.getLayer('video-cameras-icon') && map.queryRenderedFeatures([[e.point.x - 6, e.point.y - 6], [e.point.x + 6, e.point.y + 6]], { layers: ['video-cameras-icon'] }).length > 0;
      if (!onCamera) onPick([Number(e.lngLat.lng.toFixed(6)), Number(e.lngLat.lat.toFixed(6))]);
    };
    map.on('click', handler);
    return () => void map.off('click', handler);
  }, [map, onPick]);
  return null;
}

type Editing = { kind: 'new' } | { kind: 'edit'; camera: VideoCameraView; before: VideoForm };

export function VideoRegistryScreen() {
  const { items, loaded } = useStore(videoCameras);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [form, setForm] = useState<VideoForm | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    void loadVideoCameras({ includeInactive: true });
  }, []);
  const points = useMemo(() => items.map((c) => c.location), [items]);
  const pick = useCallback((at: LonLat) => {
    setForm((f) => (f ? { ...f, location: at } : emptyForm(at)));
    setEditing((e) => e ?? { kind: 'new' });
  }, []);
  const open = useCallback(
    (id: string) => {
      const c = videoCameras.get().byId.get(id);
      if (!c) return;
      const f = formOf(c);
      setEditing({ kind: 'edit', camera: c, before: f });
      setForm(f);
    },
    [],
  );
  const done = (saved: VideoCameraView) => {
    applyVideoCamera(saved);
    const f = formOf(saved);
    setEditing({ kind: 'edit', camera: saved, before: f });
    setForm(f);
  };
  const run = async (what: string, fn: () => Promise<VideoCameraView>) => {
    setBusy(true);
    try {
      done(await fn());
    } catch (e) {
      reportError(what, e);
    } finally {
      setBusy(false);
    }
  };
  const save = () => {
    if (!form || !editing) return;
    if (editing.kind === 'new') return void run('The camera could not be registered', () => api<VideoCameraView>('POST', '/api/v1/video-cameras', { body: bodyOf(form) }));
    const patch = patchOf(form, editing.before);
    if (Object.keys(patch).length === 0) return;
    void run('The camera could not be changed', () => api<VideoCameraView>('PATCH', `/api/v1/video-cameras/${encodeURIComponent(editing.camera.id)}`, { body: patch }));
  };
  const loadContact = async () => {
    if (editing?.kind !== 'edit' || !form) return;
    try {
      const full = await api<VideoCameraView>('GET', `/api/v1/video-cameras/${encodeURIComponent(editing.camera.id)}`, { query: { includeContact: true } });
      const contact = { contactName: full.contact?.name ?? '', contactPhone: full.contact?.phone ?? '', contactEmail: full.contact?.email ?? '', contactLoaded: true };
      setForm({ ...form, ...contact });
      setEditing({ ...editing, before: { ...editing.before, ...contact } });
    } catch (e) {
      reportError('Could not load the owner’s contact', e);
    }
  };
  const active = editing?.kind === 'edit' ? editing.camera.active : true;
  const setActive = (on: boolean) => {
    if (editing?.kind !== 'edit') return;
    const id = encodeURIComponent(editing.camera.id);
    void run(on ? 'The camera could not be reactivated' : 'The camera could not be deactivated', () =>
      on ? api<VideoCameraView>('PATCH', `/api/v1/video-cameras/${id}`, { body: { active: true } }) : api<VideoCameraView>('POST', `/api/v1/video-cameras/${id}/deactivate`),
    );
  };
  return (
    <div className="video-registry">
      <div className="video-registry-map">
        <MapView label="Live-view camera registry map">
          <VideoCamerasLayer cameras={items} selectedId={editing?.kind === 'edit' ? editing.camera.id : undefined} onSelect={open} />
          <MapPicker onPick={pick} />
          <FitBounds points={points} />
        </MapView>
      </div>
      <div className="video-registry-side">
        {form && editing ? (
          <VideoCameraForm form={form} onChange={setForm} onSubmit={save} busy={busy} editing={editing.kind === 'edit'} onLoadContact={loadContact}>
            {editing.kind === 'edit' && (
              <button type="button" disabled={busy} onClick={() => setActive(!active)} data-testid="vc-active">
                {active ? 'Deactivate (take off the map)' : 'Reactivate'}
              </button>
            )}
            <button
              type="button"
              className="ghost"
              onClick={() => {
                setEditing(null);
                setForm(null);
              }}
            >
              Close
            </button>
          </VideoCameraForm>
        ) : (
          <p className="card muted">Click the map where a camera is to register it, or click a camera to change it.</p>
        )}
        <section className="card">
          <h2>Cameras ({items.length})</h2>
          {!loaded ? (
            <p className="muted">Loading…</p>
          ) : items.length === 0 ? (
            <p className="muted">No live-view cameras registered yet.</p>
          ) : (
            <table className="data-table video-list" data-testid="video-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Owner</th>
                  <th>View</th>
                </tr>
              </thead>
              <tbody>
                {items.map((c) => (
                  <tr key={c.id} className={c.active ? undefined : 'inactive'} onClick={() => open(c.id)}>
                    <td>{c.name}</td>
                    <td className="small">{OWNER_LABEL[c.ownerKind]}</td>
                    <td className="small">{c.stream ? (c.stream.kind === 'hls' ? 'live video' : 'still image') : c.consent?.footageRequests ? 'footage on request' : 'location only'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </div>
    </div>
  );
}
