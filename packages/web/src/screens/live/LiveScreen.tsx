/**
 * The common operating picture: cameras, recent reads and open hits; with the cad module open
 * incidents and gunshot alerts, with avl the units, with video the live-view cameras; layer
 * switches, and a side panel with whatever was clicked. An incident's "reads nearby" search draws its results here too.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { MapConfig } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { cameras as camerasStore, moduleOn, modules } from '../../live/cameras.ts';
import { useOpenHits, useOpenIncidents, useRecentGunshots } from '../../live/use-live.ts';
import { mapConfig } from '../../map/map-config.ts';
import { MapView } from '../../map/MapView.tsx';
import { BaseVisibility } from '../../map/layers/BaseVisibility.tsx';
import { CamerasLayer } from '../../map/layers/CamerasLayer.tsx';
import { FitBounds } from '../../map/layers/FitBounds.tsx';
import type { MapSelection } from '../../map/layers/geojson-layer.ts';
import { GunshotsLayer } from '../../map/layers/GunshotsLayer.tsx';
import { HitsLayer } from '../../map/layers/HitsLayer.tsx';
import { IncidentsLayer } from '../../map/layers/IncidentsLayer.tsx';
import { ReadsLayer } from '../../map/layers/ReadsLayer.tsx';
import { ResultsLayer } from '../../map/layers/ResultsLayer.tsx';
import { UnitsLayer } from '../../map/layers/UnitsLayer.tsx';
import { VideoCamerasLayer } from '../../map/layers/VideoCamerasLayer.tsx';
import { can, session } from '../../api/session.ts';
import { loadVideoCameras, videoCameras } from '../../live/video-cameras.ts';
import { DetailsPanel, type NearbyState } from './DetailsPanel.tsx';
import { LayerPanel, type LayerVisibility } from './LayerPanel.tsx';
import type { NearbyResults } from './NearbyReads.tsx';

const STREET_LAYERS = ['streets-local', 'streets-arterial'];
const BOUNDARY_LAYERS = ['county-lines', 'state-lines', 'country-lines'];

export function LiveScreen() {
  const { items: cams, byId } = useStore(camerasStore);
  const mods = useStore(modules);
  const openHits = useOpenHits();
  const openIncidents = useOpenIncidents();
  const recentGunshots = useRecentGunshots();
  const [layers, setLayers] = useState<LayerVisibility>({ cameras: true, reads: true, hits: true, incidents: true, units: true, gunshots: true, video: true, streets: true, boundaries: true });
  const { info } = useStore(session);
  const video = moduleOn(mods, 'video') && can(info, 'video:read');
  const { items: allVideo } = useStore(videoCameras);
  const liveVideo = useMemo(() => allVideo.filter((c) => c.active), [allVideo]);
  useEffect(() => {
    // fresh on every visit: the registry may have changed since
    if (video) void loadVideoCameras();
  }, [video]);
  const [selection, setSelection] = useState<MapSelection | null>(null);
  const [config, setConfig] = useState<MapConfig | null>(null);
  const [nearby, setNearby] = useState<NearbyResults | null>(null);
  const [nearbySelected, setNearbySelected] = useState<string | null>(null);
  useEffect(() => {
    mapConfig().then(setConfig, () => setConfig({ tiles: null, streets: false }));
  }, []);
  const camPoints = useMemo(() => cams.filter((c) => c.location).map((c) => c.location!), [cams]);
  const selectCamera = useCallback((id: string) => setSelection({ kind: 'camera', id }), []);
  const selectRead = useCallback((id: string) => setSelection({ kind: 'read', id }), []);
  const selectHit = useCallback((id: string) => setSelection({ kind: 'hit', id }), []);
  const selectIncident = useCallback((id: string) => setSelection({ kind: 'incident', id }), []);
  const selectUnit = useCallback((id: string) => setSelection({ kind: 'unit', id }), []);
  const selectGunshot = useCallback((id: string) => setSelection({ kind: 'gunshot', id }), []);
  const selectVideo = useCallback((id: string) => setSelection({ kind: 'video', id }), []);
  const close = useCallback(() => {
    setSelection(null);
    setNearby(null);
  }, []);
  // a click on a result drawn on the map picks it in the incident's list, when that is open
  const selectResult = useCallback((id: string) => {
    setNearbySelected(id);
    setSelection((s) => (nearby && s?.kind !== 'incident' ? { kind: 'incident', id: nearby.incidentId } : s));
  }, [nearby]);
  const nearbyState: NearbyState = useMemo(() => ({ results: nearby, onResults: setNearby, selectedId: nearbySelected, onSelectResult: setNearbySelected }), [nearby, nearbySelected]);
  const cad = moduleOn(mods, 'cad');
  const avl = moduleOn(mods, 'avl');
  const sel = (kind: MapSelection['kind']) => (selection?.kind === kind ? selection.id : undefined);
  return (
    <div className={selection ? 'live-screen with-details' : 'live-screen'}>
      <LayerPanel layers={layers} onChange={setLayers} config={config} />
      <div className="map-area">
        <MapView label="Live map">
          <BaseVisibility ids={STREET_LAYERS} visible={layers.streets} />
          <BaseVisibility ids={BOUNDARY_LAYERS} visible={layers.boundaries} />
          <CamerasLayer cameras={cams} visible={layers.cameras} selectedId={sel('camera')} onSelect={selectCamera} />
          <ReadsLayer cameras={byId} visible={layers.reads} onSelect={selectRead} />
          {video && <VideoCamerasLayer cameras={liveVideo} visible={layers.video} selectedId={sel('video')} onSelect={selectVideo} />}
          {/* units under gunshots under incidents: units on scene and the alert that made the call
              sit where the incident is, and a click there should open the incident, which lists them */}
          {avl && <UnitsLayer visible={layers.units} selectedId={sel('unit')} onSelect={selectUnit} />}
          {cad && <GunshotsLayer gunshots={recentGunshots} visible={layers.gunshots} selectedId={sel('gunshot')} onSelect={selectGunshot} />}
          {cad && <IncidentsLayer incidents={openIncidents} visible={layers.incidents} selectedId={sel('incident')} onSelect={selectIncident} />}
          {nearby && <ResultsLayer reads={nearby.reads} cameras={byId} selectedId={nearbySelected ?? undefined} onSelect={selectResult} />}
          <HitsLayer hits={openHits} cameras={byId} visible={layers.hits} selectedId={sel('hit')} onSelect={selectHit} />
          <FitBounds points={camPoints} />
        </MapView>
      </div>
      {selection && <DetailsPanel selection={selection} onSelect={setSelection} onClose={close} nearby={nearbyState} />}
    </div>
  );
}
