/** The last runs of the retention job with what each deleted; admins can run it now. */
import { useState } from 'react';
import type { RetentionPolicyView, RetentionRunView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { when } from './retention-format.ts';

function deletedText(run: RetentionRunView, labels: Map<string, string>): string {
  const parts = Object.entries(run.deleted)
    .filter(([, n]) => n > 0)
    .map(([t, n]) => `${n.toLocaleString()} ${labels.get(t) ?? (t === 'readImages' ? 'read images' : t)}`);
  return parts.length ? parts.join('; ') : 'nothing expired';
}

export function RunsCard({ runs, policy, canRun, onRan }: { runs: RetentionRunView[]; policy: RetentionPolicyView; canRun: boolean; onRan: () => void }) {
  const [busy, setBusy] = useState(false);
  const labels = new Map(policy.dataTypes.map((d) => [d.dataType, d.label]));
  const runNow = async () => {
    if (!window.confirm('Run retention now? Everything past its retention period and not under a legal hold is deleted for good.')) return;
    setBusy(true);
    try {
      await api('POST', '/api/v1/retention/run');
      onRan();
    } catch (err) {
      reportError('The retention run failed', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="card" aria-label="Retention runs">
      <div className="section-head">
        <h2>Last runs</h2>
        {canRun && (
          <button type="button" className="ghost small" disabled={busy} onClick={() => void runNow()}>
            {busy ? 'Running…' : 'Run now'}
          </button>
        )}
      </div>
      <div className="table-wrap">
        <table className="data-table" data-testid="runs-table">
          <thead>
            <tr>
              <th>Started</th>
              <th>By</th>
              <th>Status</th>
              <th>Deleted</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{when(r.startedAt)}</td>
                <td>{r.trigger === 'schedule' ? 'daily schedule' : r.startedBy}</td>
                <td className={r.status === 'failed' ? 'run-failed' : undefined} title={r.error}>
                  {r.status}
                </td>
                <td data-testid="run-deleted">{deletedText(r, labels)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {runs.length === 0 && <p className="muted">The job has not run yet.</p>}
    </section>
  );
}
