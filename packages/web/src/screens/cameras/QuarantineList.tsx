/** Payloads that could not be decoded, newest first, with the reason and the bytes as received. */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import { can, session } from '../../api/session.ts';
import type { Page, QuarantineView } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtDateTime } from '../../ui/format.ts';
import { BulkReplayForm, ReplayButton, ReplayStatus } from './QuarantineReplay.tsx';

/** Source families a server may have quarantined payloads of (read decoders, then cad and avl). */
const FAMILIES = ['openalpr', 'platerecognizer', 'genetec', 'axis', 'hikvision', 'survision', 'verkada', 'frigate', 'rtcc', 'eido', 'gunshot', 'osmand', 'traccar'];

export function QuarantineList() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useResource(`q-${cursor ?? ''}`, (signal) => api<Page<QuarantineView>>('GET', '/api/v1/quarantine', { query: { limit: 25, cursor }, signal }), 'Could not load the quarantine');
  const mayReplay = can(useStore(session).info, 'quarantine:replay');
  // items replayed here, shown at once without waiting for a reload
  const [updated, setUpdated] = useState<Map<string, QuarantineView>>(new Map());
  const items = (page.data?.items ?? []).map((q) => updated.get(q.id) ?? q);
  const families = [...new Set([...items.map((q) => q.sourceSystem), ...FAMILIES])];
  const keep = (qs: QuarantineView[]) => setUpdated((m) => new Map([...m, ...qs.map((q) => [q.id, q] as const)]));
  return (
    <section className="quarantine">
      <div className="section-head">
        <h2>Quarantine {page.data ? `(${page.data.total.toLocaleString()})` : ''}</h2>
        <button type="button" className="ghost small" onClick={page.reload}>
          Refresh
        </button>
      </div>
      {mayReplay && (
        <BulkReplayForm
          families={families}
          onDone={(r) => {
            keep(r.items);
            page.reload();
          }}
        />
      )}
      {items.length === 0 ? (
        <p className="muted">{page.loading ? 'Loading…' : 'Nothing in quarantine: every payload received could be decoded.'}</p>
      ) : (
        <ul className="quarantine-list" data-testid="quarantine-list">
          {items.map((q) => (
            <li key={q.id} className={q.status === 'replayed' ? 'card replayed' : 'card'} data-testid="quarantine-item" data-status={q.status}>
              {mayReplay && <ReplayButton q={q} onDone={(u) => keep([u])} />}
              <ReplayStatus q={q} />
              <details>
                <summary>
                  {q.status === 'replayed' ? <span className="muted">(was: {q.reason})</span> : <span className="bad">{q.reason}</span>}
                  <span className="muted small">
                    {' '}
                    · {fmtDateTime(q.receivedAt)} · {q.sourceSystem} · {q.route}
                    {q.contentType ? ` · ${q.contentType}` : ''}
                  </span>
                </summary>
                <pre className="payload">{q.bodyEncoding === 'base64' ? `(binary, base64)\n${q.body}` : q.body}</pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      <div className="pager">
        <button type="button" disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          ‹ Newer
        </button>
        <button type="button" disabled={!page.data?.nextCursor} onClick={() => setCursors((c) => [...c, page.data!.nextCursor!])}>
          Older ›
        </button>
      </div>
    </section>
  );
}
