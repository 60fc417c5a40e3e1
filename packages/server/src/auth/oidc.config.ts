/**
 * Single sign-on settings (OpenID Connect): the agency's identity provider (Entra ID, Okta,
 * Keycloak, ADFS …), the client registered there for OpenRTCC, and how the provider's proof of a
 * second factor is judged. All unset: no single sign-on, username + password + TOTP only.
 */
import type { SettingDoc } from '../config/config.ts';

/** How a sign-in through the provider meets the platform's MFA requirement. */
export type OidcMfaPolicy = 'amr' | 'trust-provider';

export interface OidcConfig {
  issuer: URL;
  clientId: string;
  clientSecret: string;
  /** The callback URL registered at the provider. */
  redirectUrl: URL;
  /** The ID token claim that names the OpenRTCC account. */
  usernameClaim: string;
  mfa: OidcMfaPolicy;
  /** What the sign-in button says. */
  label: string;
}

export const OIDC_SETTINGS: SettingDoc[] = [
  { env: 'RTCC_OIDC_ISSUER', default: '(unset: no single sign-on)', description: "The OpenID Connect issuer of the agency's identity provider (`https://login.microsoftonline.com/<tenant>/v2.0`, `https://agency.okta.com`, a Keycloak realm URL). Must be https, except on this machine's loopback address for testing. When set, the sign-in screen offers single sign-on beside username, password and code; see docs/security.md." },
  { env: 'RTCC_OIDC_CLIENT_ID', default: '(unset)', description: 'The client (application) id registered for OpenRTCC at the identity provider. Required with RTCC_OIDC_ISSUER.' },
  { env: 'RTCC_OIDC_CLIENT_SECRET', default: '(unset)', description: 'The client secret of that registration (a confidential web client; the code flow also uses PKCE). Required with RTCC_OIDC_ISSUER.' },
  { env: 'RTCC_OIDC_REDIRECT_URL', default: '(RTCC_PUBLIC_URL + /api/v1/auth/oidc/callback)', description: 'The redirect URI registered at the provider; it must reach this server\'s `/api/v1/auth/oidc/callback`.' },
  { env: 'RTCC_OIDC_USERNAME_CLAIM', default: 'preferred_username', description: 'The ID token claim holding the OpenRTCC username (`preferred_username`, `email`, `upn` …). An administrator creates the account and its role first; the first single sign-on links the provider\'s subject to it, and from then on only that subject can use it.' },
  { env: 'RTCC_OIDC_MFA', default: 'amr', description: 'How a single sign-on meets the MFA requirement: `amr` accepts a sign-in only when the ID token\'s `amr` claim names a second factor (`mfa`, `otp`, `hwk`, `swk`, `sms`, `fpt`, `face` …); `trust-provider` accepts every sign-in because the agency enforces MFA at the provider (for example an Entra ID conditional access policy, whose v2 tokens carry no `amr`) and answers for it in its CJIS audit.' },
  { env: 'RTCC_OIDC_LABEL', default: 'Single sign-on', description: 'What the single sign-on button on the sign-in screen says (`Sign in with County Entra ID`).' },
];

const isLoopback = (u: URL): boolean => ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);

function url(raw: string | undefined, name: string, problems: string[]): URL | undefined {
  if (!raw) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u))) return u;
    problems.push(`${name} must be an https:// URL (http:// only on the loopback address)`);
  } catch {
    problems.push(`${name}=${JSON.stringify(raw)} is not a URL`);
  }
  return undefined;
}

/** The single sign-on settings, or undefined when RTCC_OIDC_ISSUER is unset; problems are pushed. */
export function parseOidcConfig(env: NodeJS.ProcessEnv, publicUrl: string | undefined, problems: string[]): OidcConfig | undefined {
  const issuer = url(env.RTCC_OIDC_ISSUER?.trim(), 'RTCC_OIDC_ISSUER', problems);
  if (!env.RTCC_OIDC_ISSUER?.trim()) {
    for (const name of ['RTCC_OIDC_CLIENT_ID', 'RTCC_OIDC_CLIENT_SECRET', 'RTCC_OIDC_REDIRECT_URL']) {
      if (env[name]?.trim()) problems.push(`${name} is set but RTCC_OIDC_ISSUER is not: set the issuer or remove it`);
    }
    return undefined;
  }
  const clientId = env.RTCC_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.RTCC_OIDC_CLIENT_SECRET?.trim();
  if (!clientId) problems.push('RTCC_OIDC_CLIENT_ID is required with RTCC_OIDC_ISSUER');
  if (!clientSecret) problems.push('RTCC_OIDC_CLIENT_SECRET is required with RTCC_OIDC_ISSUER');
  const fallback = publicUrl ? new URL('/api/v1/auth/oidc/callback', publicUrl).href : undefined;
  const redirectRaw = env.RTCC_OIDC_REDIRECT_URL?.trim() || fallback;
  if (!redirectRaw) problems.push('RTCC_OIDC_REDIRECT_URL (or RTCC_PUBLIC_URL) is required with RTCC_OIDC_ISSUER');
  const redirectUrl = url(redirectRaw, 'RTCC_OIDC_REDIRECT_URL', problems);
  const mfa = (env.RTCC_OIDC_MFA?.trim() || 'amr') as OidcMfaPolicy;
  if (mfa !== 'amr' && mfa !== 'trust-provider') problems.push(`RTCC_OIDC_MFA=${JSON.stringify(env.RTCC_OIDC_MFA)} must be amr or trust-provider`);
  const usernameClaim = env.RTCC_OIDC_USERNAME_CLAIM?.trim() || 'preferred_username';
  const label = env.RTCC_OIDC_LABEL?.trim() || 'Single sign-on';
  if (label.length > 80) problems.push('RTCC_OIDC_LABEL must be at most 80 characters');
  if (!issuer || !clientId || !clientSecret || !redirectUrl) return undefined;
  return { issuer, clientId, clientSecret, redirectUrl, usernameClaim, mfa, label };
}
