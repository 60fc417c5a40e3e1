/**
 * "Which vehicles were near this incident?": a justified read search of a radius around the
 * incident in a window around its opening time. The justification (offense type, and the case
 * number prefilled with the incident's number) is checked with the search screen's own rules
 * (`checkForm`), and the button stays disabled until it is complete. Results are listed here and
 * drawn on the live map; "Open in Search" carries the same query to the search screen for paging
 * and CSV export.
 */
import { useMemo, useState } from 'react';
import { distanceMeters, type IncidentView, type LonLat } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import type { CameraView, Page, ReadView } from '../../api/wire.ts';
import { reportError } from '../../app/errors.ts';
import { navigate } from '../../app/router.ts';
import { incidentNumber } from '../../live/incidents.ts';
import { fmtDateTime } from '../../ui/format.ts';
import { Plate, ReadFacts } from '../../ui/ReadDetails.tsx';
import { checkForm, emptyForm, formToParams, isoToLocal, type SearchForm } from '../search/search-query.ts';
import { noteLabel, OffenseSelect, useJustificationPolicy } from '../search/JustificationParts.tsx';
import { fmtMeters } from './use-now.ts';

const RADII = [250, 500, 1000, 2000];
const WINDOWS_MIN = [15, 30, 60, 120];
const LIMIT = 100;

export interface NearbyResults {
  incidentId: string;
  reads: ReadView[];
  total: number;
  caseNumber: string;
}

