/**
 * Sharing with other agencies (admins): agreements both ways with their status, a new agreement
 * (an outbound one's partner key is shown once), revocation, and every outside query of our data.
 */
import { useState } from 'react';
import type { SharingAgreementView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { fmtDateTime } from '../../ui/format.ts';
import { AgreementForm, type Created } from './AgreementForm.tsx';
import { OutsideQueries } from './OutsideQueries.tsx';
import './sharing.css';

function describeLimits(a: SharingAgreementView): string {
  if (a.direction === 'inbound') return 'set by the partner';
  const l = a.limits;
  return [
    l.states ? `states ${l.states.join(', ')}` : 'all states',
    l.offenseTypes ? `${l.offenseTypes.map((o) => o.replace(/_/g, ' ')).join(', ')} only` : 'any offense',
    `≤ ${l.maxResults} results`,
    l.maxWindowDays ? `last ${l.maxWindowDays} days` : undefined,
  ]
    .filter(Boolean)
    .join(' · ');
}

function KeyCard({ created, onClose }: { created: Created; onClose: () => void }) {
  return (
    <section className="card key-card" aria-label="Partner key" data-testid="partner-key-card">
      <h2>Partner key for {created.agreement.partnerAgency}</h2>
      <p className="muted">
        Shown once. Give it to {created.agreement.partnerAgency} over a trusted channel; they enter it in their “They share with us” agreement. It lets them search our reads under
        this agreement only, until {fmtDateTime(created.agreement.expiresAt)} or until you revoke it.
      </p>
      <code className="wrap" data-testid="partner-key">
        {created.key}
      </code>
      <button type="button" className="primary" onClick={onClose}>
        Done: I have handed it over
      </button>
    </section>
  );
}

export function SharingScreen() {
  const { data: items, reload } = useResource(
    'agreements',
    async (signal) => (await api<{ items: SharingAgreementView[] }>('GET', '/api/v1/sharing/agreements', { signal })).items,
    'Could not load the agreements',
  );
  const [created, setCreated] = useState<Created | null>(null);
  const revoke = async (a: SharingAgreementView) => {
    const what = a.direction === 'outbound' ? `${a.partnerAgency} can no longer search our reads` : `our searches will no longer include ${a.partnerAgency}`;
    if (!window.confirm(`Revoke the agreement with ${a.partnerAgency}? ${what}, from now on.`)) return;
    try {
      await api('DELETE', `/api/v1/sharing/agreements/${encodeURIComponent(a.id)}`);
      reload();
    } catch (e) {
      reportError(`Could not revoke the agreement with ${a.partnerAgency}`, e);
    }
  };
  return (
    <div className="sharing-screen">
      {created?.key && <KeyCard created={created} onClose={() => setCreated(null)} />}
      <div className="sharing-layout">
        <section className="card" aria-label="Agreements">
          <div className="section-head">
            <h2>Agreements ({items?.length ?? '…'})</h2>
            <button type="button" className="ghost small" onClick={reload}>
              Refresh
            </button>
          </div>
          {items && items.length === 0 ? (
            <p className="muted">No agreements: nothing is shared, and searches include no partner.</p>
          ) : (
            <div className="table-wrap">
              <table className="data-table" data-testid="agreements-table">
                <thead>
                  <tr>
                    <th>Partner</th>
                    <th>Direction</th>
                    <th>Limits</th>
                    <th>Expires</th>
                    <th>Status</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {(items ?? []).map((a) => (
                    <tr key={a.id} data-agency={a.partnerAgency}>
                      <td>
                        {a.partnerAgency}
                        {a.basis && <div className="muted small">{a.basis}</div>}
                      </td>
                      <td>{a.direction === 'outbound' ? 'we share with them' : 'they share with us'}</td>
                      <td className="small">{describeLimits(a)}</td>
                      <td>{fmtDateTime(a.expiresAt)}</td>
                      <td className={`agreement-status ${a.status}`}>
                        {a.status}
                        {a.revokedBy && <div className="muted small">by {a.revokedBy}</div>}
                      </td>
                      <td>
                        {a.status !== 'revoked' && (
                          <button type="button" className="ghost small" onClick={() => void revoke(a)}>
                            Revoke
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
        <AgreementForm
          onCreated={(c) => {
            setCreated(c);
            reload();
          }}
        />
      </div>
      <OutsideQueries />
    </div>
  );
}
