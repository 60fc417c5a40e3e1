/**
 * One target's delivery log: newest first, each delivery with its attempts (time, HTTP status,
 * error) and when the next retry is due.
 */
import { api } from '../../api/client.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtDateTime } from '../../ui/format.ts';
import type { WebhookDeliveryView } from './webhook-wire.ts';

export function DeliveryLog({ targetId, refresh }: { targetId: string; refresh: number }) {
  const log = useResource(`${targetId}:${refresh}`, (signal) => api<{ items: WebhookDeliveryView[]; total: number }>('GET', `/api/v1/webhooks/${encodeURIComponent(targetId)}/deliveries`, { query: { limit: 100 }, signal }), 'Could not load the delivery log');
  const items = log.data?.items ?? [];
  return (
    <section className="card" aria-label="Delivery log">
      <div className="section-head">
        <h3>Delivery log ({log.data?.total ?? '…'})</h3>
        <button type="button" className="ghost small" onClick={log.reload}>
          Refresh
        </button>
      </div>
      {items.length === 0 ? (
        <p className="muted small">Nothing sent yet.</p>
      ) : (
        <table className="data-table small" data-testid="delivery-log">
          <thead>
            <tr>
              <th>Queued</th>
              <th>Event</th>
              <th>Status</th>
              <th>Attempts</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr key={d.id} data-status={d.status}>
                <td>{fmtDateTime(d.createdAt)}</td>
                <td>{d.event}</td>
                <td className={d.status === 'delivered' ? 'ok' : d.status === 'failed' ? 'bad' : undefined}>
                  {d.status}
                  {d.nextAttemptAt && <div className="muted">next try {fmtDateTime(d.nextAttemptAt)}</div>}
                </td>
                <td>
                  <ol className="attempts">
                    {d.attempts.map((a, i) => (
                      <li key={i}>
                        {fmtDateTime(a.at)} · {a.statusCode ?? 'no answer'} · {a.durationMs} ms{a.error ? ` · ${a.error}` : ''}
                      </li>
                    ))}
                  </ol>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
