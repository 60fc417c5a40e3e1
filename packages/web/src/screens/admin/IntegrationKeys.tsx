/**
 * Integration API keys (admins): each integration (an RMS, a SIEM, a sync script) gets its own key
 * with only the permissions it needs and an expiry; the key is shown once; revoking is immediate.
 */
import { useState, type FormEvent } from 'react';
import type { IntegrationKeyView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';

const when = (iso?: string): string => (iso ? new Date(iso).toLocaleString() : '—');

function CreateKeyForm({ scopes, onCreated }: { scopes: string[]; onCreated: (name: string, key: string) => void }) {
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [days, setDays] = useState(90);
  const [busy, setBusy] = useState(false);
  const toggle = (s: string) => setChosen((cur) => {
    const next = new Set(cur);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    return next;
  });
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const res = await api<{ key: string; integrationKey: IntegrationKeyView }>('POST', '/api/v1/integration-keys', { body: { name: name.trim(), scopes: [...chosen], expiresInDays: days } });
      onCreated(res.integrationKey.name, res.key);
      setName('');
      setChosen(new Set());
    } catch (err) {
      reportError('Could not create the key', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card create-user" onSubmit={submit} aria-label="New integration key">
      <h2>New integration key</h2>
      <label htmlFor="key-name">What it is for</label>
      <input id="key-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="County RMS: verified hits" autoComplete="off" />
      <fieldset className="key-scopes">
        <legend>Permissions (only what it needs)</legend>
        {scopes.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={chosen.has(s)} onChange={() => toggle(s)} /> <code>{s}</code>
          </label>
        ))}
      </fieldset>
      <label htmlFor="key-days">Expires after (days, at most 365)</label>
      <input id="key-days" type="number" min={1} max={365} value={days} onChange={(e) => setDays(Number(e.target.value))} />
      <button type="submit" className="primary" disabled={busy || name.trim().length < 3 || chosen.size === 0}>
        Create key
      </button>
    </form>
  );
}

export function IntegrationKeys() {
  const keys = useResource('keys', () => api<{ items: IntegrationKeyView[]; scopes: string[] }>('GET', '/api/v1/integration-keys'), 'Could not load the integration keys');
  const [shown, setShown] = useState<{ name: string; key: string } | null>(null);
  const revoke = async (k: IntegrationKeyView) => {
    if (!window.confirm(`Revoke the key of "${k.name}"? The integration stops working at its next request.`)) return;
    try {
      await api('POST', `/api/v1/integration-keys/${encodeURIComponent(k.id)}/revoke`);
      keys.reload();
    } catch (e) {
      reportError(`Could not revoke ${k.name}`, e);
    }
  };
  return (
    <>
      {shown && (
        <section className="card enrolment-card" role="alert" data-testid="integration-key-shown">
          <h2>Key for {shown.name}</h2>
          <p>Copy it into the integration now: it is not shown again, and only its hash is kept.</p>
          <code className="wrap">{shown.key}</code>
          <button type="button" className="ghost small" onClick={() => setShown(null)}>
            Done
          </button>
        </section>
      )}
      <div className="users-layout">
        <section className="card users-list">
          <div className="section-head">
            <h2>Integration keys ({keys.data?.items.length ?? '…'})</h2>
          </div>
          <div className="table-wrap">
            <table className="data-table" data-testid="integration-keys-table">
              <thead>
                <tr>
                  <th>Integration</th>
                  <th>Permissions</th>
                  <th>Status</th>
                  <th className="hide-phone">Expires</th>
                  <th className="hide-phone">Last used</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {(keys.data?.items ?? []).map((k) => (
                  <tr key={k.id} data-key-name={k.name}>
                    <td>
                      {k.name}
                      <div className="muted small">
                        <code>{k.keyPrefix}…</code> by {k.createdBy}
                      </div>
                    </td>
                    <td className="small">{k.scopes.join(', ')}</td>
                    <td className={`user-status ${k.status === 'active' ? 'active' : 'disabled'}`}>{k.status}</td>
                    <td className="hide-phone small">{when(k.expiresAt)}</td>
                    <td className="hide-phone small">{when(k.lastUsedAt)}</td>
                    <td>
                      {k.status === 'active' && (
                        <button type="button" className="ghost small" onClick={() => void revoke(k)}>
                          Revoke
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <CreateKeyForm
          scopes={keys.data?.scopes ?? []}
          onCreated={(name, key) => {
            setShown({ name, key });
            keys.reload();
          }}
        />
      </div>
    </>
  );
}
