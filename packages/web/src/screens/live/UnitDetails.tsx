/** A unit in the side panel: dispatch status, its incident, speed, heading and how old its fix is. */
import { useStore } from '../../app/store.ts';
import { findIncident, incidents, incidentTitle } from '../../live/incidents.ts';
import { isStale, units } from '../../live/units.ts';
import type { MapSelection } from '../../map/layers/geojson-layer.ts';
import { fmtAgo, fmtDateTime } from '../../ui/format.ts';
import { useNow } from './use-now.ts';

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];

export function UnitDetails({ id, onSelect }: { id: string; onSelect: (s: MapSelection) => void }) {
  const { byId } = useStore(units);
  const incState = useStore(incidents);
  const now = useNow();
  const u = byId.get(id);
  if (!u) return <p className="muted">This unit is no longer known to the server.</p>;
  const pos = u.position;
  const stale = isStale(u, now);
  const inc = u.incidentId ? findIncident(incState, u.incidentId) : undefined;
  return (
    <div data-testid="unit-details">
      <h2>Unit {u.name ?? u.id}</h2>
      {pos && stale && (
        <p className="stale-note" data-testid="unit-stale">
          Stale position: no fix for {fmtAgo(pos.at, now).replace(' ago', '')}; the unit may be elsewhere.
        </p>
      )}
      <dl className="facts">
        <dt>Status</dt>
        <dd data-testid="unit-status">
          {u.status ?? <span className="muted">not reported by dispatch</span>}
          {u.statusAt && <span className="muted small"> · {fmtAgo(u.statusAt, now)}</span>}
        </dd>
        <dt>Incident</dt>
        <dd>
          {inc ? (
            <button type="button" className="link" onClick={() => onSelect({ kind: 'incident', id: inc.id })}>
              {incidentTitle(inc)}
            </button>
          ) : u.incidentId ? (
            <span className="muted">{u.incidentId} (not open)</span>
          ) : (
            <span className="muted">none</span>
          )}
        </dd>
        <dt>Speed</dt>
        <dd>{pos?.speedMps !== undefined ? `${Math.round(pos.speedMps * 2.23694)} mph (${Math.round(pos.speedMps * 3.6)} km/h)` : '—'}</dd>
        <dt>Heading</dt>
        <dd>{pos?.heading !== undefined ? `${Math.round(pos.heading)}° ${COMPASS[Math.round(pos.heading / 45) % 8]}` : '—'}</dd>
        <dt>Last fix</dt>
        <dd data-testid="unit-fix-age">{pos ? `${fmtAgo(pos.at, now)} (${fmtDateTime(pos.at)})` : <span className="muted">no position yet</span>}</dd>
        {pos && (
          <>
            <dt>Position</dt>
            <dd>
              {pos.location[1].toFixed(5)}, {pos.location[0].toFixed(5)}
              {pos.accuracy !== undefined ? <span className="muted small"> ±{Math.round(pos.accuracy)} m</span> : null}
            </dd>
            {pos.battery !== undefined && (
              <>
                <dt>Battery</dt>
                <dd>{Math.round(pos.battery)}%</dd>
              </>
            )}
            <dt>Source</dt>
            <dd className="muted small">{pos.sourceSystem}</dd>
          </>
        )}
        {u.type && (
          <>
            <dt>Type</dt>
            <dd>{u.type}</dd>
          </>
        )}
      </dl>
    </div>
  );
}
