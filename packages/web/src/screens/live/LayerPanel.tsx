/**
 * Layer switches with what each layer holds right now. Dispatch layers are offered only when
 * their module is on (cad: incidents and gunshots; avl: units); modules that are switched off,
 * and the ones this version does not have yet, are said plainly instead of drawn.
 */
import { useState } from 'react';
import type { MapConfig } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { cameras, moduleOn, modules } from '../../live/cameras.ts';
import { MAX_READS } from '../../live/reads.ts';
import { isStale, STALE_MS, units } from '../../live/units.ts';
import { useOpenHits, useOpenIncidents, useReadsReceived, useRecentGunshots, useRecentReads } from '../../live/use-live.ts';
import { COLORS } from '../../map/basemap.ts';
import { VIDEO_COLORS } from '../../map/layers/video-icons.ts';
import { videoCameras } from '../../live/video-cameras.ts';

export interface LayerVisibility {
  cameras: boolean;
  reads: boolean;
  hits: boolean;
  incidents: boolean;
  units: boolean;
  gunshots: boolean;
  video: boolean;
  streets: boolean;
  boundaries: boolean;
}

/** Layers that come with a module, by module. */
const MODULE_LAYERS: Record<string, string> = {
  cad: 'CAD incidents and gunshot alerts',
  avl: 'Units (AVL)',
  video: 'Live-view cameras',
};

function UnitsRow({ row }: { row: (count: string) => React.ReactNode }) {
  const { byId } = useStore(units);
  let placed = 0;
  let stale = 0;
  const now = Date.now();
  for (const u of byId.values()) {
    if (!u.position) continue;
    placed++;
    if (isStale(u, now)) stale++;
  }
  const unplaced = byId.size - placed;
  return row(`${placed}${stale ? ` (${stale} stale)` : ''}${unplaced ? ` +${unplaced} no fix` : ''}`);
}

export function LayerPanel({ layers, onChange, config }: { layers: LayerVisibility; onChange: (l: LayerVisibility) => void; config: MapConfig | null }) {
  const cams = useStore(cameras).items;
  const mods = useStore(modules);
  const recent = useRecentReads();
  const received = useReadsReceived();
  const open = useOpenHits();
  const incidents = useOpenIncidents();
  const shots = useRecentGunshots();
  const video = useStore(videoCameras).items.filter((c) => c.active);
  // a phone shows the map first, with the switches folded away under it
  const [collapsed, setCollapsed] = useState(() => window.matchMedia('(max-width: 900px)').matches);
  const placed = cams.filter((c) => c.location).length;
  const row = (key: keyof LayerVisibility, label: string, count: string | null, color?: string) => (
    <label className="layer-row">
      <input type="checkbox" checked={layers[key]} onChange={(e) => onChange({ ...layers, [key]: e.target.checked })} data-testid={`layer-${key}`} />
      {color && <span className="swatch" style={{ background: color }} />}
      <span className="layer-name">{label}</span>
      {count !== null && (
        <span className="layer-count" data-testid={`layer-count-${key}`}>
          {count}
        </span>
      )}
    </label>
  );
  const cad = moduleOn(mods, 'cad');
  const avl = moduleOn(mods, 'avl');
  const videoOn = moduleOn(mods, 'video');
  const agencyVideo = video.filter((c) => c.ownerKind === 'agency').length;
  const incidentsPlaced = incidents.filter((i) => i.location?.point).length;
  const unreviewed = shots.filter((g) => !g.humanReviewed).length;
  const off = (mods ?? []).filter((m) => MODULE_LAYERS[m.name] && !m.enabled);
  return (
    <aside className={collapsed ? 'layer-panel collapsed' : 'layer-panel'} aria-label="Map layers">
      <button type="button" className="panel-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
        Layers {collapsed ? '▸' : '▾'}
      </button>
      {!collapsed && (
        <div className="layer-list">
          {row('hits', 'Open hits', String(open.length), COLORS.hit)}
          {cad && row('incidents', 'CAD incidents', `${incidentsPlaced}${incidentsPlaced < incidents.length ? ` (+${incidents.length - incidentsPlaced} no location)` : ''}`, COLORS.incident[0])}
          {cad && row('gunshots', 'Gunshots (24 h)', `${shots.length}${unreviewed ? ` (${unreviewed} unreviewed)` : ''}`, COLORS.gunshot)}
          {avl && <UnitsRow row={(count) => row('units', 'Units', count, COLORS.unit.responding)} />}
          {row('reads', 'Recent reads', `${recent.length}${received > recent.length ? ` of ${received}` : ''}`, COLORS.read)}
          {videoOn && row('video', 'Live-view cameras', `${agencyVideo} agency · ${video.length - agencyVideo} community`, VIDEO_COLORS.agency)}
          {row('cameras', 'LPR cameras', `${placed}${placed < cams.length ? ` (+${cams.length - placed} unplaced)` : ''}`, COLORS.camera)}
          {config?.streets && row('streets', 'Streets', null, COLORS.arterial)}
          {row('boundaries', 'Boundaries', null, COLORS.border)}
          <p className="muted small">
            Reads shown: the newest {MAX_READS} received since this console opened, fading over 10 minutes. Basemap: {config?.tiles ? 'agency tiles' : 'built-in offline boundaries'}.
          </p>
          {(cad || avl || videoOn) && (
            <ul className="legend small muted" data-testid="dispatch-legend">
              {cad && <li>Incidents: larger and darker for priority 1; ringed white until a unit is assigned.</li>}
              {cad && <li>Gunshots: filled when the vendor's reviewer confirmed them, a ring when not; fading over 24 hours.</li>}
              {videoOn && (
                <li>
                  Live-view cameras: <span style={{ color: VIDEO_COLORS.agency }}>green camera badge</span> = agency camera, plays live;{' '}
                  <span style={{ color: VIDEO_COLORS.community }}>amber house ring</span> = privately owned, registered by its owner (request footage).
                </li>
              )}
              {avl && (
                <li>
                  Units: <span style={{ color: COLORS.unit.available }}>available</span>, <span style={{ color: COLORS.unit.responding }}>dispatched / en route</span>,{' '}
                  <span style={{ color: COLORS.unit.busy }}>on scene</span>, <span style={{ color: COLORS.unit.out }}>out of service</span>; the arrow is the heading; faded
                  after {STALE_MS / 60_000} minutes without a fix.
                </li>
              )}
            </ul>
          )}
          {off.length > 0 && (
            <div className="planned" data-testid="layers-off">
              <p className="small">Not on this map:</p>
              <ul className="small muted">
                {off.map((m) => (
                  <li key={m.name}>
                    {MODULE_LAYERS[m.name]} ({m.name} module{m.available ? ', switched off on this server' : ', not available in this version'})
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
      )}
    </aside>
  );
}
