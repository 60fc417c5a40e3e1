/** Hotlists: the lists, a new list, and the selected list's entries, BOLOs and imports. */
import { api } from '../../api/client.ts';
import type { HotlistView } from '../../api/wire.ts';
import { navigate } from '../../app/router.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtAgo } from '../../ui/format.ts';
import { CreateListForm } from './CreateListForm.tsx';
import { HotlistDetail } from './HotlistDetail.tsx';

export function HotlistsScreen({ hotlistId: chosen }: { hotlistId?: string }) {
  const lists = useResource('lists', (signal) => api<{ items: HotlistView[] }>('GET', '/api/v1/hotlists', { signal }), 'Could not load the hotlists');
  const items = lists.data?.items ?? [];
  // a wide screen shows the first list rather than an empty pane; a phone shows the index first
  const hotlistId = chosen ?? (window.matchMedia('(min-width: 901px)').matches ? items[0]?.id : undefined);
  const current = items.find((l) => l.id === hotlistId);
  return (
    <div className={chosen ? 'hotlists-screen has-selection' : 'hotlists-screen'}>
      <section className="hotlist-index" aria-label="Hotlists">
        <h2>Hotlists</h2>
        {items.length === 0 ? (
          <p className="muted">{lists.loading ? 'Loading…' : 'No hotlists yet. Create one below, then import a hot file or type in a BOLO.'}</p>
        ) : (
          <ul className="hotlist-list">
            {items.map((l) => (
              <li key={l.id}>
                <a
                  href={`/hotlists/${l.id}`}
                  className={l.id === hotlistId ? 'hotlist-row selected' : 'hotlist-row'}
                  onClick={(e) => {
                    e.preventDefault();
                    navigate(`/hotlists/${l.id}`);
                  }}
                >
                  <span className={`prio p${l.priority}`}>P{l.priority}</span>
                  <span className="hotlist-row-main">
                    <strong>{l.name}</strong>
                    <span className="muted small">
                      {l.kind.toUpperCase()} · {l.entryCount.toLocaleString()} entries · v{l.version} · {l.lastImportAt ? `imported ${fmtAgo(l.lastImportAt)}` : 'never imported'}
                    </span>
                  </span>
                </a>
              </li>
            ))}
          </ul>
        )}
        <CreateListForm onCreated={(l) => (lists.reload(), navigate(`/hotlists/${l.id}`))} />
      </section>
      <section className="hotlist-pane">
        {chosen && (
          <button type="button" className="ghost phone-only back" onClick={() => navigate('/hotlists')}>
            ‹ All hotlists
          </button>
        )}
        {hotlistId ? (
          current ? (
            <HotlistDetail key={current.id} list={current} onChanged={lists.reload} />
          ) : (
            <p className="muted pad">{lists.loading ? 'Loading…' : 'This hotlist does not exist.'}</p>
          )
        ) : (
          <p className="muted pad">Select a list to see its entries, add a BOLO or import a file.</p>
        )}
      </section>
    </div>
  );
}
