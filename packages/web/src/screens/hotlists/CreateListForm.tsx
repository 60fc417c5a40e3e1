import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import type { HotlistView } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';

const KINDS = [
  ['custom', 'Custom list'],
  ['bolo', 'BOLOs (every entry expires)'],
  ['ncic', 'NCIC hot file'],
  ['state', 'State hot file'],
] as const;

export function CreateListForm({ onCreated }: { onCreated: (l: HotlistView) => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState<string>('custom');
  const [priority, setPriority] = useState(3);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const l = await api<HotlistView>('POST', '/api/v1/hotlists', { body: { name: name.trim(), kind, priority } });
      setName('');
      onCreated(l);
    } catch (err) {
      reportError('The list was not created', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details className="card create-list">
      <summary>New list</summary>
      <form onSubmit={submit}>
        <div className="form-row">
          <label htmlFor="list-name">Name</label>
          <input id="list-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="e.g. Stolen vehicles – county" />
        </div>
        <div className="two-col">
          <div className="form-row">
            <label htmlFor="list-kind">Kind</label>
            <select id="list-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
              {KINDS.map(([k, label]) => (
                <option key={k} value={k}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <div className="form-row">
            <label htmlFor="list-priority">Priority</label>
            <select id="list-priority" value={priority} onChange={(e) => setPriority(Number(e.target.value))}>
              {[1, 2, 3, 4, 5].map((p) => (
                <option key={p} value={p}>
                  {p}
                  {p === 1 ? ' (highest)' : p === 5 ? ' (lowest)' : ''}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button type="submit" className="primary" disabled={busy || name.trim() === ''}>
          Create list
        </button>
      </form>
    </details>
  );
}
