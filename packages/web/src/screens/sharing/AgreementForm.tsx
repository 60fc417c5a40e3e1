/**
 * A new agreement with another agency: outbound (we share with them; the partner key comes back
 * once) or inbound (they share with us: their URL and the key they gave us).
 */
import { useState, type FormEvent } from 'react';
import { OFFENSE_TYPES, type SharingAgreementView, type SharingDirection } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';

export interface Created {
  agreement: SharingAgreementView;
  key?: string;
}

const splitList = (s: string): string[] =>
  s
    .split(/[\s,]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** The end of the day a year from now, as the date input's default. */
const aYearFromNow = (): string => new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);

export function AgreementForm({ onCreated }: { onCreated: (c: Created) => void }) {
  const [direction, setDirection] = useState<SharingDirection>('outbound');
  const [partnerAgency, setPartnerAgency] = useState('');
  const [partnerUrl, setPartnerUrl] = useState('');
  const [partnerKey, setPartnerKey] = useState('');
  const [states, setStates] = useState('');
  const [offenses, setOffenses] = useState<string[]>([]);
  const [maxResults, setMaxResults] = useState(100);
  const [maxWindowDays, setMaxWindowDays] = useState('');
  const [expires, setExpires] = useState(aYearFromNow);
  const [basis, setBasis] = useState('');
  const [busy, setBusy] = useState(false);
  const outbound = direction === 'outbound';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    const limits: Record<string, unknown> = { maxResults };
    if (splitList(states).length > 0) limits.states = splitList(states);
    if (offenses.length > 0) limits.offenseTypes = offenses;
    if (maxWindowDays.trim() !== '') limits.maxWindowDays = Number(maxWindowDays);
    const body: Record<string, unknown> = { direction, partnerAgency: partnerAgency.trim(), expiresAt: `${expires}T23:59:59Z`, scope: ['reads'] };
    if (outbound) body.limits = limits;
    if (partnerUrl.trim()) body.partnerUrl = partnerUrl.trim();
    if (!outbound) body.partnerKey = partnerKey.trim();
    if (basis.trim()) body.basis = basis.trim();
    try {
      onCreated(await api<Created>('POST', '/api/v1/sharing/agreements', { body }));
      setPartnerAgency('');
      setPartnerKey('');
      setPartnerUrl('');
    } catch (err) {
      reportError('Could not make the agreement', err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card sharing-form" onSubmit={submit} aria-label="New agreement">
      <h2>New agreement</h2>
      <fieldset className="direction">
        <legend>Direction</legend>
        <label>
          <input type="radio" name="direction" checked={outbound} onChange={() => setDirection('outbound')} /> We share with them
        </label>
        <label>
          <input type="radio" name="direction" checked={!outbound} onChange={() => setDirection('inbound')} /> They share with us
        </label>
      </fieldset>
      <label htmlFor="agr-agency">Partner agency</label>
      <input id="agr-agency" value={partnerAgency} onChange={(e) => setPartnerAgency(e.target.value)} placeholder="Bravo County Sheriff" autoComplete="off" />
      <label htmlFor="agr-url">Partner server URL{outbound ? ' (optional)' : ''}</label>
      <input id="agr-url" value={partnerUrl} onChange={(e) => setPartnerUrl(e.target.value)} placeholder="https://rtcc.partner.example" autoComplete="off" />
      {!outbound && (
        <>
          <label htmlFor="agr-key">Key the partner gave you</label>
          <input id="agr-key" value={partnerKey} onChange={(e) => setPartnerKey(e.target.value)} placeholder="rtcc_fed_…" autoComplete="off" />
        </>
      )}
      {outbound && (
        <>
          <label htmlFor="agr-states">Plate states shared (blank: all)</label>
          <input id="agr-states" value={states} onChange={(e) => setStates(e.target.value)} placeholder="TX, OK" autoComplete="off" />
          <label htmlFor="agr-offenses">Offense types allowed (none selected: all)</label>
          <select id="agr-offenses" multiple size={5} value={offenses} onChange={(e) => setOffenses([...e.target.selectedOptions].map((o) => o.value))}>
            {OFFENSE_TYPES.map((o) => (
              <option key={o.code} value={o.code}>
                {o.label}
              </option>
            ))}
          </select>
          <div className="row2">
            <span>
              <label htmlFor="agr-max">Results per query</label>
              <input id="agr-max" type="number" min={1} max={1000} value={maxResults} onChange={(e) => setMaxResults(Number(e.target.value))} />
            </span>
            <span>
              <label htmlFor="agr-window">Days back (blank: all)</label>
              <input id="agr-window" type="number" min={1} max={3650} value={maxWindowDays} onChange={(e) => setMaxWindowDays(e.target.value)} />
            </span>
          </div>
        </>
      )}
      <label htmlFor="agr-expires">Expires (end of day, UTC)</label>
      <input id="agr-expires" type="date" value={expires} onChange={(e) => setExpires(e.target.value)} />
      <label htmlFor="agr-basis">Basis (memorandum, legal authority)</label>
      <input id="agr-basis" value={basis} onChange={(e) => setBasis(e.target.value)} placeholder="Interlocal agreement 2026-14" autoComplete="off" />
      <button type="submit" className="primary" disabled={busy || partnerAgency.trim() === '' || (!outbound && (partnerKey.trim() === '' || partnerUrl.trim() === ''))}>
        Make agreement
      </button>
    </form>
  );
}
