/**
 * Records a hit's disposition, once, by a named person. Number keys 1–6 pick the disposition,
 * n jumps to the name, Ctrl+Enter (or Enter in a field) records.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client.ts';
import type { Disposition, HitView } from '../../api/wire.ts';
import { DISPOSITIONS } from '@openrtcc/domain';
import { reportError } from '../../app/errors.ts';
import { navigate } from '../../app/router.ts';
import { applyVerified } from '../../live/hits.ts';
import { DISPOSITION_LABELS } from '../../ui/format.ts';
import { isTyping } from './use-queue-keys.ts';

const NAME_KEY = 'rtcc.verifier';

const HINTS: Record<Disposition, string> = {
  confirmed: 'plate, state and vehicle match the record',
  misread: 'the camera read the plate wrong',
  wrong_state: 'same plate text, another state',
  vehicle_mismatch: 'plate matches, vehicle does not',
  record_stale: 'the record is cleared or out of date',
  dismissed: 'not worth acting on, for another reason',
};

export function DispositionForm({ hit, nextId }: { hit: HitView; nextId?: string }) {
  const [disposition, setDisposition] = useState<Disposition | null>(null);
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const ready = disposition !== null && name.trim().length > 0 && !busy;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && e.ctrlKey) {
        e.preventDefault();
        formRef.current?.requestSubmit();
        return;
      }
      if (isTyping(e) || e.ctrlKey || e.altKey || e.metaKey) return;
      const n = Number(e.key);
      if (Number.isInteger(n) && n >= 1 && n <= DISPOSITIONS.length) {
        e.preventDefault();
        setDisposition(DISPOSITIONS[n - 1]);
      } else if (e.key === 'n') {
        e.preventDefault();
        nameRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    try {
      const body: { disposition: Disposition; verifiedBy: string; note?: string } = { disposition: disposition!, verifiedBy: name.trim() };
      if (note.trim()) body.note = note.trim();
      const updated = await api<HitView>('POST', `/api/v1/hits/${encodeURIComponent(hit.id)}/verification`, { body });
      localStorage.setItem(NAME_KEY, name.trim());
      applyVerified(updated);
      navigate(nextId ? `/hits/${nextId}` : `/hits/${hit.id}`, { replace: true });
    } catch (err) {
      reportError('The disposition was not recorded', err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="disposition card" ref={formRef} onSubmit={submit} aria-label="Disposition">
      <h3>Disposition</h3>
      <div className="disposition-options" role="radiogroup" aria-label="Disposition">
        {DISPOSITIONS.map((d, i) => (
          <label key={d} className={disposition === d ? `option selected ${d}` : `option ${d}`}>
            <input type="radio" name="disposition" value={d} checked={disposition === d} onChange={() => setDisposition(d)} />
            <kbd>{i + 1}</kbd>
            <span>
              <strong>{DISPOSITION_LABELS[d]}</strong>
              <span className="muted small"> {HINTS[d]}</span>
            </span>
          </label>
        ))}
      </div>
      <div className="form-row">
        <label htmlFor="verifier">Your name (recorded with the disposition)</label>
        <input id="verifier" ref={nameRef} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} placeholder="e.g. Analyst J. Rivera" autoComplete="name" />
      </div>
      <div className="form-row">
        <label htmlFor="verify-note">Note (optional)</label>
        <input id="verify-note" value={note} onChange={(e) => setNote(e.target.value)} maxLength={2000} placeholder="what you checked" />
      </div>
      <button type="submit" className="primary big" disabled={!ready}>
        {busy ? 'Recording…' : disposition ? `Record: ${DISPOSITION_LABELS[disposition]}` : 'Choose a disposition (1–6)'}
      </button>
    </form>
  );
}
