/**
 * The search form. The justification is part of it, checked as it is typed with the same rules
 * the server applies (`validateJustification` from the domain), and the search button stays
 * disabled until it is complete.
 */
import { useMemo, useState } from 'react';
import { OFFENSE_TYPES, type OffenseTypeDef } from '@openrtcc/domain';
import type { CameraView, SearchArea } from '../../api/wire.ts';
import type { DrawMode } from '../../map/layers/AreaDraw.tsx';
import { isoToLocal, type FormCheck, type JustificationPolicyView, type Refusal, type SearchForm } from './search-query.ts';
import { VehicleFields } from './VehicleFields.tsx';
import './search.css';
import { noteLabel, OffenseSelect } from './JustificationParts.tsx';

const WINDOWS: [string, number][] = [
  ['1 h', 3_600_000],
  ['24 h', 86_400_000],
  ['7 days', 7 * 86_400_000],
  ['30 days', 30 * 86_400_000],
];

function areaText(a: SearchArea | null): string {
  if (!a) return 'No area';
  if ('center' in a) return `Radius ${a.radiusMeters.toLocaleString()} m around ${a.center[1].toFixed(4)}, ${a.center[0].toFixed(4)}`;
  return `Polygon with ${a.coordinates[0].length - 1} corners`;
}

