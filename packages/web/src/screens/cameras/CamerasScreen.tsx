/** Cameras and sources: the registry on a map and in a table (with its editor), source health, and the quarantine. */
import { useCallback, useMemo, useState } from 'react';
import { useStore } from '../../app/store.ts';
import { can, session } from '../../api/session.ts';
import { cameras as camerasStore, loadCameras } from '../../live/cameras.ts';
import { MapView } from '../../map/MapView.tsx';
import { CamerasLayer } from '../../map/layers/CamerasLayer.tsx';
import { FitBounds } from '../../map/layers/FitBounds.tsx';
import { fmtDateTime } from '../../ui/format.ts';
import { QuarantineList } from './QuarantineList.tsx';
import { SourcesTable } from './SourcesTable.tsx';
import { CameraEditor } from './CameraEditor.tsx';

export function CamerasScreen() {
  const { items, loaded } = useStore(camerasStore);
  const { info } = useStore(session);
  const [selected, setSelected] = useState<string | undefined>();
  // the camera being edited, 'new' for a new one, or null
  const [editing, setEditing] = useState<string | null>(null);
  const canEdit = can(info, 'cameras:write');
  const points = useMemo(() => items.filter((c) => c.location).map((c) => c.location!), [items]);
  const select = useCallback((id: string) => {
    setSelected(id);
    document.getElementById(`cam-${id}`)?.scrollIntoView({ block: 'nearest' });
  }, []);
  return (
    <div className="cameras-screen">
      <section className="cameras-top">
        <div className="cameras-map">
          <MapView label="Camera registry map">
            <CamerasLayer cameras={items} selectedId={selected} onSelect={select} />
            <FitBounds points={points} />
          </MapView>
        </div>
        <div className="cameras-table">
          <div className="section-head">
            <h2>Camera registry ({items.length})</h2>
            <div className="row-actions">
              {canEdit && (
                <button type="button" className="ghost small" onClick={() => setEditing('new')}>
                  Register a camera
                </button>
              )}
              <button type="button" className="ghost small" onClick={() => void loadCameras()}>
                Refresh
              </button>
            </div>
          </div>
          {editing && (
            <CameraEditor
              key={editing}
              camera={editing === 'new' ? null : (items.find((c) => c.id === editing) ?? null)}
              onDone={(id) => {
                setEditing(null);
                if (id) setSelected(id);
              }}
            />
          )}
          {items.length === 0 ? (
            <p className="muted">{loaded ? 'No cameras registered. Cameras register through POST /api/v1/cameras, or on first sight from a source.' : 'Loading…'}</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table" data-testid="cameras-table">
                <thead>
                  <tr>
                    <th>Name</th>
                    <th>Position</th>
                    <th>Faces</th>
                    <th className="hide-phone">Registered</th>
                    {canEdit && <th />}
                  </tr>
                </thead>
                <tbody>
                  {items.map((c) => (
                    <tr key={c.id} id={`cam-${c.id}`} className={c.id === selected ? 'selected' : undefined} onClick={() => setSelected(c.id)}>
                      <td>
                        {c.name}
                        {c.sourceKeys.length > 0 && (
                          <div className="muted small ellipsis" title={c.sourceKeys.join('\n')}>
                            {c.sourceKeys.join(', ')}
                          </div>
                        )}
                      </td>
                      <td className="small">{c.location ? `${c.location[1].toFixed(4)}, ${c.location[0].toFixed(4)}` : <span className="muted">not placed</span>}</td>
                      <td>{c.heading !== undefined ? `${Math.round(c.heading)}°` : '—'}</td>
                      <td className="hide-phone small">{fmtDateTime(c.createdAt)}</td>
                      {canEdit && (
                        <td>
                          <button type="button" className="ghost small" onClick={() => setEditing(c.id)} aria-label={`Edit ${c.name}`}>
                            Edit
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      </section>
      {can(info, 'sources:manage') && <SourcesTable />}
      {can(info, 'quarantine:read') && <QuarantineList />}
    </div>
  );
}
