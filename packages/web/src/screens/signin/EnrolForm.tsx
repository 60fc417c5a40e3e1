/**
 * A person's first sign-in: the one-time enrolment code from the administrator, a new password
 * (twice), and a code from the authenticator app set up with the secret the administrator showed.
 */
import { useState, type FormEvent } from 'react';
import type { UserView } from '@openrtcc/domain';
import { api, ApiError } from '../../api/client.ts';
import { reportError } from '../../app/errors.ts';

const MIN = 12;

export function EnrolForm({ onDone, onCancel }: { onDone: (username: string) => void; onCancel: () => void }) {
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [totp, setTotp] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const mismatch = again !== '' && again !== password;
  const short = password !== '' && [...password].length < MIN;
  const ready = code.trim() !== '' && password !== '' && !short && again === password && /^\d{6}$/.test(totp);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    setBusy(true);
    setProblem(null);
    try {
      const { user } = await api<{ user: UserView }>('POST', '/api/v1/enrolment', { body: { code: code.trim(), password, totpCode: totp } });
      onDone(user.username);
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'invalid_credentials' || err.code === 'validation_failed')) setProblem(err.message);
      else reportError('Enrolment failed', err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="signin-form" onSubmit={submit} aria-label="Enrol">
      <h2>Enrol</h2>
      <label htmlFor="enrol-code">Enrolment code</label>
      <input id="enrol-code" autoComplete="off" value={code} onChange={(e) => setCode(e.target.value)} placeholder="rtcc_enr_…" autoFocus />
      <label htmlFor="enrol-password">New password (at least {MIN} characters)</label>
      <input id="enrol-password" type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      {short && <p className="field-problem">At least {MIN} characters; a passphrase of several words is easiest.</p>}
      <label htmlFor="enrol-password2">The password again</label>
      <input id="enrol-password2" type="password" autoComplete="new-password" value={again} onChange={(e) => setAgain(e.target.value)} />
      {mismatch && <p className="field-problem">The two passwords differ.</p>}
      <label htmlFor="enrol-totp">Code from your authenticator app</label>
      <input id="enrol-totp" inputMode="numeric" autoComplete="one-time-code" maxLength={6} value={totp} onChange={(e) => setTotp(e.target.value.replace(/\D/g, ''))} placeholder="123456" />
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <button type="submit" id="enrol-submit" className="primary" disabled={busy || !ready}>
        {busy ? 'Checking…' : 'Finish enrolment'}
      </button>
      <button type="button" className="ghost" onClick={onCancel}>
        Back to sign-in
      </button>
    </form>
  );
}