export function SearchFormView(p: {
  form: SearchForm;
  setForm: (f: (prev: SearchForm) => SearchForm) => void;
  check: FormCheck;
  /** The agency's offense list; the default one until the server's has loaded. */
  offenseTypes?: readonly OffenseTypeDef[];
  prohibitedPurposes?: JustificationPolicyView['prohibitedPurposes'];
  /** The server's last refusal of this form's justification. */
  refusal: Refusal | null;
  busy: boolean;
  cameras: CameraView[];
  drawMode: DrawMode;
  setDrawMode: (m: DrawMode) => void;
  onArea: (a: SearchArea | null) => void;
  onSubmit: () => void;
  /** The sharing module is on: offer to include partner agencies. */
  partnersAvailable?: boolean;
}) {
  const { form, setForm, check } = p;
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [camFilter, setCamFilter] = useState('');
  const set = <K extends keyof SearchForm>(k: K, v: SearchForm[K]) => setForm((f) => ({ ...f, [k]: v }));
  const problem = (field: string) => (touched[field] ? check.justification.find((x) => x.field === field)?.message : undefined);
  const shownCams = useMemo(() => {
    const q = camFilter.trim().toLowerCase();
    return q ? p.cameras.filter((c) => c.name.toLowerCase().includes(q) || form.cameraIds.includes(c.id)) : p.cameras;
  }, [p.cameras, camFilter, form.cameraIds]);
  const jOk = check.justification.length === 0 && form.offenseType !== '' && form.caseNumber.trim() !== '';
  const offenses: readonly OffenseTypeDef[] = p.offenseTypes ?? OFFENSE_TYPES;
  return (
    <form
      className="search-form"
      aria-label="Search reads"
      onSubmit={(e) => {
        e.preventDefault();
        setTouched({ offenseType: true, caseNumber: true, note: true });
        if (check.body) p.onSubmit();
      }}
    >
      <fieldset className="justification" data-testid="justification">
        <legend>Justification — required, recorded in the audit trail</legend>
        <div className="form-row">
          <label htmlFor="offense">Offense type</label>
          <OffenseSelect id="offense" value={form.offenseType} offenses={offenses} onChange={(v) => set('offenseType', v)} onBlur={() => setTouched((t) => ({ ...t, offenseType: true }))} />
          {problem('offenseType') && <p className="field-problem">{problem('offenseType')}</p>}
        </div>
        <div className="form-row">
          <label htmlFor="case">Case or incident number</label>
          <input id="case" value={form.caseNumber} onChange={(e) => set('caseNumber', e.target.value)} onBlur={() => setTouched((t) => ({ ...t, caseNumber: true }))} placeholder="e.g. 2026-004512" autoComplete="off" />
          {problem('caseNumber') && <p className="field-problem">{problem('caseNumber')}</p>}
        </div>
        <div className="form-row">
          <label htmlFor="note">{noteLabel(offenses, form.offenseType)}</label>
          <input id="note" value={form.note} onChange={(e) => set('note', e.target.value)} onBlur={() => setTouched((t) => ({ ...t, note: true }))} placeholder="what is being investigated" autoComplete="off" />
          {problem('note') && <p className="field-problem">{problem('note')}</p>}
        </div>
        <p className={jOk ? 'j-state ok' : 'j-state'} data-testid="justification-state">
          {jOk ? '✓ Justification complete' : 'Fill in the offense type and case number to search.'}
        </p>
        {p.refusal && (
          <div className="search-refusal" role="alert" data-testid="search-refusal">
            <strong>{p.refusal.code === 'prohibited_purpose' ? 'Search refused: prohibited purpose' : 'Search refused: justification'}</strong>
            <p>{p.refusal.message}</p>
          </div>
        )}
        {p.prohibitedPurposes && p.prohibitedPurposes.length > 0 && (
          <p className="muted small" data-testid="prohibited-purposes">
            Searches are refused for: {p.prohibitedPurposes.map((x) => x.label).join(' · ')}.
          </p>
        )}
      </fieldset>

      <fieldset>
        <legend>Plate</legend>
        <div className="form-row">
          <label htmlFor="plate">Plate or pattern</label>
          <input id="plate" className="plate-input" value={form.plate} onChange={(e) => set('plate', e.target.value.toUpperCase())} placeholder="ABC1234, AB?123, *C12*" autoComplete="off" spellCheck={false} />
          <p className="muted small">? is one unknown character, * any run of characters.</p>
        </div>
        <label className="check">
          <input type="checkbox" checked={form.fuzzy} onChange={(e) => set('fuzzy', e.target.checked)} /> Fuzzy: also plates one edit or one look-alike character away
        </label>
        {p.partnersAvailable && (
          <label className="check">
            <input type="checkbox" data-testid="include-partners" checked={form.includePartners === true} onChange={(e) => set('includePartners', e.target.checked)} /> Include partner agencies (their limits apply; they record the search too)
          </label>
        )}
      </fieldset>

      <fieldset>
        <legend>Time window</legend>
        <div>
          <div className="form-row">
            <label htmlFor="from">From</label>
            <input id="from" type="datetime-local" value={form.from} onChange={(e) => set('from', e.target.value)} />
          </div>
          <div className="form-row">
            <label htmlFor="to">To</label>
            <input id="to" type="datetime-local" value={form.to} onChange={(e) => set('to', e.target.value)} />
          </div>
        </div>
        <div className="chips">
          {WINDOWS.map(([label, ms]) => (
            <button key={label} type="button" className="chip" onClick={() => setForm((f) => ({ ...f, from: isoToLocal(Date.now() - ms), to: '' }))}>
              Last {label}
            </button>
          ))}
          <button type="button" className="chip" onClick={() => setForm((f) => ({ ...f, from: '', to: '' }))}>
            Any time
          </button>
        </div>
      </fieldset>

      <VehicleFields vehicle={form.vehicle} onChange={(v) => set('vehicle', v)} />

      <fieldset>
        <legend>Where</legend>
        <div className="chips">
          <button type="button" className={p.drawMode === 'circle' ? 'chip on' : 'chip'} onClick={() => p.setDrawMode('circle')}>
            ◯ Draw radius
          </button>
          <button type="button" className={p.drawMode === 'polygon' ? 'chip on' : 'chip'} onClick={() => p.setDrawMode('polygon')}>
            ⬠ Draw polygon
          </button>
          <button
            type="button"
            className="chip"
            disabled={!form.area && p.drawMode === 'none'}
            onClick={() => {
              p.setDrawMode('none');
              p.onArea(null);
            }}
          >
            Clear area
          </button>
        </div>
        <p className="small" data-testid="area-text">
          {areaText(form.area)}
        </p>
        <details className="camera-picker" open={form.cameraIds.length > 0}>
          <summary>
            Cameras {form.cameraIds.length ? `(${form.cameraIds.length} selected)` : '(any)'}
          </summary>
          <input type="search" placeholder="Filter cameras" value={camFilter} onChange={(e) => setCamFilter(e.target.value)} aria-label="Filter cameras" />
          <div className="camera-options">
            {shownCams.map((c) => (
              <label key={c.id} className="check">
                <input type="checkbox" checked={form.cameraIds.includes(c.id)} onChange={(e) => set('cameraIds', e.target.checked ? [...form.cameraIds, c.id] : form.cameraIds.filter((x) => x !== c.id))} />
                {c.name}
              </label>
            ))}
            {shownCams.length === 0 && <p className="muted small">No cameras.</p>}
          </div>
          {form.cameraIds.length > 0 && (
            <button type="button" className="link small" onClick={() => set('cameraIds', [])}>
              Clear camera selection
            </button>
          )}
        </details>
      </fieldset>

      {check.blocker && <p className="field-problem">{check.blocker}</p>}
      <button type="submit" className="primary big" disabled={!check.body || p.busy} data-testid="search-button">
        {p.busy ? 'Searching…' : check.body ? 'Search' : 'Search (justification required)'}
      </button>
    </form>
  );
}
