/** A BOLO typed in by a person: plate, state, reason and an expiry (required on BOLO lists). */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import type { HotlistView } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { isoToLocal, localToIso } from '../search/search-query.ts';

export function BoloForm({ list, onAdded }: { list: HotlistView; onAdded: () => void }) {
  const [plate, setPlate] = useState('');
  const [state, setState] = useState('');
  const [reason, setReason] = useState('');
  const [expires, setExpires] = useState(() => isoToLocal(Date.now() + 7 * 86_400_000));
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const needsExpiry = list.kind === 'bolo';
  const ready = plate.trim() !== '' && reason.trim() !== '' && (!needsExpiry || expires !== '') && !busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body: Record<string, string> = { plate: plate.trim(), reason: reason.trim() };
      if (state.trim()) body.state = state.trim();
      const exp = localToIso(expires);
      if (exp) body.expiresAt = exp;
      await api('POST', `/api/v1/hotlists/${list.id}/entries`, { body });
      setAdded(plate.trim().toUpperCase());
      setPlate('');
      setReason('');
      onAdded();
    } catch (err) {
      reportError('The entry was not added', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="Add a BOLO">
      <h3>Add a BOLO / entry</h3>
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="bolo-plate">Plate</label>
          <input id="bolo-plate" className="plate-input" value={plate} onChange={(e) => setPlate(e.target.value.toUpperCase())} maxLength={20} autoComplete="off" />
        </div>
        <div className="form-row">
          <label htmlFor="bolo-state">State</label>
          <input id="bolo-state" value={state} onChange={(e) => setState(e.target.value.toUpperCase())} maxLength={10} placeholder="TX" autoComplete="off" />
        </div>
      </div>
      <div className="form-row">
        <label htmlFor="bolo-reason">Reason</label>
        <input id="bolo-reason" value={reason} onChange={(e) => setReason(e.target.value)} maxLength={1000} placeholder="BOLO: armed robbery suspect vehicle, silver sedan" />
      </div>
      <div className="form-row">
        <label htmlFor="bolo-expires">Expires {needsExpiry ? '(required, at most 90 days)' : '(optional)'}</label>
        <input id="bolo-expires" type="datetime-local" value={expires} onChange={(e) => setExpires(e.target.value)} />
      </div>
      <button type="submit" className="primary" disabled={!ready}>
        Add entry
      </button>
      {added && <p className="ok small">Added {added}. It matches from now on.</p>}
    </form>
  );
}
