/**
 * The retention policy: a preset (state law or "N days") and per-type overrides. Admins change
 * it; everyone who may see it sees the days in force and what the preset says.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { RetentionPolicyView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { daysText, when } from './retention-format.ts';

/** An override field's text: blank follows the preset, `keep` keeps forever, else whole days. */
function overrideText(v: number | null | undefined): string {
  return v === undefined ? '' : v === null ? 'keep' : String(v);
}

function parseOverride(text: string): number | null | undefined | 'bad' {
  const t = text.trim().toLowerCase();
  if (t === '') return undefined;
  if (t === 'keep') return null;
  return /^\d+$/.test(t) ? Number(t) : 'bad';
}

export function PolicyCard({ policy, canManage, onSaved }: { policy: RetentionPolicyView; canManage: boolean; onSaved: (p: RetentionPolicyView) => void }) {
  const [preset, setPreset] = useState(policy.preset);
  const [texts, setTexts] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setPreset(policy.preset);
    setTexts(Object.fromEntries(policy.dataTypes.map((d) => [d.dataType, overrideText(policy.overrides[d.dataType])])));
  }, [policy]);
  const chosen = policy.presets.find((p) => p.id === preset);
  const parsed = Object.fromEntries(Object.entries(texts).map(([k, v]) => [k, parseOverride(v)]));
  const invalid = Object.entries(parsed).filter(([, v]) => v === 'bad').map(([k]) => k);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const overrides = Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined));
    setBusy(true);
    try {
      onSaved(await api<RetentionPolicyView>('PUT', '/api/v1/retention/policy', { body: { preset, overrides } }));
    } catch (err) {
      reportError('Could not change the retention policy', err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="card" onSubmit={save} aria-label="Retention policy" data-testid="retention-policy">
      <h2>Policy</h2>
      <label htmlFor="retention-preset">Preset</label>
      <select id="retention-preset" value={preset} disabled={!canManage} onChange={(e) => setPreset(e.target.value)}>
        {policy.presets.map((p) => (
          <option key={p.id} value={p.id}>
            {p.label}
          </option>
        ))}
      </select>
      {chosen && <p className="muted small retention-note">{chosen.description}</p>}
      <div className="table-wrap">
        <table className="data-table">
          <thead>
            <tr>
              <th>Data</th>
              <th className="hide-phone">Preset</th>
              <th>Override</th>
              <th>In force</th>
            </tr>
          </thead>
          <tbody>
            {policy.dataTypes.map((d) => (
              <tr key={d.dataType} data-type={d.dataType}>
                <td>{d.label}</td>
                <td className="hide-phone">{chosen ? daysText(chosen.days[d.dataType] ?? null) : '—'}</td>
                <td>
                  <input
                    className="days-input"
                    aria-label={`Override for ${d.label}`}
                    placeholder="preset"
                    value={texts[d.dataType] ?? ''}
                    disabled={!canManage}
                    aria-invalid={parsed[d.dataType] === 'bad'}
                    onChange={(e) => setTexts((t) => ({ ...t, [d.dataType]: e.target.value }))}
                  />
                </td>
                <td className={d.overridden ? 'overridden' : undefined} data-testid="days-in-force">
                  {daysText(d.days)}
                </td>
              </tr>
            ))}
            <tr>
              <td>Audit records</td>
              <td colSpan={3} className="muted">
                {policy.audit.note}
              </td>
            </tr>
          </tbody>
        </table>
      </div>
      <p className="muted small retention-note">
        Override: whole days, <code>keep</code> to keep until changed, or blank to follow the preset.{' '}
        {policy.updatedAt ? `Last changed ${when(policy.updatedAt)} by ${policy.updatedBy ?? 'unknown'}.` : 'Never changed: the standard preset applies.'}
      </p>
      {canManage && (
        <button type="submit" className="primary" disabled={busy || invalid.length > 0}>
          Save policy
        </button>
      )}
    </form>
  );
}
