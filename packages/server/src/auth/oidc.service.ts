/**
 * Single sign-on with the agency's OpenID Connect provider: the authorization code flow with
 * PKCE, state and nonce (openid-client), for a confidential web client.
 *
 * The flow's secrets (state, nonce, PKCE verifier) travel in a short-lived HttpOnly cookie signed
 * with an HMAC, not in server memory, so the callback may land on any node. The provider proves
 * who the person is; the account, its role and whether it may sign in are decided here
 * (SessionService.signInExternal). MFA is required for every account: under the `amr` policy the
 * ID token must name a second factor.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as oidc from 'openid-client';
import type { SignInResult } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { OidcConfig } from './oidc.config.ts';
import type { SessionService } from './session.service.ts';

/** How long a person has at the provider between leaving and coming back. */
export const FLOW_TTL_MS = 10 * 60_000;
export const FLOW_COOKIE = 'rtcc_oidc';

/**
 * `amr` values (RFC 8176) that show a factor beyond a password: `mfa` itself, one-time codes,
 * hardware and software keys, SMS/phone, biometrics, smart cards.
 */
const SECOND_FACTORS = new Set(['mfa', 'otp', 'hwk', 'swk', 'sms', 'tel', 'fpt', 'face', 'iris', 'retina', 'vbm', 'sc', 'pop']);

interface FlowState {
  state: string;
  nonce: string;
  verifier: string;
  expiresAt: number;
}

export interface OidcServiceDeps {
  config: OidcConfig;
  sessions: SessionService;
  /** The HMAC key of the flow cookie; the same on every node (derived from shared secrets). */
  cookieKey: Buffer;
  now?: () => number;
}

export class OidcService {
  readonly label: string;
  private readonly config: OidcConfig;
  private readonly sessions: SessionService;
  private readonly cookieKey: Buffer;
  private readonly now: () => number;
  private discovered?: Promise<oidc.Configuration>;

  constructor(deps: OidcServiceDeps) {
    this.config = deps.config;
    this.label = deps.config.label;
    this.sessions = deps.sessions;
    this.cookieKey = deps.cookieKey;
    this.now = deps.now ?? Date.now;
  }

  /** Where to send the browser, and the signed cookie that carries the flow's secrets. */
  async begin(): Promise<{ url: string; cookie: string }> {
    const client = await this.client();
    const flow: FlowState = { state: oidc.randomState(), nonce: oidc.randomNonce(), verifier: oidc.randomPKCECodeVerifier(), expiresAt: this.now() + FLOW_TTL_MS };
    const url = oidc.buildAuthorizationUrl(client, {
      redirect_uri: this.config.redirectUrl.href,
      scope: 'openid profile email',
      code_challenge: await oidc.calculatePKCECodeChallenge(flow.verifier),
      code_challenge_method: 'S256',
      state: flow.state,
      nonce: flow.nonce,
    });
    return { url: url.href, cookie: this.sign(flow) };
  }

  /**
   * The provider sent the browser back: checks the flow cookie, exchanges the code, validates the
   * ID token (signature, issuer, audience, nonce, expiry: openid-client), judges the second factor
   * and opens a session. Every refusal is an `sso_refused` error saying why.
   */
  async finish(query: URLSearchParams, cookie: string | undefined, from?: string): Promise<SignInResult> {
    const flow = this.verify(cookie);
    const providerError = query.get('error');
    if (providerError) throw refused('provider_error', `the identity provider refused the sign-in: ${query.get('error_description') ?? providerError}`);
    const callback = new URL(this.config.redirectUrl.href);
    callback.search = query.toString();
    let claims: oidc.IDToken | undefined;
    try {
      const tokens = await oidc.authorizationCodeGrant(await this.client(), callback, { pkceCodeVerifier: flow.verifier, expectedState: flow.state, expectedNonce: flow.nonce, idTokenExpected: true });
      claims = tokens.claims();
    } catch (e) {
      throw refused('token_exchange', `the sign-in could not be completed with the identity provider: ${(e as Error).message}`, e);
    }
    if (!claims) throw refused('no_id_token', 'the identity provider sent no ID token');
    const amr = Array.isArray(claims.amr) ? claims.amr.filter((v): v is string => typeof v === 'string') : undefined;
    if (this.config.mfa === 'amr' && !amr?.some((m) => SECOND_FACTORS.has(m))) {
      throw refused('mfa_missing', `the identity provider did not report a second factor (amr: ${amr?.join(', ') || 'none'}); every OpenRTCC sign-in needs one`);
    }
    const username = claims[this.config.usernameClaim];
    if (typeof username !== 'string' || username.trim() === '') throw refused('no_username', `the ID token has no "${this.config.usernameClaim}" claim to name the account`);
    return this.sessions.signInExternal({ issuer: claims.iss, subject: claims.sub, username: username.trim(), ...(amr ? { amr } : {}) }, from);
  }

  /** Provider metadata, fetched once; a failure is retried on the next sign-in. */
  private client(): Promise<oidc.Configuration> {
    if (!this.discovered) {
      const loopback = this.config.issuer.protocol === 'http:';
      this.discovered = oidc
        .discovery(this.config.issuer, this.config.clientId, undefined, oidc.ClientSecretPost(this.config.clientSecret), loopback ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 })
        .catch((e: unknown) => {
          this.discovered = undefined;
          throw new AppError('unavailable', `the identity provider at ${this.config.issuer.href} cannot be reached: ${(e as Error).message}`, { cause: e });
        });
    }
    return this.discovered;
  }

  private sign(flow: FlowState): string {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  private verify(cookie: string | undefined): FlowState {
    const [body, mac] = (cookie ?? '').split('.');
    if (!body || !mac) throw refused('no_flow', 'this sign-in did not start here or its cookie was blocked; start again from the sign-in screen');
    const expected = Buffer.from(this.mac(body));
    const got = Buffer.from(mac);
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) throw refused('bad_flow', 'the sign-in cookie is not valid; start again from the sign-in screen');
    const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as FlowState;
    if (!(flow.expiresAt > this.now())) throw refused('flow_expired', 'the sign-in took longer than 10 minutes; start again');
    return flow;
  }

  private mac(body: string): string {
    return createHmac('sha256', this.cookieKey).update(body).digest('base64url');
  }
}

function refused(reason: string, message: string, cause?: unknown): AppError {
  return new AppError('sso_refused', message, { details: { reason }, ...(cause ? { cause } : {}) });
}
