/**
 * A new ingest source (admins): one per sender, with its kind and, for senders whose times carry
 * no zone (Genetec), the zone they are in. The key is shown once, to paste into the camera or its
 * software.
 */
import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';

interface Created {
  source: { id: string; name: string; kind: string };
  key: string;
}

/** The zones the browser knows, for the time-zone field's suggestions. */
function zones(): string[] {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return [];
  }
}

export function NewSourceForm({ kinds, onCreated }: { kinds: string[]; onCreated: () => void }) {
  const [name, setName] = useState('');
  const [kind, setKind] = useState('');
  const [timeZone, setTimeZone] = useState('');
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const zoneList = useMemo(zones, []);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body = { name: name.trim(), kind, ...(timeZone.trim() ? { timeZone: timeZone.trim() } : {}) };
      setCreated(await api<Created>('POST', '/api/v1/sources', { body }));
      setName('');
      setTimeZone('');
      onCreated();
    } catch (err) {
      reportError('Could not create the source', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card new-source" onSubmit={submit} aria-label="New source">
      <h3>New source</h3>
      {created && (
        <div className="signin-notice ok" role="alert" data-testid="source-key-shown">
          Key for {created.source.name} ({created.source.kind}), shown once: <code className="wrap">{created.key}</code>
          <button type="button" className="ghost small" onClick={() => setCreated(null)}>
            Done
          </button>
        </div>
      )}
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="source-name">Name</label>
          <input id="source-name" value={name} onChange={(e) => setName(e.target.value)} placeholder="Main St gantry (Genetec)" autoComplete="off" />
        </div>
        <div className="form-row">
          <label htmlFor="source-kind">Kind</label>
          <select id="source-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">Choose…</option>
            {kinds.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="form-row">
        <label htmlFor="source-zone">Time zone of its clock (for senders whose times carry no zone, such as Genetec)</label>
        <input id="source-zone" list="source-zones" value={timeZone} onChange={(e) => setTimeZone(e.target.value)} placeholder="America/Chicago" autoComplete="off" />
        <datalist id="source-zones">
          {zoneList.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </div>
      <button type="submit" className="primary" disabled={busy || name.trim() === '' || kind === ''}>
        Create source and key
      </button>
    </form>
  );
}
