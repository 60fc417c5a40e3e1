/** Ingest sources with their health (last message, reads, errors, the last error); new sources and revocation. */
import { useEffect } from 'react';
import { api } from '../../api/client.ts';
import type { SourceList } from '../../api/wire.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtAgo, fmtDateTime } from '../../ui/format.ts';
import { reportError } from '../../app/errors.ts';
import { NewSourceForm } from './NewSourceForm.tsx';

/** A source is quiet when nothing came for this long (cameras post every few seconds in traffic). */
const QUIET_MS = 15 * 60_000;

export function SourcesTable() {
  const sources = useResource('sources', (signal) => api<SourceList>('GET', '/api/v1/sources', { signal }), 'Could not load the sources');
  const { reload } = sources;
  useEffect(() => {
    const t = setInterval(reload, 15_000);
    return () => clearInterval(t);
  }, [reload]);
  const items = sources.data?.items ?? [];
  const feeds = sources.data?.feeds ?? [];
  const now = Date.now();
  const revoke = async (id: string, name: string) => {
    if (!confirm(`Revoke the key of ${name}? Its sender is refused from the next message on.`)) return;
    try {
      await api('DELETE', `/api/v1/sources/${encodeURIComponent(id)}`);
      reload();
    } catch (e) {
      reportError(`Could not revoke ${name}`, e);
    }
  };
  return (
    <section className="sources">
      <div className="section-head">
        <h2>Sources ({items.length})</h2>
        <button type="button" className="ghost small" onClick={reload}>
          Refresh
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted">{sources.loading ? 'Loading…' : 'No ingest sources. An administrator creates one per sender (POST /api/v1/sources).'}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="sources-table">
            <thead>
              <tr>
                <th>Health</th>
                <th>Name</th>
                <th>Kind</th>
                <th>Last message</th>
                <th>Reads</th>
                <th title="per minute, last 15 minutes">Rate</th>
                <th>Errors</th>
                <th className="hide-phone">Last error</th>
                <th className="hide-phone">Key</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {items.map((s) => {
                const h = s.health;
                const quiet = !h?.lastMessageAt || now - Date.parse(h.lastMessageAt) > QUIET_MS;
                const state = s.revokedAt ? 'revoked' : h && h.errors > 0 && h.lastError ? 'errors' : quiet ? 'quiet' : 'ok';
                return (
                  <tr key={s.id}>
                    <td>
                      <span className={`health ${state}`}>{{ ok: '● OK', errors: '▲ Errors', quiet: '○ Quiet', revoked: '✕ Revoked' }[state]}</span>
                    </td>
                    <td>{s.name}</td>
                    <td>{s.kind}</td>
                    <td title={h?.lastMessageAt ? fmtDateTime(h.lastMessageAt) : undefined}>{fmtAgo(h?.lastMessageAt)}</td>
                    <td>{(h?.reads ?? 0).toLocaleString()}</td>
                    <td className="small" data-testid="source-rate">
                      {h ? `${h.readsPerMinute}/min` : '—'}
                      {h?.errorsPerMinute ? <span className="bad"> · {h.errorsPerMinute} err/min</span> : null}
                    </td>
                    <td className={h?.errors ? 'bad' : undefined}>{(h?.errors ?? 0).toLocaleString()}</td>
                    <td className="hide-phone small">{h?.lastError ?? '—'}</td>
                    <td className="hide-phone small">
                      <code>{s.keyPrefix}…</code>
                      {s.timeZone && <div className="muted">{s.timeZone}</div>}
                    </td>
                    <td>
                      {!s.revokedAt && (
                        <button type="button" className="ghost small" onClick={() => void revoke(s.id, s.name)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <NewSourceForm kinds={sources.data?.kinds ?? []} onCreated={reload} />
      {feeds.length > 0 && (
        <div className="table-wrap">
          <table className="data-table" data-testid="feeds-table">
            <thead>
              <tr>
                <th>Feed</th>
                <th>Connection</th>
                <th>Last message</th>
                <th>Reads</th>
                <th>Camera events</th>
                <th>Errors</th>
                <th className="hide-phone">Last error</th>
              </tr>
            </thead>
            <tbody>
              {feeds.map((f) => (
                <tr key={f.key}>
                  <td>{f.key}</td>
                  <td>
                    <span className={`health ${f.connection === 'connected' ? 'ok' : 'errors'}`}>{f.connection === 'connected' ? '● Connected' : '▲ Disconnected'}</span>
                  </td>
                  <td title={f.lastMessageAt ? fmtDateTime(f.lastMessageAt) : undefined}>{fmtAgo(f.lastMessageAt)}</td>
                  <td>{f.reads.toLocaleString()}</td>
                  <td>{(f.cameraEvents ?? 0).toLocaleString()}</td>
                  <td className={f.errors ? 'bad' : undefined}>{f.errors.toLocaleString()}</td>
                  <td className="hide-phone small">{f.lastError ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted small">Counts since the server started. A source is “quiet” after 15 minutes without a message.</p>
    </section>
  );
}
