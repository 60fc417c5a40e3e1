/**
 * Live-view cameras on the map (video module): agency cameras as green camera badges with a
 * wedge where they look, community-registered cameras as amber house badges; inactive ones grey
 * (shown only in the registry). A click selects the camera.
 */
import { useEffect } from 'react';
import type { VideoCameraView } from '@openrtcc/domain';
import { point, setSourceData, useGeoJsonLayers } from './geojson-layer.ts';
import { addVideoImages } from './video-icons.ts';

const ICON = ['case', ['get', 'active'], ['match', ['get', 'kind'], 'agency', 'video-agency', 'video-community'], ['match', ['get', 'kind'], 'agency', 'video-agency-off', 'video-community-off']];

export function VideoCamerasLayer({ cameras, visible = true, selectedId, onSelect }: { cameras: readonly VideoCameraView[]; visible?: boolean; selectedId?: string; onSelect?: (id: string) => void }) {
  const map = useGeoJsonLayers(
    'video-cameras',
    [
      {
        id: 'video-cameras-fov',
        type: 'symbol',
        source: 'video-cameras',
        filter: ['all', ['has', 'heading'], ['get', 'live']],
        layout: {
          'icon-image': 'video-fov',
          'icon-rotate': ['get', 'heading'],
          'icon-rotation-alignment': 'map',
          'icon-allow-overlap': true,
          'icon-size': ['interpolate', ['linear'], ['zoom'], 10, 0.35, 16, 0.9],
        },
      },
      {
        id: 'video-cameras-icon',
        type: 'symbol',
        source: 'video-cameras',
        layout: {
          'icon-image': ICON as never,
          'icon-allow-overlap': true,
          'icon-ignore-placement': true,
          'icon-size': ['case', ['get', 'selected'], 1.35, 1] as never,
        },
      },
    ],
    // under the hits, which stay on top of everything
    { visible, onClick: onSelect, below: 'hits-halo' },
  );
  useEffect(() => {
    addVideoImages(map);
  }, [map]);
  useEffect(() => {
    const features = cameras.map((c) =>
      point(c.location, {
        id: c.id,
        name: c.name,
        kind: c.ownerKind,
        active: c.active,
        live: c.stream !== undefined,
        selected: c.id === selectedId,
        ...(c.heading !== undefined ? { heading: c.heading } : {}),
      }),
    );
    setSourceData(map, 'video-cameras', { type: 'FeatureCollection', features });
  }, [map, cameras, selectedId]);
  return null;
}
