/**
 * People and access (admins): every account with its role and status; create an account (its
 * enrolment is shown once); disable, enable, unlock, reset MFA, change the role. Below, the
 * integrations' API keys.
 */
import { useState, type FormEvent } from 'react';
import { ROLE_NAMES, type RoleName, type UserCreated, type UserView } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';
import { useResource } from '../../app/use-resource.ts';
import { EnrolmentCard } from './EnrolmentCard.tsx';
import { IntegrationKeys } from './IntegrationKeys.tsx';
import './admin.css';

const STATUS_LABEL: Record<UserView['status'], string> = { pending_enrolment: 'awaiting enrolment', active: 'active', locked: 'locked', disabled: 'disabled' };

function CreateUserForm({ onCreated }: { onCreated: (c: UserCreated) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [role, setRole] = useState<RoleName>('analyst');
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      onCreated(await api<UserCreated>('POST', '/api/v1/users', { body: { username: username.trim(), displayName: displayName.trim(), role } }));
      setUsername('');
      setDisplayName('');
    } catch (err) {
      reportError('Could not create the account', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="card create-user" onSubmit={submit} aria-label="New account">
      <h2>New account</h2>
      <label htmlFor="new-username">Username</label>
      <input id="new-username" value={username} onChange={(e) => setUsername(e.target.value)} placeholder="jrivera" autoComplete="off" />
      <label htmlFor="new-display">Name</label>
      <input id="new-display" value={displayName} onChange={(e) => setDisplayName(e.target.value)} placeholder="Analyst J. Rivera" autoComplete="off" />
      <label htmlFor="new-role">Role</label>
      <select id="new-role" value={role} onChange={(e) => setRole(e.target.value as RoleName)}>
        {ROLE_NAMES.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      <button type="submit" className="primary" disabled={busy || username.trim() === '' || displayName.trim() === ''}>
        Create account
      </button>
    </form>
  );
}

export function UsersScreen() {
  const { data: users, reload } = useResource('users', async (signal) => (await api<{ items: UserView[] }>('GET', '/api/v1/users', { signal })).items, 'Could not load the accounts');
  const [shown, setShown] = useState<UserCreated | null>(null);
  const act = async (u: UserView, what: 'disable' | 'enable' | 'unlock' | 'mfa-reset') => {
    if (what === 'mfa-reset' && !window.confirm(`Reset MFA for ${u.username}? Their password and authenticator stop working and they must enrol again.`)) return;
    if (what === 'disable' && !window.confirm(`Disable ${u.username}? Their sessions end at once.`)) return;
    try {
      const res = await api<UserView | UserCreated>('POST', `/api/v1/users/${encodeURIComponent(u.id)}/${what}`);
      if ('enrolment' in res) setShown(res);
      reload();
    } catch (e) {
      reportError(`Could not ${what.replace('-', ' ')} ${u.username}`, e);
    }
  };
  const changeRole = async (u: UserView, role: RoleName) => {
    try {
      await api('PATCH', `/api/v1/users/${encodeURIComponent(u.id)}`, { body: { role } });
      reload();
    } catch (e) {
      reportError(`Could not change the role of ${u.username}`, e);
    }
  };
  return (
    <div className="users-screen">
      {shown && <EnrolmentCard user={shown.user} enrolment={shown.enrolment} onClose={() => setShown(null)} />}
      <div className="users-layout">
        <section className="card users-list">
          <div className="section-head">
            <h2>Accounts ({users?.length ?? '…'})</h2>
            <button type="button" className="ghost small" onClick={reload}>
              Refresh
            </button>
          </div>
          <div className="table-wrap">
            <table className="data-table" data-testid="users-table">
              <thead>
                <tr>
                  <th>Username</th>
                  <th>Name</th>
                  <th>Role</th>
                  <th>Status</th>
                  <th className="hide-phone">Last sign-in</th>
                  <th>Actions</th>
                </tr>
              </thead>
              <tbody>
                {(users ?? []).map((u) => (
                  <tr key={u.id} data-username={u.username}>
                    <td>{u.username}</td>
                    <td>{u.displayName}</td>
                    <td>
                      <select aria-label={`Role of ${u.username}`} value={u.role} onChange={(e) => void changeRole(u, e.target.value as RoleName)}>
                        {ROLE_NAMES.map((r) => (
                          <option key={r} value={r}>
                            {r}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td className={`user-status ${u.status}`}>
                      {STATUS_LABEL[u.status]}
                      {u.lockedUntil && <div className="muted small">until {new Date(u.lockedUntil).toLocaleTimeString()}</div>}
                    </td>
                    <td className="hide-phone small">{u.lastSignInAt ? new Date(u.lastSignInAt).toLocaleString() : '—'}</td>
                    <td className="user-actions">
                      {u.status === 'disabled' ? (
                        <button type="button" className="ghost small" onClick={() => void act(u, 'enable')}>
                          Enable
                        </button>
                      ) : (
                        <button type="button" className="ghost small" onClick={() => void act(u, 'disable')}>
                          Disable
                        </button>
                      )}
                      {u.status === 'locked' && (
                        <button type="button" className="ghost small" onClick={() => void act(u, 'unlock')}>
                          Unlock
                        </button>
                      )}
                      <button type="button" className="ghost small" onClick={() => void act(u, 'mfa-reset')}>
                        Reset MFA
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <CreateUserForm
          onCreated={(c) => {
            setShown(c);
            reload();
          }}
        />
      </div>
      <IntegrationKeys />
    </div>
  );
}
