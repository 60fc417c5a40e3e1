/**
 * A gunshot alert in the side panel, with its provenance, and the form officers' findings are
 * recorded with (evidence of gunfire or not): the numbers the agency's false-alert rate comes from.
 */
import { useState, type FormEvent } from 'react';
import type { GunshotView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useStore } from '../../app/store.ts';
import { applyGunshot, gunshots } from '../../live/gunshots.ts';
import { useOpenIncidents } from '../../live/use-live.ts';
import { incidentTitle } from '../../live/incidents.ts';
import { fmtAgo, fmtDateTime, fmtPct } from '../../ui/format.ts';

/** The same remembered name the hit verification uses: one person, one name on the floor. */
const NAME_KEY = 'rtcc.verifier';

function OutcomeForm({ g }: { g: GunshotView }) {
  const open = useOpenIncidents();
  const [evidence, setEvidence] = useState<boolean | null>(null);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [note, setNote] = useState('');
  const [incidentId, setIncidentId] = useState('');
  const [busy, setBusy] = useState(false);
  const ready = evidence !== null && name.trim() !== '' && !busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      const body: Record<string, unknown> = { evidenceFound: evidence, recordedBy: name.trim() };
      if (note.trim()) body.note = note.trim();
      if (incidentId) body.incidentId = incidentId;
      const saved = await api<GunshotView>('POST', `/api/v1/gunshots/${encodeURIComponent(g.id)}/outcome`, { body });
      localStorage.setItem(NAME_KEY, name.trim());
      applyGunshot(saved);
      setEvidence(null);
      setNote('');
    } catch (err) {
      reportError('The outcome could not be recorded', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="outcome-form" aria-label="Record the outcome" onSubmit={submit} data-testid="outcome-form">
      <fieldset>
        <legend>{g.outcome ? 'Record a new finding (replaces the one above)' : 'What officers found on scene'}</legend>
        <label className="check">
          <input type="radio" name="evidence" checked={evidence === true} onChange={() => setEvidence(true)} data-testid="evidence-yes" /> Evidence of gunfire (casings, damage, victim, witnesses)
        </label>
        <label className="check">
          <input type="radio" name="evidence" checked={evidence === false} onChange={() => setEvidence(false)} data-testid="evidence-no" /> No evidence found
        </label>
        <div className="form-row">
          <label htmlFor="outcome-name">Your name</label>
          <input id="outcome-name" value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" />
        </div>
        <div className="form-row">
          <label htmlFor="outcome-note">Note (optional)</label>
          <input id="outcome-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} autoComplete="off" />
        </div>
        {open.length > 0 && (
          <div className="form-row">
            <label htmlFor="outcome-incident">Incident (optional)</label>
            <select id="outcome-incident" value={incidentId} onChange={(e) => setIncidentId(e.target.value)}>
              <option value="">None</option>
              {open.map((i) => (
                <option key={i.id} value={i.id}>
                  {incidentTitle(i)} — {i.location?.address ?? fmtDateTime(i.openedAt)}
                </option>
              ))}
            </select>
          </div>
        )}
        <button type="submit" className="primary" disabled={!ready} data-testid="record-outcome">
          {busy ? 'Recording…' : 'Record outcome'}
        </button>
      </fieldset>
    </form>
  );
}

export function GunshotDetails({ id }: { id: string }) {
  const { byId } = useStore(gunshots);
  const g = byId.get(id);
  if (!g) return <p className="muted">This alert is older than 24 hours and has left the map.</p>;
  return (
    <div data-testid="gunshot-details">
      <h2>Gunshot alert</h2>
      <p className={g.humanReviewed ? 'reviewed-note' : 'stale-note'} data-testid="gunshot-reviewed">
        {g.humanReviewed ? 'Reviewed by a person at the vendor before it was sent' : 'Not reviewed: machine detection only'}
      </p>
      <dl className="facts">
        <dt>Detected</dt>
        <dd>
          {fmtDateTime(g.detectedAt)} <span className="muted small">({fmtAgo(g.detectedAt)})</span>
        </dd>
        <dt>Where</dt>
        <dd>
          {g.address ? `${g.address} · ` : ''}
          <span className={g.address ? 'muted small' : undefined}>
            {g.location[1].toFixed(5)}, {g.location[0].toFixed(5)}
          </span>
        </dd>
        <dt>Rounds</dt>
        <dd data-testid="gunshot-rounds">{g.rounds ?? '—'}</dd>
        <dt>Confidence</dt>
        <dd>{g.confidence !== undefined ? fmtPct(g.confidence) : '—'}</dd>
        {g.classification && (
          <>
            <dt>Classification</dt>
            <dd>{g.classification.replace(/_/g, ' ')}</dd>
          </>
        )}
        {g.sensorCount !== undefined && (
          <>
            <dt>Sensors</dt>
            <dd>{g.sensorCount}</dd>
          </>
        )}
        <dt>Vendor</dt>
        <dd>
          {g.vendor} <span className="muted small">· alert {g.sourceEventId}</span>
        </dd>
        <dt>Received</dt>
        <dd className="muted small">
          {fmtDateTime(g.receivedAt)}
          {g.updatedAt !== g.detectedAt ? ` · vendor update ${fmtDateTime(g.updatedAt)}` : ''}
        </dd>
        <dt>Outcome</dt>
        <dd data-testid="gunshot-outcome">
          {g.outcome ? (
            <>
              <strong>{g.outcome.evidenceFound ? 'Evidence found' : 'No evidence found'}</strong>
              <span className="muted small">
                {' '}
                · {g.outcome.recordedBy}, {fmtDateTime(g.outcome.recordedAt)}
              </span>
              {g.outcome.note && <span className="small"> — {g.outcome.note}</span>}
            </>
          ) : (
            <span className="muted">not recorded yet</span>
          )}
        </dd>
      </dl>
      <OutcomeForm g={g} />
    </div>
  );
}
