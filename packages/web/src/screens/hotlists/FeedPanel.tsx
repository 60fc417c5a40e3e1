/**
 * A list's feed: where the hot file is re-imported from on a schedule (a folder on the server
 * under RTCC_HOTLIST_DIR, or a URL), its last sync and last error, "check now", and the form to
 * set or stop it.
 */
import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client.ts';
import type { HotlistView } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtAgo, fmtDateTime } from '../../ui/format.ts';
import { HOTLIST_FORMATS } from './formats.ts';

interface FeedView {
  source: { kind: 'folder'; path: string; pattern?: string } | { kind: 'url'; url: string };
  format: string;
  intervalMinutes: number;
  staleAfterHours: number | null;
  lastSyncAt: string | null;
  lastImportAt: string | null;
  lastFile: string | null;
  lastError: string | null;
  lastErrorAt: string | null;
  failures: number;
  nextCheckAt: string;
  outcome?: 'imported' | 'unchanged' | 'failed';
}

const ago = (iso: string | null): string => (iso ? `${fmtDateTime(iso)} (${fmtAgo(iso)})` : 'never');

export function FeedPanel({ list, onImported }: { list: HotlistView; onImported: () => void }) {
  const [tick, setTick] = useState(0);
  const feed = useResource(`${list.id}-feed-${tick}`, async (signal) => {
    try {
      return await api<FeedView>('GET', `/api/v1/hotlists/${list.id}/feed`, { signal });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return null;
      throw e;
    }
  }, 'Could not load the feed');
  const [editing, setEditing] = useState(false);
  const [busy, setBusy] = useState(false);
  const done = (f: FeedView) => {
    setTick((t) => t + 1);
    if (f.outcome === 'imported') onImported();
  };
  const syncNow = async () => {
    setBusy(true);
    try {
      done(await api<FeedView>('POST', `/api/v1/hotlists/${list.id}/feed/sync`));
    } catch (e) {
      reportError('The check failed', e);
    } finally {
      setBusy(false);
    }
  };
  const stop = async () => {
    if (!confirm(`Stop re-importing ${list.name}? Its entries stay as they are.`)) return;
    try {
      await api('DELETE', `/api/v1/hotlists/${list.id}/feed`);
      setTick((t) => t + 1);
    } catch (e) {
      reportError('The feed was not removed', e);
    }
  };
  const f = feed.data;
  return (
    <section className="card" aria-label="Scheduled re-import" data-testid="feed-panel">
      <h3>Scheduled re-import</h3>
      {f ? (
        <>
          <p className="small">
            {f.source.kind === 'url' ? <>From <code>{f.source.url}</code></> : <>Newest <code>{f.source.pattern ?? '*'}</code> in <code>{f.source.path}</code></>} ({f.format}), every {f.intervalMinutes} min
            {f.staleAfterHours !== null && <>; records stop matching {f.staleAfterHours} h after their import</>}.
          </p>
          <dl className="feed-state small">
            <dt>Last sync</dt>
            <dd data-testid="feed-last-sync">{ago(f.lastSyncAt)}</dd>
            <dt>Last change imported</dt>
            <dd>
              {ago(f.lastImportAt)}
              {f.lastFile && f.source.kind === 'folder' ? ` · ${f.lastFile}` : ''}
            </dd>
            <dt>Next check</dt>
            <dd>{fmtDateTime(f.nextCheckAt)}</dd>
            {f.lastError && (
              <>
                <dt className="bad">Failing ({f.failures}×)</dt>
                <dd className="bad" data-testid="feed-error">
                  {f.lastError} · {ago(f.lastErrorAt)}
                </dd>
              </>
            )}
          </dl>
          <div className="row-actions">
            <button type="button" onClick={syncNow} disabled={busy}>
              {busy ? 'Checking…' : 'Check now'}
            </button>
            <button type="button" className="ghost" onClick={() => setEditing((v) => !v)}>
              Change
            </button>
            <button type="button" className="ghost" onClick={stop}>
              Stop
            </button>
          </div>
        </>
      ) : (
        !editing && (
          <>
            <p className="muted small">Not re-imported automatically. Point it at the state's hot-file drop folder or a URL to keep it current.</p>
            <button type="button" onClick={() => setEditing(true)}>
              Set up a feed
            </button>
          </>
        )
      )}
      {editing && (
        <FeedForm
          list={list}
          current={f ?? null}
          onSaved={(saved) => {
            setEditing(false);
            done(saved);
          }}
        />
      )}
    </section>
  );
}

function FeedForm({ list, current, onSaved }: { list: HotlistView; current: FeedView | null; onSaved: (f: FeedView) => void }) {
  const [kind, setKind] = useState<'folder' | 'url'>(current?.source.kind ?? 'url');
  const [where, setWhere] = useState(current ? (current.source.kind === 'url' ? current.source.url : current.source.path) : '');
  const [pattern, setPattern] = useState(current?.source.kind === 'folder' ? (current.source.pattern ?? '') : '');
  const [format, setFormat] = useState(current?.format ?? (list.kind === 'ncic' ? 'ncic-fixed' : 'plain'));
  const [every, setEvery] = useState(current?.intervalMinutes ?? 60);
  const [stale, setStale] = useState(current?.staleAfterHours?.toString() ?? '48');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const source = kind === 'url' ? { kind, url: where.trim() } : { kind, path: where.trim(), ...(pattern.trim() ? { pattern: pattern.trim() } : {}) };
      const body = { source, format, intervalMinutes: every, ...(stale.trim() ? { staleAfterHours: Number(stale) } : {}) };
      onSaved(await api<FeedView>('PUT', `/api/v1/hotlists/${list.id}/feed`, { body }));
    } catch (err) {
      reportError('The feed was not saved', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form onSubmit={submit} aria-label="Feed settings" className="feed-form">
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="feed-kind">From</label>
          <select id="feed-kind" value={kind} onChange={(e) => setKind(e.target.value as 'folder' | 'url')}>
            <option value="url">A URL</option>
            <option value="folder">A folder on the server</option>
          </select>
        </div>
        <div className="form-row">
          <label htmlFor="feed-format">Format</label>
          <select id="feed-format" value={format} onChange={(e) => setFormat(e.target.value)}>
            {HOTLIST_FORMATS.map(([v, label]) => (
              <option key={v} value={v}>
                {label}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <label htmlFor="feed-where">{kind === 'url' ? 'URL' : 'Folder (under RTCC_HOTLIST_DIR)'}</label>
        <input id="feed-where" value={where} onChange={(e) => setWhere(e.target.value)} placeholder={kind === 'url' ? 'https://cjis.state.example/hotfiles/stolen.txt' : 'state/stolen'} />
      </div>
      {kind === 'folder' && (
        <div className="form-row">
          <label htmlFor="feed-pattern">File pattern (newest match is imported)</label>
          <input id="feed-pattern" value={pattern} onChange={(e) => setPattern(e.target.value)} placeholder="stolen-*.txt" />
        </div>
      )}
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="feed-interval">Check every (minutes)</label>
          <input id="feed-interval" type="number" min={5} max={1440} value={every} onChange={(e) => setEvery(Number(e.target.value))} />
        </div>
        <div className="form-row">
          <label htmlFor="feed-stale">Records stop matching after (hours, blank: never)</label>
          <input id="feed-stale" type="number" min={1} max={2160} value={stale} onChange={(e) => setStale(e.target.value)} />
        </div>
      </div>
      <button type="submit" className="primary" disabled={busy || where.trim() === ''}>
        {busy ? 'Checking…' : 'Save and check now'}
      </button>
    </form>
  );
}
