/**
 * The hit queue: open hits live from the stream (highest priority, then newest, first), and the
 * verification view of the selected one. Keyboard: j/k or arrows move, 1–6 pick a disposition,
 * n names the verifier, Ctrl+Enter records, ? shows the keys.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client.ts';
import type { HitView, Page } from '../../api/wire.ts';
import { navigate } from '../../app/router.ts';
import { useStore } from '../../app/store.ts';
import { useResource } from '../../app/use-resource.ts';
import { cameras } from '../../live/cameras.ts';
import { hits, markHitsSeen } from '../../live/hits.ts';
import { useOpenHits } from '../../live/use-live.ts';
import { DISPOSITION_LABELS, fmtAgo, fmtTime } from '../../ui/format.ts';
import { Plate } from '../../ui/ReadDetails.tsx';
import { HitDetail } from './HitDetail.tsx';
import { useQueueKeys } from './use-queue-keys.ts';

type Tab = 'open' | 'verified';

function HitRow({ h, selected, cameraName }: { h: HitView; selected: boolean; cameraName?: string }) {
  return (
    <li>
      <a
        href={`/hits/${h.id}`}
        className={selected ? 'hit-row selected' : 'hit-row'}
        aria-current={selected ? 'true' : undefined}
        data-testid="hit-row"
        onClick={(e) => {
          e.preventDefault();
          navigate(`/hits/${h.id}`, { replace: true });
        }}
      >
        <span className={`prio p${h.priority}`} title={`priority ${h.priority}`}>
          P{h.priority}
        </span>
        <span className="hit-row-main">
          <Plate text={h.readPlate} />
          {h.matchKind !== 'exact' && <span className="approx" title="not an exact match">≈</span>}
          <span className="hit-row-list">{h.hotlistName}</span>
          <span className="muted small">{cameraName ?? 'mobile'} · {fmtTime(h.observedAt)}</span>
        </span>
        <span className="hit-row-side">
          {h.status === 'pending' ? <span className="tag unverified-tag">UNVERIFIED</span> : <span className={`tag ${h.status === 'confirmed' ? 'confirmed-tag' : ''}`}>{DISPOSITION_LABELS[h.status]}</span>}
          <span className="muted small">{fmtAgo(h.raisedAt)}</span>
        </span>
      </a>
    </li>
  );
}

export function HitQueueScreen({ hitId }: { hitId?: string }) {
  const openHits = useOpenHits();
  const { loaded, verified: verifiedHere } = useStore(hits);
  const { byId } = useStore(cameras);
  const [tab, setTab] = useState<Tab>('open');
  const [showKeys, setShowKeys] = useState(false);
  const recentVerified = useResource(tab === 'verified' ? `verified-${verifiedHere.length}` : null, (signal) => api<Page<HitView>>('GET', '/api/v1/hits', { query: { status: 'verified', limit: 100 }, signal }), 'Could not load verified hits');

  useEffect(() => {
    markHitsSeen();
  });
  const list = tab === 'open' ? openHits : (recentVerified.data?.items ?? verifiedHere);
  const selectedId = hitId ?? (tab === 'open' ? openHits[0]?.id : undefined);
  const selected = useMemo(() => list.find((h) => h.id === selectedId) ?? openHits.find((h) => h.id === selectedId), [list, openHits, selectedId]);
  const keys = useQueueKeys({ list, selectedId, onHelp: () => setShowKeys((s) => !s) });

  return (
    <div className={hitId ? 'hits-screen has-selection' : 'hits-screen'}>
      <section className="queue" aria-label="Hit queue">
        <div className="tabs" role="tablist">
          <button type="button" role="tab" aria-selected={tab === 'open'} onClick={() => setTab('open')}>
            Awaiting verification <span className={openHits.length ? 'badge alert' : 'badge'}>{openHits.length}</span>
          </button>
          <button type="button" role="tab" aria-selected={tab === 'verified'} onClick={() => setTab('verified')}>
            Verified
          </button>
          <button type="button" className="ghost small keys-button" onClick={() => setShowKeys((s) => !s)} aria-expanded={showKeys}>
            Keys (?)
          </button>
        </div>
        {showKeys && (
          <div className="keys-help card small" data-testid="keys-help">
            <p><kbd>j</kbd>/<kbd>↓</kbd> next · <kbd>k</kbd>/<kbd>↑</kbd> previous · <kbd>Enter</kbd> open</p>
            <p><kbd>1</kbd>–<kbd>6</kbd> disposition · <kbd>n</kbd> your name · <kbd>Ctrl</kbd>+<kbd>Enter</kbd> record · <kbd>Esc</kbd> back to the queue</p>
          </div>
        )}
        {!loaded && tab === 'open' ? (
          <p className="muted pad">Connecting to the live stream…</p>
        ) : list.length === 0 ? (
          <p className="muted pad" data-testid="queue-empty">
            {tab === 'open' ? 'No hits awaiting verification. New hits appear here the moment they are raised, with a tone.' : 'No verified hits yet.'}
          </p>
        ) : (
          <ul className="hit-list" ref={keys.listRef}>
            {list.map((h) => (
              <HitRow key={h.id} h={h} selected={h.id === selectedId} cameraName={h.cameraId ? byId.get(h.cameraId)?.name : undefined} />
            ))}
          </ul>
        )}
      </section>
      <section className="hit-detail-pane" aria-label="Verification">
        {hitId && (
          <button type="button" className="ghost phone-only back" onClick={() => navigate('/hits')}>
            ‹ Back to the queue ({openHits.length})
          </button>
        )}
        {selectedId ? (
          <HitDetail key={selectedId} hitId={selectedId} known={selected} nextId={keys.nextAfter(selectedId)} />
        ) : (
          <p className="muted pad">Select a hit to verify it.</p>
        )}
      </section>
    </div>
  );
}
