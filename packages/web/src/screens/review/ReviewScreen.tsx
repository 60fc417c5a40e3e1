/**
 * Supervisor review (audit:review): the audit chain's verification status, the queue of flagged
 * search patterns (repeated plate, outside any case, off-hours, bulk) with filters, and for the
 * selected flag the records behind it and the disposition form.
 */
import { useState } from 'react';
import { AUDIT_FLAG_KINDS, type AuditFlagKind, type AuditFlagWithRecordsView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { useResource } from '../../app/use-resource.ts';
import { ChainStatus } from './ChainStatus.tsx';
import { FlagDetail } from './FlagDetail.tsx';
import { KIND_LABELS } from './review-labels.ts';
import './review.css';

type Status = 'open' | 'reviewed' | 'all';

export function ReviewScreen() {
  const [status, setStatus] = useState<Status>('open');
  const [kind, setKind] = useState<AuditFlagKind | ''>('');
  const { data: flags, reload } = useResource(
    `${status}|${kind}`,
    (signal) => api<{ items: AuditFlagWithRecordsView[]; total: number }>('GET', '/api/v1/audit/review', { query: { status, kind, limit: 200 }, signal }),
    'Could not load the review queue',
  );
  const [selected, setSelected] = useState<string | null>(null);

  return (
    <div className="review-screen">
      <ChainStatus />
      <div className="review-layout">
        <section className="card review-queue">
          <div className="section-head">
            <h2>Flags ({flags?.total ?? '…'})</h2>
            <button type="button" className="ghost small" onClick={reload}>
              Refresh
            </button>
          </div>
          <div className="review-filters">
            <label>
              Status{' '}
              <select value={status} onChange={(e) => setStatus(e.target.value as Status)}>
                <option value="open">open</option>
                <option value="reviewed">reviewed</option>
                <option value="all">all</option>
              </select>
            </label>
            <label>
              Kind{' '}
              <select value={kind} onChange={(e) => setKind(e.target.value as AuditFlagKind | '')}>
                <option value="">any</option>
                {AUDIT_FLAG_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
            </label>
          </div>
          {flags && flags.items.length === 0 && <p className="muted">Nothing to review.</p>}
          <div className="table-wrap">
            <table className="data-table" data-testid="review-flags">
              <thead>
                <tr>
                  <th>Flag</th>
                  <th>User</th>
                  <th>About</th>
                  <th>Records</th>
                  <th className="hide-phone">Last</th>
                </tr>
              </thead>
              <tbody>
                {(flags?.items ?? []).map((f) => (
                  <tr key={f.id} className={f.id === selected ? 'selected' : undefined} data-flag-kind={f.kind} onClick={() => setSelected(f.id)}>
                    <td>
                      <button type="button" className="link-button" onClick={() => setSelected(f.id)}>
                        {KIND_LABELS[f.kind]}
                      </button>
                      {f.status === 'reviewed' && <span className="badge">reviewed</span>}
                    </td>
                    <td>{f.actor}</td>
                    <td>{f.subject}</td>
                    <td>{f.count}</td>
                    <td className="hide-phone small">{new Date(f.lastAt).toLocaleString()}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        {selected ? (
          <FlagDetail key={selected} flagId={selected} onReviewed={reload} />
        ) : (
          <section className="card flag-detail muted">Choose a flag to see the searches behind it.</section>
        )}
      </div>
    </div>
  );
}