export function NearbyReads(p: {
  incident: IncidentView;
  at: LonLat;
  cameras: ReadonlyMap<string, CameraView>;
  results: NearbyResults | null;
  onResults: (r: NearbyResults | null) => void;
  selectedId: string | null;
  onSelectResult: (id: string | null) => void;
}) {
  const opened = Date.parse(p.incident.openedAt);
  const [radius, setRadius] = useState(500);
  const [form, setForm] = useState<SearchForm>(() => ({ ...emptyForm(), from: isoToLocal(opened - 30 * 60_000), to: isoToLocal(opened + 30 * 60_000), caseNumber: incidentNumber(p.incident) }));
  const [touched, setTouched] = useState(false);
  const [busy, setBusy] = useState(false);
  const full: SearchForm = useMemo(() => ({ ...form, area: { center: p.at, radiusMeters: radius } }), [form, p.at, radius]);
  const { offenses } = useJustificationPolicy();
  const check = useMemo(() => checkForm(full, LIMIT, offenses), [full, offenses]);
  const set = <K extends keyof SearchForm>(k: K, v: SearchForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const problem = (field: string) => check.justification.find((x) => x.field === field)?.message;
  const results = p.results?.incidentId === p.incident.id ? p.results : null;

  const run = async () => {
    setTouched(true);
    if (!check.body) return;
    setBusy(true);
    try {
      const page = await api<Page<ReadView>>('POST', '/api/v1/reads/search', { body: check.body });
      p.onResults({ incidentId: p.incident.id, reads: page.items, total: page.total, caseNumber: check.body.justification.caseNumber });
      p.onSelectResult(null);
    } catch (e) {
      reportError('The search near the incident failed', e);
    } finally {
      setBusy(false);
    }
  };
  const sel = results?.reads.find((r) => r.id === p.selectedId);
  const where = (r: ReadView) => r.location ?? (r.cameraId ? p.cameras.get(r.cameraId)?.location : undefined);

  return (
    <section className="nearby-reads" aria-label="Reads near the incident" data-testid="nearby-reads">
      <h3>Reads near the incident</h3>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <div className="form-row nearby-where">
          <label htmlFor="nearby-radius">Within</label>
          <select id="nearby-radius" value={radius} onChange={(e) => setRadius(Number(e.target.value))}>
            {RADII.map((r) => (
              <option key={r} value={r}>
                {fmtMeters(r)} of the incident
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label>When: around the opening ({fmtDateTime(p.incident.openedAt)})</label>
          <div className="chips">
            {WINDOWS_MIN.map((m) => (
              <button key={m} type="button" className="chip" onClick={() => setForm((f) => ({ ...f, from: isoToLocal(opened - m * 60_000), to: isoToLocal(opened + m * 60_000) }))}>
                ±{m} min
              </button>
            ))}
          </div>
          <div className="nearby-window">
            <label htmlFor="nearby-from">From</label>
            <input id="nearby-from" type="datetime-local" value={form.from} onChange={(e) => set('from', e.target.value)} />
            <label htmlFor="nearby-to">To</label>
            <input id="nearby-to" type="datetime-local" value={form.to} onChange={(e) => set('to', e.target.value)} />
          </div>
        </div>
        <fieldset className="justification" data-testid="nearby-justification">
          <legend>Justification — required, recorded in the audit trail</legend>
          <div className="form-row">
            <label htmlFor="nearby-offense">Offense type</label>
            <OffenseSelect id="nearby-offense" value={form.offenseType} offenses={offenses} onChange={(v) => set('offenseType', v)} />
            {touched && problem('offenseType') && <p className="field-problem">{problem('offenseType')}</p>}
          </div>
          <div className="form-row">
            <label htmlFor="nearby-case">Case or incident number</label>
            <input id="nearby-case" value={form.caseNumber} onChange={(e) => set('caseNumber', e.target.value)} autoComplete="off" />
            {problem('caseNumber') && form.caseNumber !== '' && <p className="field-problem">{problem('caseNumber')}</p>}
          </div>
          <div className="form-row">
            <label htmlFor="nearby-note">{noteLabel(offenses, form.offenseType)}</label>
            <input id="nearby-note" value={form.note} onChange={(e) => set('note', e.target.value)} autoComplete="off" />
            {touched && problem('note') && <p className="field-problem">{problem('note')}</p>}
          </div>
        </fieldset>
        {check.blocker && <p className="field-problem">{check.blocker}</p>}
        <button type="submit" className="primary" disabled={!check.body || busy} data-testid="nearby-search">
          {busy ? 'Searching…' : check.body ? `Search reads within ${fmtMeters(radius)}` : 'Search (justification required)'}
        </button>
        <button type="button" className="link small" disabled={!check.body} onClick={() => navigate(`/search?${formToParams(full).toString()}`)}>
          Open in Search (all pages, CSV)
        </button>
      </form>
      {results && (
        <div className="nearby-results">
          <p data-testid="nearby-total">
            <strong>
              {results.total.toLocaleString()} read{results.total === 1 ? '' : 's'}
            </strong>{' '}
            <span className="muted small">
              {results.total > results.reads.length ? `, the newest ${results.reads.length} listed` : ''} · case {results.caseNumber}
            </span>
          </p>
          {results.reads.length === 0 ? (
            <p className="muted">No reads in that area and window.</p>
          ) : (
            <ul className="read-list" data-testid="nearby-list">
              {results.reads.map((r) => {
                const at = where(r);
                return (
                  <li key={r.id} className={r.id === p.selectedId ? 'selected' : undefined}>
                    <button type="button" className="link" onClick={() => p.onSelectResult(r.id === p.selectedId ? null : r.id)}>
                      <Plate text={r.plate} state={r.state} />{' '}
                      <span className="muted small">
                        {fmtDateTime(r.observedAt)}
                        {at ? ` · ${fmtMeters(distanceMeters(p.at, at))} away` : ''}
                        {r.cameraId && p.cameras.get(r.cameraId) ? ` · ${p.cameras.get(r.cameraId)!.name}` : ''}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
          {sel && (
            <div className="card">
              <ReadFacts read={sel} camera={sel.cameraId ? p.cameras.get(sel.cameraId) : undefined} />
            </div>
          )}
        </div>
      )}
    </section>
  );
}
