/** The live map's side panel: what was clicked, and where to go from it. */
import { useEffect, useMemo, useRef } from 'react';
import { navigate } from '../../app/router.ts';
import { useStore } from '../../app/store.ts';
import { cameras as camerasStore } from '../../live/cameras.ts';
import { hits } from '../../live/hits.ts';
import { useRecentReads } from '../../live/use-live.ts';
import type { MapSelection } from '../../map/layers/geojson-layer.ts';
import { fmtAgo, fmtDateTime, fmtPct, MATCH_LABELS, matchSymbol } from '../../ui/format.ts';
import { Plate, ReadFacts, ReadImages } from '../../ui/ReadDetails.tsx';
import { GunshotDetails } from './GunshotDetails.tsx';
import { IncidentDetails } from './IncidentDetails.tsx';
import type { NearbyResults } from './NearbyReads.tsx';
import { UnitDetails } from './UnitDetails.tsx';
import { VideoCameraDetails } from '../video/VideoCameraDetails.tsx';

/** What the incident panel's search found, held by the screen so the map can draw it. */
export interface NearbyState {
  results: NearbyResults | null;
  onResults: (r: NearbyResults | null) => void;
  selectedId: string | null;
  onSelectResult: (id: string | null) => void;
}

export function DetailsPanel({ selection, onSelect, onClose, nearby }: { selection: MapSelection; onSelect: (s: MapSelection) => void; onClose: () => void; nearby: NearbyState }) {
  const { byId } = useStore(camerasStore);
  const { open } = useStore(hits);
  const reads = useRecentReads();
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    // on a phone the panel is below the map: bring it into view
    if (window.matchMedia('(max-width: 900px)').matches) ref.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [selection]);
  const body = useMemo(() => {
    if (selection.kind === 'incident')
      return <IncidentDetails id={selection.id} onSelect={onSelect} nearby={nearby.results} onNearby={nearby.onResults} nearbySelected={nearby.selectedId} onNearbySelected={nearby.onSelectResult} />;
    if (selection.kind === 'unit') return <UnitDetails id={selection.id} onSelect={onSelect} />;
    if (selection.kind === 'gunshot') return <GunshotDetails id={selection.id} />;
    if (selection.kind === 'video') return <VideoCameraDetails id={selection.id} />;
    if (selection.kind === 'camera') {
      const c = byId.get(selection.id);
      if (!c) return <p className="muted">This camera is no longer in the registry.</p>;
      const atCamera = reads.filter((r) => r.cameraId === c.id).slice(-15).reverse();
      return (
        <>
          <h2>{c.name}</h2>
          <dl className="facts">
            <dt>Position</dt>
            <dd>{c.location ? `${c.location[1].toFixed(5)}, ${c.location[0].toFixed(5)}` : 'not placed'}</dd>
            <dt>Faces</dt>
            <dd>{c.heading !== undefined ? `${Math.round(c.heading)}°` : '—'}</dd>
            <dt>Time zone</dt>
            <dd>{c.timeZone}</dd>
            <dt>Source keys</dt>
            <dd className="small">{c.sourceKeys.join(', ') || '—'}</dd>
            <dt>Registered</dt>
            <dd>{fmtDateTime(c.createdAt)}</dd>
          </dl>
          <button type="button" className="primary" onClick={() => navigate(`/search?camera=${encodeURIComponent(c.id)}`)}>
            Search this camera's reads…
          </button>
          <h3>Reads here since the console opened</h3>
          {atCamera.length === 0 ? (
            <p className="muted">None yet.</p>
          ) : (
            <ul className="read-list">
              {atCamera.map((r) => (
                <li key={r.id}>
                  <button type="button" className="link" onClick={() => onSelect({ kind: 'read', id: r.id })}>
                    <Plate text={r.plate} state={r.state} /> <span className="muted">{fmtAgo(r.receivedAt)} · {fmtPct(r.confidence)}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      );
    }
    if (selection.kind === 'hit') {
      const h = open.get(selection.id);
      if (!h) return <p className="muted">This hit is no longer open (it was verified).</p>;
      return (
        <>
          <h2>
            Hit: <Plate text={h.readPlate} />
          </h2>
          <p className="unverified">UNVERIFIED — not actionable until a person verifies it</p>
          <dl className="facts">
            <dt>List</dt>
            <dd>
              {h.hotlistName} (priority {h.priority})
            </dd>
            <dt>Reason</dt>
            <dd>{h.entryReason}</dd>
            <dt>Match</dt>
            <dd>
              {matchSymbol(h.matchKind)} {MATCH_LABELS[h.matchKind]}
            </dd>
            <dt>Raised</dt>
            <dd>{fmtAgo(h.raisedAt)}</dd>
            <dt>Camera</dt>
            <dd>{(h.cameraId && byId.get(h.cameraId)?.name) ?? '—'}</dd>
          </dl>
          <button type="button" className="primary" onClick={() => navigate(`/hits/${encodeURIComponent(h.id)}`)}>
            Verify in the hit queue
          </button>
        </>
      );
    }
    const r = reads.find((x) => x.id === selection.id);
    if (!r) return <p className="muted">This read has left the live buffer; find it with a search.</p>;
    return (
      <>
        <h2>
          Read <Plate text={r.plate} state={r.state} />
        </h2>
        <ReadImages read={r} />
        <ReadFacts read={r} camera={r.cameraId ? byId.get(r.cameraId) : undefined} />
      </>
    );
  }, [selection, byId, open, reads, onSelect, nearby]);
  return (
    <aside className="details-panel" aria-label="Details" data-testid="details-panel" ref={ref}>
      <button type="button" className="icon-button close" aria-label="Close details" onClick={onClose}>
        ×
      </button>
      {body}
    </aside>
  );
}
