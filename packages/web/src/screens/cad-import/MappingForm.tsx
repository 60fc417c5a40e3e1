/**
 * Saves a column mapping: starts from the selected one (a preset or a saved mapping), so a new
 * layout is usually a copy with a few columns renamed. Presets are saved as copies; a saved
 * mapping can be changed in place.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { CFS_FIELDS, CFS_TIME_FORMATS, type CfsBlockLevel, type CfsEncoding, type CfsField, type CfsMappingInput, type CfsMappingView, type CfsTimeFormat } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';

const FIELD_LABELS: Record<CfsField, string> = {
  incidentNumber: 'Incident number (required)',
  receivedAt: 'Received time (required)',
  nature: 'Nature "code - text"',
  typeCode: 'Type code',
  typeText: 'Type text',
  priority: 'Priority',
  status: 'Status',
  address: 'Address (whole)',
  block: 'Block',
  street: 'Street',
  city: 'City',
  beat: 'Beat / reporting area',
  latitude: 'Latitude',
  longitude: 'Longitude',
  unit: 'Unit',
};

const TIME_FORMAT_LABELS: Record<CfsTimeFormat, string> = {
  iso: '2018-01-09T09:26:00 or 2018-01-09 09:26:00',
  mdy: '1/9/2018 9:26:00 AM',
  'epoch-seconds': 'Unix seconds',
  'epoch-millis': 'Unix milliseconds',
};

/** The form's state: every option filled in; columns as typed (the server checks the required ones). */
type Draft = Required<Omit<CfsMappingInput, 'columns'>> & { columns: Partial<Record<CfsField, string>> };

function inputOf(m: CfsMappingView): Draft {
  return { name: m.builtIn ? `${m.name} (copy)` : m.name, sourceSystem: m.sourceSystem, columns: { ...m.columns }, timeZone: m.timeZone, timeFormat: m.timeFormat, blockLevel: m.blockLevel, encoding: m.encoding ?? 'utf-8', closeMissing: m.closeMissing ?? false };
}

export function MappingForm({ from, onSaved }: { from: CfsMappingView; onSaved: (m: CfsMappingView) => void }) {
  const [v, setV] = useState<Draft>(() => inputOf(from));
  const [busy, setBusy] = useState(false);
  useEffect(() => setV(inputOf(from)), [from]);
  const setColumn = (f: CfsField, col: string) => setV((x) => ({ ...x, columns: { ...x.columns, [f]: col } }));
  const save = async (e: FormEvent, asNew: boolean) => {
    e.preventDefault();
    setBusy(true);
    try {
      const columns = Object.fromEntries(Object.entries(v.columns).filter(([, c]) => c && c.trim() !== ''));
      const body = { ...v, columns };
      const saved = asNew ? await api<CfsMappingView>('POST', '/api/v1/cad/mappings', { body }) : await api<CfsMappingView>('PUT', `/api/v1/cad/mappings/${encodeURIComponent(from.id)}`, { body });
      onSaved(saved);
    } catch (err) {
      reportError('Could not save the mapping', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card cfs-mapping-form" onSubmit={(e) => void save(e, true)} aria-label="Column mapping">
      <h3>Column mapping</h3>
      <div className="two-col">
        <div className="form-row">
          <label htmlFor="map-name">Name</label>
          <input id="map-name" value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} />
        </div>
        <div className="form-row">
          <label htmlFor="map-source">Incident number namespace</label>
          <input id="map-source" value={v.sourceSystem} onChange={(e) => setV({ ...v, sourceSystem: e.target.value })} placeholder="cfs:county-cad" />
        </div>
        <div className="form-row">
          <label htmlFor="map-zone">Time zone of the file (IANA)</label>
          <input id="map-zone" value={v.timeZone} onChange={(e) => setV({ ...v, timeZone: e.target.value })} placeholder="America/Chicago" />
        </div>
        <div className="form-row">
          <label htmlFor="map-format">Time format</label>
          <select id="map-format" value={v.timeFormat} onChange={(e) => setV({ ...v, timeFormat: e.target.value as CfsTimeFormat })}>
            {CFS_TIME_FORMATS.map((f) => (
              <option key={f} value={f}>
                {TIME_FORMAT_LABELS[f]}
              </option>
            ))}
          </select>
        </div>
        <div className="form-row">
          <label htmlFor="map-block">Addresses</label>
          <select id="map-block" value={v.blockLevel} onChange={(e) => setV({ ...v, blockLevel: e.target.value as CfsBlockLevel })}>
            <option value="detect">Mark masked ones (11XX BATES ST) as block-level</option>
            <option value="always">The file has block-level addresses only</option>
          </select>
        </div>
        <div className="form-row">
          <label htmlFor="map-encoding">Character encoding</label>
          <select id="map-encoding" value={v.encoding} onChange={(e) => setV({ ...v, encoding: e.target.value as CfsEncoding })}>
            <option value="utf-8">UTF-8</option>
            <option value="latin1">Latin-1 (older Windows exports)</option>
          </select>
        </div>
      </div>
      <label className="check">
        <input type="checkbox" checked={v.closeMissing} onChange={(e) => setV({ ...v, closeMissing: e.target.checked })} /> The file lists every open call (an active-calls
        snapshot): close open incidents it no longer lists
      </label>
      <fieldset className="cfs-columns">
        <legend>Column in the file for each field (leave empty when the file has none)</legend>
        {CFS_FIELDS.map((f) => (
          <div className="form-row" key={f}>
            <label htmlFor={`col-${f}`}>{FIELD_LABELS[f]}</label>
            <input id={`col-${f}`} value={v.columns[f] ?? ''} onChange={(e) => setColumn(f, e.target.value)} />
          </div>
        ))}
      </fieldset>
      <button type="submit" className="primary" disabled={busy}>
        Save as new mapping
      </button>
      {!from.builtIn && (
        <button type="button" className="ghost" disabled={busy} onClick={(e) => void save(e, false)}>
          Save changes
        </button>
      )}
    </form>
  );
}
