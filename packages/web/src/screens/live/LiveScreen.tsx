/**
 * The common operating picture: cameras, recent reads from the stream and open hits on one map,
 * layer switches, and a side panel with whatever was clicked.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MapConfig } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { cameras as camerasStore } from '../../live/cameras.ts';
import { useOpenHits } from '../../live/use-live.ts';
import { mapConfig } from '../../map/map-config.ts';
import { MapView } from '../../map/MapView.tsx';
import { BaseVisibility } from '../../map/layers/BaseVisibility.tsx';
import { CamerasLayer } from '../../map/layers/CamerasLayer.tsx';
import { FitBounds } from '../../map/layers/FitBounds.tsx';
import type { MapSelection } from '../../map/layers/geojson-layer.ts';
import { HitsLayer } from '../../map/layers/HitsLayer.tsx';
import { ReadsLayer } from '../../map/layers/ReadsLayer.tsx';
import { DetailsPanel } from './DetailsPanel.tsx';
import { LayerPanel, type LayerVisibility } from './LayerPanel.tsx';

const STREET_LAYERS = ['streets-local', 'streets-arterial'];
const BOUNDARY_LAYERS = ['county-lines', 'state-lines', 'country-lines'];

export function LiveScreen() {
  const { items: cams, byId } = useStore(camerasStore);
  const openHits = useOpenHits();
  const [layers, setLayers] = useState<LayerVisibility>({ cameras: true, reads: true, hits: true, streets: true, boundaries: true });
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [config, setConfig] = useState<MapConfig | null>(null);
  useEffect(() => {
    mapConfig().then(setConfig, () => setConfig({ tiles: null, streets: false }));
  }, []);
  const camPoints = useMemo(() => cams.filter((c) => c.location).map((c) => c.location!), [cams]);
  const selectCamera = useCallback((id: string) => setSelection({ kind: 'camera', id }), []);
  const selectRead = useCallback((id: string) => setSelection({ kind: 'read', id }), []);
  const selectHit = useCallback((id: string) => setSelection({ kind: 'hit', id }), []);
  return (
    <div className={selection ? 'live-screen with-details' : 'live-screen'}>
      <LayerPanel layers={layers} onChange={setLayers} config={config} />
      <div className="map-area">
        <MapView label="Live map">
          <BaseVisibility ids={STREET_LAYERS} visible={layers.streets} />
          <BaseVisibility ids={BOUNDARY_LAYERS} visible={layers.boundaries} />
          <CamerasLayer cameras={cams} visible={layers.cameras} selectedId={selection?.kind === 'camera' ? selection.id : undefined} onSelect={selectCamera} />
          <ReadsLayer cameras={byId} visible={layers.reads} onSelect={selectRead} />
          <HitsLayer hits={openHits} cameras={byId} visible={layers.hits} selectedId={selection?.kind === 'hit' ? selection.id : undefined} onSelect={selectHit} />
          <FitBounds points={camPoints} />
        </MapView>
      </div>
      {selection && <DetailsPanel selection={selection} onSelect={setSelection} onClose={() => setSelection(null)} />}
    </div>
  );
}
