/**
 * Layer switches with what each layer holds right now, and the layers this version cannot show
 * yet (their modules are not built), said plainly instead of drawn from made-up data.
 */
import { useState } from 'react';
import type { MapConfig } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { cameras, modules } from '../../live/cameras.ts';
import { MAX_READS } from '../../live/reads.ts';
import { useOpenHits, useReadsReceived, useRecentReads } from '../../live/use-live.ts';
import { COLORS } from '../../map/basemap.ts';

export interface LayerVisibility {
  cameras: boolean;
  reads: boolean;
  hits: boolean;
  streets: boolean;
  boundaries: boolean;
}

/** Layers that come with modules this version does not have yet. */
const PLANNED: Record<string, string> = {
  cad: 'CAD incidents',
  avl: 'Units (AVL)',
  video: 'Live-view cameras',
};

export function LayerPanel({ layers, onChange, config }: { layers: LayerVisibility; onChange: (l: LayerVisibility) => void; config: MapConfig | null }) {
  const cams = useStore(cameras).items;
  const mods = useStore(modules);
  const recent = useRecentReads();
  const received = useReadsReceived();
  const open = useOpenHits();
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
  const planned = (mods ?? []).filter((m) => PLANNED[m.name] && !m.enabled);
  return (
    <aside className={collapsed ? 'layer-panel collapsed' : 'layer-panel'} aria-label="Map layers">
      <button type="button" className="panel-toggle" aria-expanded={!collapsed} onClick={() => setCollapsed((c) => !c)}>
        Layers {collapsed ? '▸' : '▾'}
      </button>
      {!collapsed && (
        <div className="layer-list">
          {row('hits', 'Open hits', String(open.length), COLORS.hit)}
          {row('reads', 'Recent reads', `${recent.length}${received > recent.length ? ` of ${received}` : ''}`, COLORS.read)}
          {row('cameras', 'LPR cameras', `${placed}${placed < cams.length ? ` (+${cams.length - placed} unplaced)` : ''}`, COLORS.camera)}
          {config?.streets && row('streets', 'Streets', null, COLORS.arterial)}
          {row('boundaries', 'Boundaries', null, COLORS.border)}
          <p className="muted small">
            Reads shown: the newest {MAX_READS} received since this console opened, fading over 10 minutes. Basemap: {config?.tiles ? 'agency tiles' : 'built-in offline boundaries'}.
          </p>
          {planned.length > 0 && (
            <div className="planned">
              <p className="small">Not available in this version:</p>
              <ul className="small muted">
                {planned.map((m) => (
                  <li key={m.name}>
                    {PLANNED[m.name]} ({m.name} module{m.available ? ', switched off' : ', planned'})
                  </li>
                ))}
                {!planned.some((m) => m.name === 'cad') ? null : <li>Gunshot alerts (with CAD integrations)</li>}
              </ul>
            </div>
          )}
        </div>
      )}
    </aside>
  );
}
