/**
 * The end of a single sign-on: the server's callback sends the browser to `/#sso=<token>` or
 * `/#sso_error=<why>`. The fragment is taken off the address at once (so the token is not left
 * in the history or a bookmark), then the token is checked and kept like any other session.
 */
import type { SessionInfo } from '@openrtcc/domain';
import { signIn, signOut } from './session.ts';

export async function takeSingleSignOn(): Promise<void> {
  const hash = window.location.hash;
  const m = /^#(sso|sso_error)=(.*)$/.exec(hash);
  if (!m) return;
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  const value = decodeURIComponent(m[2]);
  if (m[1] === 'sso_error') return signOut(`Single sign-on did not sign you in: ${value}`);
  try {
    const res = await fetch('/api/v1/session', { headers: { authorization: `Bearer ${value}` } });
    if (!res.ok) return signOut('Single sign-on did not sign you in: the session it gave is not valid. Try again.');
    signIn(value, (await res.json()) as SessionInfo);
  } catch {
    signOut('Single sign-on did not sign you in: the server could not be reached. Try again.');
  }
}
