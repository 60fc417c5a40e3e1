/** One flag: why it was raised, every audit record behind it, and the supervisor's disposition form. */
import { useEffect, useState, type FormEvent } from 'react';
import { REVIEW_DISPOSITIONS, type AuditFlagView, type AuditFlagWithRecordsView, type AuditRecordView, type AuditReviewInput, type AuditSearchQuery, type ReviewDisposition } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { DISPOSITION_LABELS, KIND_LABELS } from './review-labels.ts';

/** What a search record asked for (flags are raised on `reads.search` records only). */
function searchOf(r: AuditRecordView): string {
  const q = r.query as AuditSearchQuery | undefined;
  const what = q?.plate ?? (q?.area ? 'area' : q?.cameraIds ? 'cameras' : '—');
  return q?.cursor ? `${what} (next page)` : what;
}

function RecordsTable({ flag }: { flag: AuditFlagWithRecordsView }) {
  return (
    <div className="table-wrap">
      <table className="data-table" data-testid="flag-records">
        <thead>
          <tr>
            <th>Record</th>
            <th>When</th>
            <th>Plate</th>
            <th>Case</th>
            <th className="hide-phone">Offense</th>
            <th>Reads</th>
          </tr>
        </thead>
        <tbody>
          {flag.records.map((r) => (
            <tr key={r.seq}>
              <td>#{r.seq}</td>
              <td className="small">{new Date(r.at).toLocaleString()}</td>
              <td>{searchOf(r)}</td>
              <td>{r.justification?.caseNumber ?? '—'}</td>
              <td className="hide-phone">{r.justification?.offenseType ?? '—'}</td>
              <td>{r.resultCount ?? '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {flag.count > flag.records.length && <p className="muted small">{flag.count - flag.records.length} more records counted; the first {flag.records.length} are kept with the flag.</p>}
    </div>
  );
}

function DispositionForm({ flag, onDone }: { flag: AuditFlagWithRecordsView; onDone: (f: AuditFlagView) => void }) {
  const [disposition, setDisposition] = useState<ReviewDisposition | null>(null);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setDisposition(null);
    setNote('');
  }, [flag.id]);
  const ready = disposition !== null && note.trim().length >= 5 && !busy;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready || disposition === null) return;
    const body: AuditReviewInput = { disposition, note: note.trim() };
    setBusy(true);
    try {
      onDone(await api<AuditFlagView>('POST', `/api/v1/audit/review/${encodeURIComponent(flag.id)}`, { body }));
    } catch (err) {
      reportError('Could not record the review', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="review-form" onSubmit={(e) => void submit(e)} aria-label="Disposition">
      <fieldset>
        <legend>Disposition</legend>
        {REVIEW_DISPOSITIONS.map((d) => (
          <label key={d} className="review-choice">
            <input type="radio" name="disposition" value={d} checked={disposition === d} onChange={() => setDisposition(d)} />
            <span>
              <strong>{DISPOSITION_LABELS[d].label}</strong> <span className="muted small">{DISPOSITION_LABELS[d].hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <label htmlFor="review-note">What you checked (kept in the audit trail)</label>
      <textarea id="review-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} placeholder="e.g. Confirmed case 2026-004817 with Det. Lee; plate is the suspect vehicle." />
      <button type="submit" className="primary" disabled={!ready}>
        Record review
      </button>
    </form>
  );
}

export function FlagDetail({ flagId, onReviewed }: { flagId: string; onReviewed: (f: AuditFlagView) => void }) {
  const [flag, setFlag] = useState<AuditFlagWithRecordsView | null>(null);
  useEffect(() => {
    let live = true;
    setFlag(null);
    api<AuditFlagWithRecordsView>('GET', `/api/v1/audit/review/${encodeURIComponent(flagId)}`)
      .then((f) => live && setFlag(f))
      .catch((e) => reportError('Could not load the flag', e));
    return () => {
      live = false;
    };
  }, [flagId]);
  if (!flag) return <section className="card flag-detail muted">Loading…</section>;
  return (
    <section className="card flag-detail" data-testid="flag-detail">
      <h2>{KIND_LABELS[flag.kind]}</h2>
      <p>
        <strong>{flag.actor}</strong> · {flag.subject}
      </p>
      <p className="flag-reason">{flag.reason}</p>
      <p className="muted small">
        {new Date(flag.firstAt).toLocaleString()} – {new Date(flag.lastAt).toLocaleString()} · {flag.count} record{flag.count === 1 ? '' : 's'}
      </p>
      {flag.review && (
        <p className="flag-review" data-testid="flag-review">
          {flag.status === 'reviewed' ? 'Reviewed' : 'Reviewed earlier (new records since)'} by {flag.review.by}, {new Date(flag.review.at).toLocaleString()}: <strong>{DISPOSITION_LABELS[flag.review.disposition].label}</strong>. {flag.review.note}
        </p>
      )}
      <RecordsTable flag={flag} />
      {flag.status === 'open' && (
        <DispositionForm
          flag={flag}
          onDone={(f) => {
            setFlag({ ...f, records: flag.records });
            onReviewed(f);
          }}
        />
      )}
    </section>
  );
}
