/** Payloads that could not be decoded, newest first, with the reason and the bytes as received. */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { Page, QuarantineView } from '../../api/wire.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtDateTime } from '../../ui/format.ts';

export function QuarantineList() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useResource(`q-${cursor ?? ''}`, (signal) => api<Page<QuarantineView>>('GET', '/api/v1/quarantine', { query: { limit: 25, cursor }, signal }), 'Could not load the quarantine');
  const items = page.data?.items ?? [];
  return (
    <section className="quarantine">
      <div className="section-head">
        <h2>Quarantine {page.data ? `(${page.data.total.toLocaleString()})` : ''}</h2>
        <button type="button" className="ghost small" onClick={page.reload}>
          Refresh
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted">{page.loading ? 'Loading…' : 'Nothing in quarantine: every payload received could be decoded.'}</p>
      ) : (
        <ul className="quarantine-list" data-testid="quarantine-list">
          {items.map((q) => (
            <li key={q.id} className="card">
              <details>
                <summary>
                  <span className="bad">{q.reason}</span>
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
