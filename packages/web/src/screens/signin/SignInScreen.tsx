/**
 * Sign-in with a bearer token (user accounts come with a later issue). The token is checked
 * against the server before the console opens, and kept in sessionStorage only.
 */
import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client.ts';
import { signIn } from '../../api/session.ts';
import { reportError } from '../../app/errors.ts';

export function SignInScreen() {
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const t = token.trim();
    if (!t) return;
    setBusy(true);
    setProblem(null);
    try {
      const res = await fetch('/api/v1/modules', { headers: { authorization: `Bearer ${t}` } });
      if (res.status === 401) setProblem('This token is not valid or has been revoked.');
      else if (!res.ok) throw new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
      else signIn(t);
    } catch (err) {
      reportError('Sign-in failed', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <main className="signin">
      <form className="card signin-card" onSubmit={submit}>
        <h1>OpenRTCC</h1>
        <p className="muted">Real Time Crime Center console</p>
        <label htmlFor="token">Access token</label>
        <input id="token" type="password" autoComplete="current-password" value={token} onChange={(e) => setToken(e.target.value)} placeholder="rtcc_…" autoFocus />
        {problem && (
          <p className="field-problem" role="alert">
            {problem}
          </p>
        )}
        <button type="submit" className="primary" disabled={busy || token.trim() === ''}>
          {busy ? 'Checking…' : 'Sign in'}
        </button>
        <p className="muted small">
          Use the admin token the server printed at first start (or the demo printed), or a token your administrator gave you. It is kept for this browser tab only.
        </p>
      </form>
    </main>
  );
}
