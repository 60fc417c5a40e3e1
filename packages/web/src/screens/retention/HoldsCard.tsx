/**
 * Legal holds: the active ones (admins release them, with a reason), and a form to place one for
 * a case (supervisors and admins): plates, read ids, hit ids and/or a time window.
 */
import { useState, type FormEvent } from 'react';
import type { LegalHoldInput, LegalHoldView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { when } from './retention-format.ts';

/** Items of a list field: plates may hold spaces ("ABC 123"), so they split on commas only. */
const list = (text: string, separator = /[\s,;]+/): string[] | undefined => {
  const items = text.split(separator).map((s) => s.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

/** A datetime-local value as ISO 8601 with the browser's zone. */
const isoOf = (local: string): string => new Date(local).toISOString();

function HoldForm({ onPlaced }: { onPlaced: () => void }) {
  const [caseNumber, setCaseNumber] = useState('');
  const [reason, setReason] = useState('');
  const [plates, setPlates] = useState('');
  const [readIds, setReadIds] = useState('');
  const [hitIds, setHitIds] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const body: LegalHoldInput = { caseNumber: caseNumber.trim(), reason: reason.trim(), plates: list(plates, /[,;\n]+/), readIds: list(readIds), hitIds: list(hitIds), window: from && to ? { from: isoOf(from), to: isoOf(to) } : undefined };
      await api('POST', '/api/v1/retention/holds', { body });
      for (const set of [setCaseNumber, setReason, setPlates, setReadIds, setHitIds, setFrom, setTo]) set('');
      onPlaced();
    } catch (err) {
      reportError('Could not place the legal hold', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="hold-form" onSubmit={submit} aria-label="Place a legal hold">
      <h3>Place a hold</h3>
      <div className="row">
        <div>
          <label htmlFor="hold-case">Case number</label>
          <input id="hold-case" value={caseNumber} onChange={(e) => setCaseNumber(e.target.value)} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="hold-plates">Plates</label>
          <input id="hold-plates" value={plates} onChange={(e) => setPlates(e.target.value)} placeholder="ABC123, XYZ789" autoComplete="off" />
        </div>
      </div>
      <label htmlFor="hold-reason">Reason</label>
      <input id="hold-reason" value={reason} onChange={(e) => setReason(e.target.value)} placeholder="why this data is evidence" autoComplete="off" />
      <div className="row">
        <div>
          <label htmlFor="hold-reads">Read ids</label>
          <input id="hold-reads" value={readIds} onChange={(e) => setReadIds(e.target.value)} autoComplete="off" />
        </div>
        <div>
          <label htmlFor="hold-hits">Hit ids</label>
          <input id="hold-hits" value={hitIds} onChange={(e) => setHitIds(e.target.value)} autoComplete="off" />
        </div>
      </div>
      <div className="row">
        <div>
          <label htmlFor="hold-from">From</label>
          <input id="hold-from" type="datetime-local" value={from} onChange={(e) => setFrom(e.target.value)} />
        </div>
        <div>
          <label htmlFor="hold-to">To</label>
          <input id="hold-to" type="datetime-local" value={to} onChange={(e) => setTo(e.target.value)} />
        </div>
      </div>
      <p className="muted small retention-note">Plates with a time window hold their reads and hits inside it; a window alone holds every record inside it.</p>
      <button type="submit" className="primary" disabled={busy || caseNumber.trim() === '' || reason.trim() === ''}>
        Place hold
      </button>
    </form>
  );
}

function selects(h: LegalHoldView): string {
  const parts: string[] = [];
  if (h.plates.length) parts.push(`plates ${h.plates.join(', ')}`);
  if (h.readIds.length) parts.push(`${h.readIds.length} read${h.readIds.length === 1 ? '' : 's'}`);
  if (h.hitIds.length) parts.push(`${h.hitIds.length} hit${h.hitIds.length === 1 ? '' : 's'}`);
  if (h.window) parts.push(`${when(h.window.from)} – ${when(h.window.to)}`);
  return parts.join('; ');
}

export function HoldsCard({ holds, canHold, canRelease, onChanged }: { holds: LegalHoldView[]; canHold: boolean; canRelease: boolean; onChanged: () => void }) {
  const release = async (h: LegalHoldView) => {
    const reason = window.prompt(`Release the hold for case ${h.caseNumber}? Its data is deleted by the next run once expired. Reason:`);
    if (reason === null) return;
    try {
      await api('DELETE', `/api/v1/retention/holds/${encodeURIComponent(h.id)}`, { body: { reason } });
      onChanged();
    } catch (err) {
      reportError(`Could not release the hold for case ${h.caseNumber}`, err);
    }
  };
  return (
    <section className="card" aria-label="Legal holds">
      <h2>Legal holds ({holds.length})</h2>
      <div className="table-wrap">
        <table className="data-table" data-testid="holds-table">
          <thead>
            <tr>
              <th>Case</th>
              <th>Holds</th>
              <th>Reason</th>
              <th className="hide-phone">Placed</th>
              {canRelease && <th />}
            </tr>
          </thead>
          <tbody>
            {holds.map((h) => (
              <tr key={h.id} data-case={h.caseNumber}>
                <td>{h.caseNumber}</td>
                <td>{selects(h)}</td>
                <td>{h.reason}</td>
                <td className="hide-phone">
                  {when(h.placedAt)} by {h.placedBy}
                </td>
                {canRelease && (
                  <td>
                    <button type="button" className="ghost small" onClick={() => void release(h)}>
                      Release
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {holds.length === 0 && <p className="muted">No active holds.</p>}
      {canHold && <HoldForm onPlaced={onChanged} />}
    </section>
  );
}
