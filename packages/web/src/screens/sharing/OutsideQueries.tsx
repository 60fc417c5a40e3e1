/**
 * Every query other agencies made of our data, newest first: who asked, for which agency, why,
 * what, and how many reads went out (or why it was refused).
 */
import type { OutsideQueryView, Page } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtDateTime } from '../../ui/format.ts';

function describeQuery(q: unknown): string {
  const s = (q ?? {}) as { plate?: string; from?: string; to?: string; area?: unknown; fuzzy?: boolean };
  const parts = [s.plate ? `plate ${s.plate}${s.fuzzy ? ' (fuzzy)' : ''}` : undefined, s.area ? 'area' : undefined, s.from ? `from ${s.from}` : undefined, s.to ? `to ${s.to}` : undefined];
  return parts.filter(Boolean).join(', ') || '—';
}

export function OutsideQueries() {
  const { data: page, reload } = useResource(
    'outside-queries',
    (signal) => api<Page<OutsideQueryView>>('GET', '/api/v1/sharing/outside-queries?limit=100', { signal }),
    'Could not load the outside queries',
  );
  return (
    <section className="card" aria-label="Outside queries">
      <div className="section-head">
        <h2>Outside queries of our data ({page?.total ?? '…'})</h2>
        <button type="button" className="ghost small" onClick={reload}>
          Refresh
        </button>
      </div>
      {page && page.items.length === 0 ? (
        <p className="muted">No other agency has queried our data.</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table" data-testid="outside-queries">
            <thead>
              <tr>
                <th>When</th>
                <th>Agency</th>
                <th>Requester</th>
                <th>Justification</th>
                <th>Search</th>
                <th>Outcome</th>
              </tr>
            </thead>
            <tbody>
              {(page?.items ?? []).map((q) => (
                <tr key={q.id}>
                  <td>{fmtDateTime(q.at)}</td>
                  <td>{q.agency}</td>
                  <td>{q.requester}</td>
                  <td>{q.justification ? `${q.justification.offenseType.replace(/_/g, ' ')}, case ${q.justification.caseNumber}` : '—'}</td>
                  <td>{describeQuery(q.query)}</td>
                  <td className={q.outcome === 'success' ? undefined : 'refused'}>{q.outcome === 'success' ? `${q.resultCount ?? 0} read${q.resultCount === 1 ? '' : 's'} shared` : `refused: ${(q.reason ?? q.outcome).replace(/_/g, ' ')}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
