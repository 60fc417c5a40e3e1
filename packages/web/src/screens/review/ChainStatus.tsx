/** The audit chain's verification status: checked on open and on demand (the whole chain is read). */
import { useCallback, useEffect, useState } from 'react';
import type { AuditVerifyView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';

export function ChainStatus() {
  const [v, setV] = useState<AuditVerifyView | null>(null);
  const [busy, setBusy] = useState(false);
  const check = useCallback(async () => {
    setBusy(true);
    try {
      setV(await api<AuditVerifyView>('GET', '/api/v1/audit/verify'));
    } catch (e) {
      reportError('Could not verify the audit chain', e);
    } finally {
      setBusy(false);
    }
  }, []);
  useEffect(() => void check(), [check]);
  const state = v === null ? 'unknown' : v.ok ? 'ok' : 'broken';
  return (
    <section className={`card chain-status ${state}`} data-testid="chain-status" aria-live="polite">
      <div className="section-head">
        <h2>Audit chain</h2>
        <button type="button" className="ghost small" onClick={() => void check()} disabled={busy}>
          {busy ? 'Checking…' : 'Check again'}
        </button>
      </div>
      {v === null ? (
        <p className="muted">{busy ? 'Checking every record…' : 'Not checked yet.'}</p>
      ) : v.ok ? (
        <p>
          <strong className="chain-ok">Intact</strong>: {v.records.toLocaleString()} records, every link and hash holds;{' '}
          {v.rootsChecked === 0 ? 'no daily root published yet (the first is published after the first full day).' : `${v.rootsChecked} published daily root${v.rootsChecked === 1 ? '' : 's'} match (newest ${v.latestRootDay}).`}
        </p>
      ) : (
        <p>
          <strong className="chain-broken">Broken</strong> at record {v.broken?.seq}
          {v.broken?.at ? ` (${new Date(v.broken.at).toLocaleString()})` : ''}: {v.broken?.reason}. Report this to the CJIS security officer.
        </p>
      )}
    </section>
  );
}
