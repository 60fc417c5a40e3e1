/**
 * One MapLibre map and its context. Layers are child components that render nothing and add
 * their sources and layers to this shared map (traccar-web's pattern), so a screen composes the
 * layers it needs and each layer owns its own updates.
 */
import { createContext, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import { Map as MapLibreMap, NavigationControl, ScaleControl, setWorkerUrl } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import type { MapConfig } from '../api/wire.ts';
import { reportError } from '../app/errors.ts';
import { addPmtiles } from './agency-tiles.ts';
import { baseStyle, loadBoundaries } from './basemap.ts';
import { addMapImages } from './images.ts';
import { mapConfig, streetsGeoJson } from './map-config.ts';

setWorkerUrl(workerUrl);

const MapContext = createContext<MapLibreMap | null>(null);

export function useMap(): MapLibreMap {
  const m = useContext(MapContext);
  if (!m) throw new Error('useMap outside <MapView>');
  return m;
}

function setData(map: MapLibreMap, source: string, data: GeoJSON.GeoJSON): void {
  const s = map.getSource(source);
  if (s && 'setData' in s) (s as unknown as { setData(d: GeoJSON.GeoJSON): void }).setData(data);
}

export function MapView({ children, label }: { children?: ReactNode; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [map, setMap] = useState<MapLibreMap | null>(null);
  useEffect(() => {
    let m: MapLibreMap | undefined;
    let cancelled = false;
    const fallback: MapConfig = { tiles: null, streets: false };
    void mapConfig()
      .catch((e) => {
        reportError('Map settings could not be loaded; showing the built-in basemap', e);
        return fallback;
      })
      .then((cfg) => {
        if (cancelled || !ref.current) return;
        const created = new MapLibreMap({
          container: ref.current,
          style: cfg.tiles?.kind === 'style' ? cfg.tiles.url : baseStyle(cfg.tiles),
          center: [-98.5, 39.5],
          zoom: 3.2,
          attributionControl: false,
          dragRotate: false,
          pitchWithRotate: false,
        });
        m = created;
        // the map instance on its element, for the browser tests and for someone debugging a
        // wall display from the devtools console
        Object.defineProperty(ref.current, 'rtccMap', { value: created, configurable: true });
        created.touchZoomRotate.disableRotation();
        created.addControl(new NavigationControl({ showCompass: false }), 'top-right');
        created.addControl(new ScaleControl({ unit: 'imperial' }), 'bottom-right');
        created.on('load', () => {
          if (cancelled) return;
          addMapImages(created);
          loadBoundaries()
            .then((b) => {
              setData(created, 'land', b.land);
              setData(created, 'countries', b.countries);
              setData(created, 'states', b.states);
              setData(created, 'counties', b.counties);
            })
            .catch((e) => reportError('The basemap could not be loaded', e));
          streetsGeoJson()
            .then((s) => s && setData(created, 'streets', s))
            .catch((e) => reportError('The streets could not be loaded', e));
          if (cfg.tiles?.kind === 'pmtiles') addPmtiles(created, cfg.tiles.url).catch((e) => reportError('The agency basemap (PMTiles) could not be loaded', e));
          setMap(created);
        });
        // for people and tests alike: the map has drawn everything it was given
        created.on('idle', () => ref.current?.setAttribute('data-idle', 'true'));
        created.on('dataloading', () => ref.current?.setAttribute('data-idle', 'false'));
      });
    return () => {
      cancelled = true;
      m?.remove();
      setMap(null);
    };
  }, []);
  useEffect(() => {
    if (!map || !ref.current) return;
    // panels open and close beside the map: keep the canvas the size of its box
    const ro = new ResizeObserver(() => map.resize());
    ro.observe(ref.current);
    return () => ro.disconnect();
  }, [map]);
  return (
    <>
      <div className="map" ref={ref} role="region" aria-label={label} data-ready={map ? 'true' : 'false'} />
      {map && <MapContext.Provider value={map}>{children}</MapContext.Provider>}
    </>
  );
}
