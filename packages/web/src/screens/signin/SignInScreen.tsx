/**
 * Sign-in: the agency's log-on banner first, then username + password + the code from the
 * authenticator app. The bootstrap admin token (and an integration's token) still works in the
 * second form. A first-time user finishes enrolment from here (EnrolForm). A session that ended
 * on its own (idle lock, time limit, revoked) lands here with the reason. When the agency has an
 * identity provider (RTCC_OIDC_*), single sign-on is offered first.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { SessionInfo, SignInResult } from '@openrtcc/domain';
import { api, ApiError } from '../../api/client.ts';
import { session, signIn } from '../../api/session.ts';
import { reportError } from '../../app/errors.ts';
import { useStore } from '../../app/store.ts';
import { EnrolForm } from './EnrolForm.tsx';
import './signin.css';

function LogonBanner() {
  const [text, setText] = useState<string | null>(null);
  useEffect(() => {
    fetch('/api/v1/logon-banner')
      .then(async (r) => (r.ok ? setText(((await r.json()) as { text: string | null }).text) : undefined))
      .catch(() => undefined);
  }, []);
  if (!text) return null;
  return (
    <section className="card logon-banner" role="note" aria-label="System use notice" data-testid="logon-banner">
      {text}
    </section>
  );
}

function problemOf(e: ApiError): string | null {
  switch (e.code) {
    case 'invalid_credentials':
      return 'The username, password or code is not right.';
    case 'account_locked': {
      const until = (e.details as unknown as { lockedUntil?: string } | undefined)?.lockedUntil;
      return `Too many failed sign-ins: this account is locked${until ? ` until ${new Date(until).toLocaleTimeString()}` : ''}, or until an administrator unlocks it.`;
    }
    case 'validation_failed':
      return 'Fill in the username, the password and the 6-digit code.';
    default:
      return null;
  }
}

function AccountForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const ready = username.trim() !== '' && password !== '' && /^\d{6}$/.test(code.trim());
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const { token, ...info } = await api<SignInResult>('POST', '/api/v1/session', { body: { username: username.trim(), password, code: code.trim() } });
      signIn(token, info);
    } catch (err) {
      const p = err instanceof ApiError ? problemOf(err) : null;
      if (p) setProblem(p);
      else reportError('Sign-in failed', err);
      setCode('');
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="signin-form" onSubmit={submit} aria-label="Sign in with your account">
      <label htmlFor="username">Username</label>
      <input id="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} autoFocus />
      <label htmlFor="password">Password</label>
      <input id="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      <label htmlFor="code">Code from your authenticator app</label>
      <input id="code" inputMode="numeric" autoComplete="one-time-code" pattern="\d{6}" maxLength={6} value={code} onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))} placeholder="123456" />
      {problem && (
        <p className="field-problem" role="alert" data-testid="signin-problem">
          {problem}
        </p>
      )}
      <button type="submit" id="account-submit" className="primary" disabled={busy || !ready}>
        {busy ? 'Checking…' : 'Sign in'}
      </button>
    </form>
  );
}

/** The agency's identity provider, when the server offers single sign-on (RTCC_OIDC_*). */
function SingleSignOn() {
  const [offer, setOffer] = useState<{ label: string; loginUrl: string } | null>(null);
  useEffect(() => {
    fetch('/api/v1/auth/oidc')
      .then(async (r) => {
        const body = r.ok ? ((await r.json()) as { enabled: boolean; label?: string; loginUrl?: string }) : null;
        if (body?.enabled && body.label && body.loginUrl) setOffer({ label: body.label, loginUrl: body.loginUrl });
      })
      .catch(() => undefined);
  }, []);
  if (!offer) return null;
  return (
    <div className="signin-sso">
      <a className="button primary" href={offer.loginUrl} data-testid="sso-signin">
        {offer.label}
      </a>
      <p className="muted small">Your agency's sign-in, with its second factor. Or use your OpenRTCC password and code:</p>
    </div>
  );
}

function TokenForm() {
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
      const res = await fetch('/api/v1/session', { headers: { authorization: `Bearer ${t}` } });
      if (res.status === 401) setProblem('This token is not valid or has been revoked.');
      else if (!res.ok) throw new ApiError(res.status, 'http_error', `the server answered ${res.status}`);
      else signIn(t, (await res.json()) as SessionInfo);
    } catch (err) {
      reportError('Sign-in failed', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="signin-form token-form" onSubmit={submit} aria-label="Sign in with an access token">
      <label htmlFor="token">Or an access token (bootstrap admin, integrations)</label>
      <input id="token" type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} placeholder="rtcc_…" />
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" id="token-submit" className="ghost" disabled={busy || token.trim() === ''}>
        {busy ? 'Checking…' : 'Sign in with token'}
      </button>
    </form>
  );
}

export function SignInScreen() {
  const { notice } = useStore(session);
  const [enrolling, setEnrolling] = useState(() => window.location.pathname === '/enrol');
  const [enrolled, setEnrolled] = useState<string | null>(null);
  return (
    <main className="signin">
      <div className="signin-column">
        <LogonBanner />
        <div className="card signin-card">
          <h1>OpenRTCC</h1>
          <p className="muted">Real Time Crime Center console</p>
          {notice && (
            <p className="signin-notice" role="status" data-testid="signin-notice">
              {notice}
            </p>
          )}
          {enrolled && (
            <p className="signin-notice ok" role="status">
              {enrolled}
            </p>
          )}
          {enrolling ? (
            <EnrolForm
              onDone={(username) => {
                setEnrolled(`Enrolment complete for ${username}. Sign in with your new password and the next code.`);
                setEnrolling(false);
              }}
              onCancel={() => setEnrolling(false)}
            />
          ) : (
            <>
              <SingleSignOn />
              <AccountForm />
              <button type="button" className="link-button" onClick={() => setEnrolling(true)}>
                First time here? Enrol with the code your administrator gave you
              </button>
              <TokenForm />
              <p className="muted small">Signing in accepts the notice above. The session is kept for this browser tab only and locks after 30 minutes without activity.</p>
            </>
          )}
        </div>
        {/* a plain link: the page is served by the server, public, and needs no script */}
        <p className="signin-public small">
          <a href="/transparency" data-testid="transparency-link">
            Public transparency report: how this agency uses plate readers
          </a>
        </p>
      </div>
    </main>
  );
}
