/**
 * Outbound webhooks (admins): the targets told about verified hits, a form to add one (its
 * signing secret is shown once), test-send, switch off or delete, and the delivery log.
 */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { DeliveryLog } from './DeliveryLog.tsx';
import { WEBHOOK_EVENTS, type WebhookDeliveryView, type WebhookEvent, type WebhookTargetView } from './webhook-wire.ts';
import './webhooks.css';

function NewTargetForm({ onCreated }: { onCreated: (t: WebhookTargetView) => void }) {
  const [name, setName] = useState('');
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<WebhookEvent[]>(['hit.verified']);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await api<WebhookTargetView>('POST', '/api/v1/webhooks', { body: { name: name.trim(), url: url.trim(), events } }));
      setName('');
      setUrl('');
    } catch (err) {
      reportError('Could not add the webhook', err);
    } finally {
      setBusy(false);
    }
  };
  const toggle = (ev: WebhookEvent) => setEvents((x) => (x.includes(ev) ? x.filter((y) => y !== ev) : [...x, ev]));
  return (
    <form className="card webhook-form" onSubmit={submit} aria-label="New webhook">
      <h3>New webhook</h3>
      <label htmlFor="wh-name">Name</label>
      <input id="wh-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="County CAD" />
      <label htmlFor="wh-url">URL</label>
      <input id="wh-url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://cad.agency.local/rtcc/hits" />
      {WEBHOOK_EVENTS.map(([ev, label]) => (
        <label key={ev} className="check">
          <input type="checkbox" checked={events.includes(ev)} onChange={() => toggle(ev)} /> {label}
        </label>
      ))}
      <button type="submit" className="primary" disabled={busy || !name.trim() || !url.trim() || events.length === 0}>
        Add webhook
      </button>
    </form>
  );
}

export function WebhooksScreen() {
  const targets = useResource('targets', (signal) => api<{ items: WebhookTargetView[] }>('GET', '/api/v1/webhooks', { signal }), 'Could not load the webhooks');
  const [selected, setSelected] = useState<string | null>(null);
  const [secret, setSecret] = useState<{ name: string; secret: string } | null>(null);
  const [refresh, setRefresh] = useState(0);
  const items = targets.data?.items ?? [];
  const current = items.find((t) => t.id === selected) ?? items[0];

  const act = async (what: string, run: () => Promise<unknown>) => {
    try {
      await run();
      targets.reload();
      setRefresh((n) => n + 1);
    } catch (err) {
      reportError(`Could not ${what}`, err);
    }
  };
  const setActive = (t: WebhookTargetView, active: boolean) => act(active ? 'switch the webhook on' : 'switch the webhook off', () => api('PUT', `/api/v1/webhooks/${encodeURIComponent(t.id)}`, { body: { name: t.name, url: t.url, events: t.events, active } }));
  const testSend = (t: WebhookTargetView) =>
    act('send a test', async () => {
      const d = await api<WebhookDeliveryView>('POST', `/api/v1/webhooks/${encodeURIComponent(t.id)}/test`);
      if (d.status !== 'delivered') reportError(`The test to ${t.name} failed`, new Error(d.attempts.at(-1)?.error ?? 'no answer'));
    });
  const remove = (t: WebhookTargetView) => {
    if (!window.confirm(`Delete the webhook "${t.name}" and its delivery log?`)) return;
    void act('delete the webhook', () => api('DELETE', `/api/v1/webhooks/${encodeURIComponent(t.id)}`));
  };

  return (
    <div className="webhooks-screen">
      {secret && (
        <div className="card webhook-secret" role="status" data-testid="webhook-secret">
          <strong>Signing secret of {secret.name}, shown this once:</strong> <code>{secret.secret}</code>
          <p className="small muted">Give it to the receiver: it checks the X-RTCC-Signature header with it (docs/integrations.md).</p>
          <button type="button" className="ghost small" onClick={() => setSecret(null)}>
            I have stored it
          </button>
        </div>
      )}
      <div className="webhooks-layout">
        <section className="card">
          <div className="section-head">
            <h2>Webhooks ({items.length})</h2>
          </div>
          <table className="data-table" data-testid="webhooks-table">
            <thead>
              <tr>
                <th>Name</th>
                <th>URL</th>
                <th>Events</th>
                <th>Actions</th>
              </tr>
            </thead>
            <tbody>
              {items.map((t) => (
                <tr key={t.id} className={t.id === current?.id ? 'selected' : undefined} onClick={() => setSelected(t.id)} data-name={t.name}>
                  <td>
                    {t.name}
                    {!t.active && <span className="muted small"> (off)</span>}
                  </td>
                  <td className="small wrap">{t.url}</td>
                  <td className="small">{t.events.join(', ')}</td>
                  <td className="webhook-actions">
                    <button type="button" className="ghost small" onClick={() => void testSend(t)}>
                      Test
                    </button>
                    <button type="button" className="ghost small" onClick={() => void setActive(t, !t.active)}>
                      {t.active ? 'Switch off' : 'Switch on'}
                    </button>
                    <button type="button" className="ghost small" onClick={() => remove(t)}>
                      Delete
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <NewTargetForm
          onCreated={(t) => {
            if (t.secret) setSecret({ name: t.name, secret: t.secret });
            setSelected(t.id);
            targets.reload();
          }}
        />
      </div>
      {current && <DeliveryLog targetId={current.id} refresh={refresh} />}
    </div>
  );
}
