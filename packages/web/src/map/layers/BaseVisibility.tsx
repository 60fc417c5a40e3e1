/** Shows or hides base layers (streets, boundaries) of the shared map. */
import { useEffect } from 'react';
import { useMap } from '../MapView.tsx';

export function BaseVisibility({ ids, visible }: { ids: string[]; visible: boolean }) {
  const map = useMap();
  useEffect(() => {
    for (const id of ids) if (map.getLayer(id)) map.setLayoutProperty(id, 'visibility', visible ? 'visible' : 'none');
  }, [map, ids, visible]);
  return null;
}
