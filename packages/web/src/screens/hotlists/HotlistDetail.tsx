/** One hotlist: its entries (a page at a time), a BOLO form, file import, its scheduled re-import and the import history. */
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { HotlistEntryView, HotlistView, ImportReport, Page } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtAgo, fmtDateTime } from '../../ui/format.ts';
import { Plate } from '../../ui/ReadDetails.tsx';
import { BoloForm } from './BoloForm.tsx';
import { ImportForm } from './ImportForm.tsx';
import { FeedPanel } from './FeedPanel.tsx';
import { ImportReportView } from './ImportReportView.tsx';

const PAGE = 50;

export function HotlistDetail({ list, onChanged }: { list: HotlistView; onChanged: () => void }) {
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const entries = useResource(`${list.id}-${offset}-${version}-${list.version}-${list.entryCount}`, (signal) => api<Page<HotlistEntryView>>('GET', `/api/v1/hotlists/${list.id}/entries`, { query: { limit: PAGE, offset }, signal }), 'Could not load the entries');
  const imports = useResource(`${list.id}-imports-${list.version}`, (signal) => api<{ items: ImportReport[] }>('GET', `/api/v1/hotlists/${list.id}/imports`, { signal }), 'Could not load the import history');
  const changed = () => {
    setVersion((v) => v + 1);
    onChanged();
  };
  const remove = async (e: HotlistEntryView) => {
    if (!confirm(`Remove ${e.plate} from ${list.name}?`)) return;
    try {
      await api('DELETE', `/api/v1/hotlists/${list.id}/entries/${e.id}`);
      changed();
    } catch (err) {
      reportError('The entry was not removed', err);
    }
  };
  const total = entries.data?.total ?? list.entryCount;
  return (
    <div className="hotlist-detail">
      <header className="hotlist-head">
        <h2>{list.name}</h2>
        <p className="muted">
          {list.kind.toUpperCase()} · priority {list.priority} · matches {list.matchKinds.join(', ')} · version {list.version} · last import{' '}
          <span data-testid="last-import">{list.lastImportAt ? `${fmtDateTime(list.lastImportAt)} (${fmtAgo(list.lastImportAt)})` : 'never'}</span>
        </p>
      </header>
      <div className="hotlist-forms">
        <BoloForm list={list} onAdded={changed} />
        <ImportForm list={list} onImported={changed} />
        <FeedPanel list={list} onImported={changed} />
      </div>
      <section>
        <h3>
          Entries <span className="muted">({total.toLocaleString()})</span>
        </h3>
        {entries.data && entries.data.items.length > 0 ? (
          <>
            <div className="table-wrap">
              <table className="data-table" data-testid="entries-table">
                <thead>
                  <tr>
                    <th>Plate</th>
                    <th>State</th>
                    <th>Reason</th>
                    <th className="hide-phone">Record</th>
                    <th>Expires</th>
                    <th className="hide-phone">Added</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {entries.data.items.map((e) => (
                    <tr key={e.id}>
                      <td>
                        <Plate text={e.plate} />
                      </td>
                      <td>{e.state ?? '—'}</td>
                      <td>{e.reason}</td>
                      <td className="hide-phone small">{[e.fileCode, e.recordId, e.ori].filter(Boolean).join(' · ') || (e.importVersion === 0 ? 'typed in' : `import v${e.importVersion}`)}</td>
                      <td>{e.expiresAt ? fmtDateTime(e.expiresAt) : '—'}</td>
                      <td className="hide-phone small">
                        {fmtAgo(e.createdAt)} by {e.createdBy}
                      </td>
                      <td>
                        <button type="button" className="ghost small" onClick={() => remove(e)} aria-label={`Remove ${e.plate}`}>
                          Remove
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div className="pager">
              <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                ‹ Previous
              </button>
              <span className="muted small">
                {offset + 1}–{offset + entries.data.items.length} of {total.toLocaleString()}
              </span>
              <button type="button" disabled={offset + PAGE >= total} onClick={() => setOffset(offset + PAGE)}>
                Next ›
              </button>
            </div>
          </>
        ) : (
          <p className="muted">{entries.loading ? 'Loading…' : 'No entries.'}</p>
        )}
      </section>
      <section>
        <h3>Import history</h3>
        {imports.data && imports.data.items.length > 0 ? (
          imports.data.items.slice(0, 10).map((r) => <ImportReportView key={`${r.version}-${r.importedAt}`} report={r} compact />)
        ) : (
          <p className="muted">No imports yet.</p>
        )}
      </section>
    </div>
  );
}
