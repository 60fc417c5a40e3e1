/**
 * Retention (admins; supervisors and auditors see it): the policy with its preset, legal holds,
 * and the last runs of the deletion job.
 */
import { useState } from 'react';
import type { LegalHoldView, RetentionPolicyView, RetentionRunView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { can, session } from '../../api/session.ts';
import { useResource } from '../../app/use-resource.ts';
import { useStore } from '../../app/store.ts';
import { HoldsCard } from './HoldsCard.tsx';
import { PolicyCard } from './PolicyCard.tsx';
import { RunsCard } from './RunsCard.tsx';
import './retention.css';

export function RetentionScreen() {
  const { info } = useStore(session);
  const [version, setVersion] = useState(0);
  const key = String(version);
  const policy = useResource(key, (signal) => api<RetentionPolicyView>('GET', '/api/v1/retention/policy', { signal }), 'Could not load the retention policy');
  const holds = useResource(key, (signal) => api<{ items: LegalHoldView[] }>('GET', '/api/v1/retention/holds', { signal }), 'Could not load the legal holds');
  const runs = useResource(key, (signal) => api<{ items: RetentionRunView[] }>('GET', '/api/v1/retention/runs', { query: { limit: 10 }, signal }), 'Could not load the retention runs');
  const refresh = () => setVersion((v) => v + 1);
  const manage = can(info, 'retention:manage');
  return (
    <div className="retention-screen" data-testid="retention-screen">
      <div className="retention-layout">
        {policy.data ? <PolicyCard policy={policy.data} canManage={manage} onSaved={refresh} /> : <p className="muted">Loading the policy…</p>}
        <div className="retention-column">
          <HoldsCard holds={holds.data?.items ?? []} canHold={can(info, 'retention:hold')} canRelease={manage} onChanged={refresh} />
          {policy.data && <RunsCard runs={runs.data?.items ?? []} policy={policy.data} canRun={manage} onRan={refresh} />}
        </div>
      </div>
    </div>
  );
}
