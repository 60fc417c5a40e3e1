/**
 * An incident in the side panel: what dispatch knows (type, priority, status, times, location,
 * vehicles with a search of their plate, people by role and description, notes, units), the nearest LPR cameras and live-view cameras, and a justified search of the
 * reads around it.
 */
import { useMemo } from 'react';
import { distanceMeters } from '@openrtcc/domain';
import { useStore } from '../../app/store.ts';
import { cameras as camerasStore } from '../../live/cameras.ts';
import { findIncident, incidentNumber, incidents, incidentTitle } from '../../live/incidents.ts';
import { units } from '../../live/units.ts';
import type { MapSelection } from '../../map/layers/geojson-layer.ts';
import { fmtAgo, fmtDateTime } from '../../ui/format.ts';
import { navigate } from '../../app/router.ts';
import { NearbyReads, type NearbyResults } from './NearbyReads.tsx';
import { fmtMeters } from './use-now.ts';
import { nearestVideoCameras, OWNER_LABEL, videoCameras } from '../../live/video-cameras.ts';
import { moduleOn, modules } from '../../live/cameras.ts';

const NEAREST = 5;

export function IncidentDetails(p: {
  id: string;
  onSelect: (s: MapSelection) => void;
  nearby: NearbyResults | null;
  onNearby: (r: NearbyResults | null) => void;
  nearbySelected: string | null;
  onNearbySelected: (id: string | null) => void;
}) {
  const state = useStore(incidents);
  const { items: cams, byId } = useStore(camerasStore);
  const { byId: knownUnits } = useStore(units);
  const { items: video } = useStore(videoCameras);
  const videoOn = moduleOn(useStore(modules), 'video');
  const inc = findIncident(state, p.id);
  const at = inc?.location?.point;
  const nearest = useMemo(() => {
    if (!at) return [];
    return cams
      .filter((c) => c.location)
      .map((c) => ({ camera: c, meters: distanceMeters(at, c.location!) }))
      .sort((a, b) => a.meters - b.meters)
      .slice(0, NEAREST);
  }, [cams, at]);
  const nearestVideo = useMemo(() => (at ? nearestVideoCameras(video, at, NEAREST) : []), [video, at]);
  if (!inc) return <p className="muted">This incident is no longer open.</p>;
  const loc = inc.location;
  return (
    <div data-testid="incident-details">
      <h2>
        <span className={`tag priority-tag p${inc.priority !== undefined && inc.priority <= 3 ? inc.priority : 4}`}>{inc.priorityText ?? (inc.priority !== undefined ? `P${inc.priority}` : 'P?')}</span> {incidentTitle(inc)}
      </h2>
      <p className={inc.status === 'open' ? 'incident-status open' : 'incident-status closed'} data-testid="incident-status">
        {inc.status === 'open' ? 'Open' : 'Closed'}
        {inc.statusText?.length ? ` · ${inc.statusText.join(', ')}` : ''}
      </p>
      <dl className="facts">
        <dt>Type</dt>
        <dd>
          {[inc.type, inc.typeCode && inc.typeText ? `${inc.typeCode} ${inc.typeText}` : (inc.typeCode ?? inc.typeText)].filter(Boolean).join(' · ') || (inc.callType ? `${inc.callType} call` : '—')}
        </dd>
        <dt>Priority</dt>
        <dd>{inc.priority !== undefined ? `${inc.priority}${inc.priorityText ? ` (${inc.priorityText})` : ''}` : (inc.priorityText ?? '—')}</dd>
        <dt>Opened</dt>
        <dd>
          {fmtDateTime(inc.openedAt)} <span className="muted small">({fmtAgo(inc.openedAt)})</span>
        </dd>
        <dt>Updated</dt>
        <dd>{fmtDateTime(inc.updatedAt)}</dd>
        {inc.closedAt && (
          <>
            <dt>Closed</dt>
            <dd>{fmtDateTime(inc.closedAt)}</dd>
          </>
        )}
        <dt>Location</dt>
        <dd>
          {loc?.address ?? (loc?.point ? '' : <span className="muted">not given</span>)}
          {loc?.point && (
            <span className={loc.address ? 'muted small' : undefined}>
              {loc.address ? ' · ' : ''}
              {loc.point[1].toFixed(5)}, {loc.point[0].toFixed(5)}
              {loc.radiusMeters !== undefined ? ` ±${Math.round(loc.radiusMeters)} m` : ''}
            </span>
          )}
          {loc?.referenceUrl && !loc.point && !loc.address && <span className="small"> by reference: {loc.referenceUrl}</span>}
        </dd>
        {inc.beat && (
          <>
            <dt>Beat</dt>
            <dd>{inc.beat}</dd>
          </>
        )}
        <dt>Incident no.</dt>
        <dd className="small">
          {incidentNumber(inc)} <span className="muted">· {inc.sourceSystem}</span>
        </dd>
      </dl>

      {inc.vehicles && inc.vehicles.length > 0 && (
        <>
          <h3>Vehicles</h3>
          <ul className="read-list" data-testid="incident-vehicles">
            {inc.vehicles.map((v) => (
              <li key={v.id}>
                {v.relationship.length > 0 && <span className="tag">{v.relationship.join(', ')}</span>}{' '}
                {v.plate ? <strong className="plate-text">{v.plateRaw ?? v.plate}</strong> : <span className="muted">no plate</span>}
                {v.state ? ` ${v.state}` : ''}{' '}
                <span className="small">{[v.year, v.color, v.make, v.model, v.style].filter(Boolean).join(' ')}</span>
                {v.description && <div className="small muted">{v.description}</div>}
                {v.plate && (
                  <button type="button" className="link small" onClick={() => navigate(`/search?plate=${encodeURIComponent(v.plate!)}&case=${encodeURIComponent(incidentNumber(inc))}`)}>
                    Search reads of {v.plate}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {inc.persons && inc.persons.length > 0 && (
        <>
          <h3>People</h3>
          <ul className="read-list" data-testid="incident-persons">
            {inc.persons.map((x) => (
              <li key={x.id}>
                <span className="tag">{x.roles.join(', ') || 'person'}</span> <span className="small">{x.description ?? <span className="muted">no description</span>}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Units assigned</h3>
      {inc.units.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="read-list" data-testid="incident-units">
          {inc.units.map((u) => (
            <li key={u.unitId}>
              {knownUnits.get(u.unitId)?.position ? (
                <button type="button" className="link" onClick={() => p.onSelect({ kind: 'unit', id: u.unitId })}>
                  {u.name ?? u.unitId}
                </button>
              ) : (
                <strong>{u.name ?? u.unitId}</strong>
              )}{' '}
              <span className="muted small">
                {u.status ?? 'no status'}
                {u.secondaryStatus?.length ? ` (${u.secondaryStatus.join(', ')})` : ''} · {fmtAgo(u.at)}
              </span>
            </li>
          ))}
        </ul>
      )}

      {inc.notes.length > 0 && (
        <>
          <h3>Notes</h3>
          <ul className="notes" data-testid="incident-notes">
            {[...inc.notes].reverse().map((n) => (
              <li key={n.id}>
                <span className="muted small">
                  {fmtDateTime(n.at)}
                  {n.author ? ` · ${n.author}` : ''}
                </span>
                <p>{n.text}</p>
              </li>
            ))}
          </ul>
        </>
      )}
      {inc.dispositions.length > 0 && (
        <>
          <h3>Dispositions</h3>
          <ul className="read-list">
            {inc.dispositions.map((d) => (
              <li key={`${d.code}-${d.at}`}>
                {d.code}
                {d.description ? ` — ${d.description}` : ''} <span className="muted small">{fmtDateTime(d.at)}</span>
              </li>
            ))}
          </ul>
        </>
      )}

      <h3>Nearest cameras</h3>
      {!at ? (
        <p className="muted">The incident has no map position, so nothing can be measured from it.</p>
      ) : nearest.length === 0 ? (
        <p className="muted">No cameras are placed on the map.</p>
      ) : (
        <ol className="read-list" data-testid="nearest-cameras">
          {nearest.map(({ camera, meters }) => (
            <li key={camera.id}>
              <button type="button" className="link" onClick={() => p.onSelect({ kind: 'camera', id: camera.id })}>
                {camera.name}
              </button>{' '}
              <span className="muted small">{fmtMeters(meters)}</span>
            </li>
          ))}
        </ol>
      )}
      {videoOn && at && (
        <>
          <h3>Nearest live-view cameras</h3>
          {nearestVideo.length === 0 ? (
            <p className="muted">No live-view cameras are registered.</p>
          ) : (
            <ol className="read-list" data-testid="nearest-video-cameras">
              {nearestVideo.map(({ camera, meters }) => (
                <li key={camera.id}>
                  <button type="button" className="link" onClick={() => p.onSelect({ kind: 'video', id: camera.id })}>
                    {camera.name}
                  </button>{' '}
                  <span className="muted small">
                    {fmtMeters(meters)} · {camera.stream ? 'live' : OWNER_LABEL[camera.ownerKind].toLowerCase()}
                  </span>
                </li>
              ))}
            </ol>
          )}
        </>
      )}
      {at && <NearbyReads key={inc.id} incident={inc} at={at} cameras={byId} results={p.nearby} onResults={p.onNearby} selectedId={p.nearbySelected} onSelectResult={p.onNearbySelected} />}
    </div>
  );
}
