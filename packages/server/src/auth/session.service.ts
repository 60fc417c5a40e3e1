/**
 * Sign-in and sessions. Username + password + TOTP code → a random bearer token (only its
 * sha256 is stored). A session locks after 30 idle minutes and ends 12 hours after sign-in
 * (session-policy.ts); five failures in 15 minutes lock the account (lockout.ts). Every sign-in,
 * failure, lockout, expiry and sign-out is audited here.
 */
import { randomUUID } from 'node:crypto';
import type { SignInResult } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { Session, SessionStore, UserAccount, UserStore } from '../store/store.types.ts';
import { normalizeUsername } from './account.service.ts';
import { userView } from './account.view.ts';
import { newSecret, sha256Hex } from './auth.service.ts';
import { afterFailure, isLocked } from './lockout.ts';
import { verifyDecoy, verifyPassword } from './password.ts';
import { ROLE_PERMISSIONS, type Principal } from './permissions.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, SESSION_PREFIX, SESSION_TOUCH_MS, sessionState } from './session-policy.ts';
import { verifyTotp } from './totp.ts';

const BAD_CREDENTIALS = 'the username, password or code is not right';

export interface SessionServiceDeps {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditService;
  /** Where `session.ended` goes, so open live streams of an ended session close at once. */
  bus?: Bus;
  now?: () => number;
}

export class SessionService {
  private readonly users: UserStore;
  private readonly sessions: SessionStore;
  private readonly audit: AuditService;
  private readonly now: () => number;
  private readonly bus?: Bus;
  /** The latest use this node saw of each session, so idle time counts from it, not from the once-a-minute write. */
  private readonly seen = new Map<string, number>();

  constructor(deps: SessionServiceDeps) {
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.audit = deps.audit;
    this.now = deps.now ?? Date.now;
    this.bus = deps.bus;
  }

  async signIn(input: { username: string; password: string; code: string }, from?: string): Promise<SignInResult> {
    const username = normalizeUsername(input.username);
    const now = this.now();
    const u = await this.users.findByUsername(username);
    const failed = (reason: string, outcome: 'failed' | 'denied' = 'failed') =>
      this.audit.record({ actor: username || '(blank)', from, action: 'auth.signin', outcome, details: { reason, ...(u ? { userId: u.id } : {}) } });
    if (!u) {
      await verifyDecoy(input.password);
      await failed('unknown_user');
      throw new AppError('invalid_credentials', BAD_CREDENTIALS);
    }
    if (isLocked(u, now)) {
      await failed('locked', 'denied');
      throw locked(u.lockedUntil!);
    }
    if (u.disabledAt !== undefined || u.passwordHash === undefined || u.enrolledAt === undefined || !u.totpSecret) {
      await verifyDecoy(input.password);
      await failed(u.disabledAt !== undefined ? 'disabled' : 'not_enrolled', 'denied');
      throw new AppError('invalid_credentials', BAD_CREDENTIALS);
    }
    const passwordOk = await verifyPassword(u.passwordHash, input.password);
    const step = passwordOk ? await verifyTotp(u.totpSecret, input.code.trim(), now, u.lastTotpStep) : undefined;
    let accepted = false;
    const after = await this.users.update(u.id, (cur) => {
      // checked again under the lock: two sign-ins with one code cannot both pass
      if (passwordOk && step !== undefined && !isLocked(cur, now) && (cur.lastTotpStep === undefined || step > cur.lastTotpStep) && cur.passwordHash === u.passwordHash) {
        accepted = true;
        const { lockedUntil: _l, ...rest } = cur;
        return { ...rest, failedAttempts: [], lastTotpStep: step, lastSignInAt: now, updatedAt: now };
      }
      const next = afterFailure(cur, now);
      const { lockedUntil: _l, ...rest } = cur;
      return { ...rest, ...next.state, updatedAt: now };
    });
    if (!after) throw new AppError('invalid_credentials', BAD_CREDENTIALS);
    if (!accepted) {
      await failed(!passwordOk ? 'wrong_password' : 'wrong_code');
      if (isLocked(after, now) && !isLocked(u, now)) {
        await this.audit.record({ actor: username, from, action: 'auth.lockout', outcome: 'denied', details: { userId: u.id, lockedUntil: new Date(after.lockedUntil!).toISOString() } });
        throw locked(after.lockedUntil!);
      }
      throw new AppError('invalid_credentials', BAD_CREDENTIALS);
    }
    return this.open(after, now, from, 'password_totp');
  }

  /**
   * Sign-in through the agency's identity provider (auth/oidc.service.ts has checked the ID token
   * and the second factor). The account must exist and be enabled: roles are managed here, not
   * at the provider. The first sign-in links the provider's subject; afterwards a different
   * subject claiming the same username is refused, so a renamed or recycled provider account
   * cannot take over someone else's OpenRTCC account.
   */
  async signInExternal(input: { issuer: string; subject: string; username: string; amr?: string[] }, from?: string): Promise<SignInResult> {
    const username = normalizeUsername(input.username);
    const now = this.now();
    const u = username ? await this.users.findByUsername(username) : undefined;
    const refuse = async (reason: string, message: string) => {
      await this.audit.record({ actor: username || '(blank)', from, action: 'auth.signin', outcome: 'denied', details: { method: 'oidc', reason, issuer: input.issuer, subject: input.subject, ...(u ? { userId: u.id } : {}) } });
      throw new AppError('sso_refused', message, { details: { reason } });
    };
    if (!u) return refuse('unknown_user', `no OpenRTCC account is named "${username}"; an administrator creates the account and its role before its first single sign-on`);
    if (u.disabledAt !== undefined) return refuse('disabled', 'this account is disabled');
    if (isLocked(u, now)) return refuse('locked', 'this account is locked; an administrator can unlock it');
    if (u.sso && (u.sso.issuer !== input.issuer || u.sso.subject !== input.subject)) {
      return refuse('subject_mismatch', 'this account is linked to another identity at the provider; an administrator resets its MFA to link it again');
    }
    const linking = u.sso === undefined;
    const after = await this.users.update(u.id, (cur) => {
      if (cur.sso && (cur.sso.issuer !== input.issuer || cur.sso.subject !== input.subject)) return undefined;
      return { ...cur, sso: cur.sso ?? { issuer: input.issuer, subject: input.subject, linkedAt: now }, lastSignInAt: now, updatedAt: now };
    });
    if (!after?.sso || after.sso.subject !== input.subject) return refuse('subject_mismatch', 'this account is linked to another identity at the provider');
    if (linking) await this.audit.record({ actor: username, from, action: 'auth.sso_linked', outcome: 'success', details: { userId: u.id, issuer: input.issuer, subject: input.subject } });
    return this.open(after, now, from, 'oidc', input.amr);
  }

  private async open(u: UserAccount, now: number, from: string | undefined, method: 'password_totp' | 'oidc', amr?: string[]): Promise<SignInResult> {
    const token = newSecret(SESSION_PREFIX);
    const session: Session = { id: randomUUID(), tokenHash: sha256Hex(token), userId: u.id, createdAt: now, lastSeenAt: now, expiresAt: now + SESSION_ABSOLUTE_MS };
    if (from) session.from = from;
    await this.sessions.create(session);
    await this.audit.record({ actor: u.username, from, action: 'auth.signin', outcome: 'success', details: { userId: u.id, sessionId: session.id, role: u.role, method, ...(amr ? { amr } : {}) } });
    return { token, ...this.info(u, session, now) };
  }

  /**
   * The principal of a session token, or undefined when the token is unknown or was ended by
   * sign-out, an admin or a re-enrolment. Throws `session_expired` for a session locked by idle
   * time or past its lifetime: the console then asks for a new sign-in and says why.
   */
  async authenticate(token: string): Promise<Principal | undefined> {
    const s = await this.sessions.findByTokenHash(sha256Hex(token));
    if (!s) return undefined;
    const now = this.now();
    const lastSeenAt = Math.max(s.lastSeenAt, this.seen.get(s.id) ?? 0);
    const state = sessionState({ ...s, lastSeenAt }, now);
    if (state === 'revoked') {
      if (s.endReason === 'idle' || s.endReason === 'expired') throw expired(s.endReason);
      return undefined;
    }
    if (state === 'idle' || state === 'expired') {
      this.seen.delete(s.id);
      if (await this.sessions.revoke(s.id, now, state)) {
        const u = await this.users.get(s.userId);
        await this.audit.record({ actor: u?.username ?? s.userId, from: s.from, action: 'auth.session_ended', outcome: 'success', details: { sessionId: s.id, reason: state } });
      }
      throw expired(state);
    }
    const u = await this.users.get(s.userId);
    if (!u || u.disabledAt !== undefined || (u.enrolledAt === undefined && u.sso === undefined)) return undefined;
    if (this.seen.size > 100_000) this.seen.clear();
    this.seen.set(s.id, now);
    if (now - s.lastSeenAt >= SESSION_TOUCH_MS) await this.sessions.touch(s.id, now);
    return { kind: 'user', id: u.id, name: u.username, permissions: ROLE_PERMISSIONS[u.role], role: u.role, sessionId: s.id };
  }

  /**
   * Whether a session may go on, for connections that outlive the request that authenticated
   * them (the live stream): the reason it ended otherwise. Unlike `authenticate` it does not count
   * as use, so a console left open still locks after 30 idle minutes; a session found idle or
   * past its lifetime is ended and audited here as it would be on its next request.
   */
  async checkSession(sessionId: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const s = await this.sessions.get(sessionId);
    if (!s) return { ok: false, reason: 'revoked' };
    const now = this.now();
    const state = sessionState({ ...s, lastSeenAt: Math.max(s.lastSeenAt, this.seen.get(s.id) ?? 0) }, now);
    if (state === 'revoked') return { ok: false, reason: s.endReason ?? 'revoked' };
    if (state === 'idle' || state === 'expired') {
      this.seen.delete(s.id);
      if (await this.sessions.revoke(s.id, now, state)) {
        const u = await this.users.get(s.userId);
        await this.audit.record({ actor: u?.username ?? s.userId, from: s.from, action: 'auth.session_ended', outcome: 'success', details: { sessionId: s.id, reason: state } });
      }
      return { ok: false, reason: state };
    }
    const u = await this.users.get(s.userId);
    if (!u || u.disabledAt !== undefined) return { ok: false, reason: 'disabled' };
    return { ok: true };
  }

  /** Who a principal is, for `GET /api/v1/session`. */
  async describe(p: Principal): Promise<Omit<SignInResult, 'token'>> {
    if (p.kind === 'user' && p.sessionId) {
      const [u, s] = await Promise.all([this.users.get(p.id), this.sessions.get(p.sessionId)]);
      if (u && s) return this.info(u, s, this.now());
    }
    return { kind: p.kind, name: p.name, permissions: [...p.permissions].sort() };
  }

  /** Ends the principal's session (sign-out). The admin token and ingest keys are not sessions. */
  async signOut(p: Principal, from?: string): Promise<void> {
    if (p.kind !== 'user' || !p.sessionId) throw new AppError('validation_failed', 'only a signed-in session can sign out; the admin token and ingest keys are not sessions');
    this.seen.delete(p.sessionId);
    const ended = await this.sessions.revoke(p.sessionId, this.now(), 'signed_out');
    this.bus?.publish('session.ended', { sessionId: p.sessionId, reason: 'signed_out' });
    await this.audit.record({ actor: p.name, from, action: 'auth.signout', outcome: ended ? 'success' : 'failed', details: { sessionId: p.sessionId } });
  }

  private info(u: UserAccount, s: Session, now: number): Omit<SignInResult, 'token'> {
    return {
      kind: 'user',
      name: u.username,
      permissions: [...ROLE_PERMISSIONS[u.role]].sort(),
      user: userView(u, now),
      session: { id: s.id, createdAt: new Date(s.createdAt).toISOString(), expiresAt: new Date(s.expiresAt).toISOString(), idleTimeoutMs: SESSION_IDLE_MS },
    };
  }
}

function locked(until: number): AppError {
  return new AppError('account_locked', `too many failed sign-ins: the account is locked until ${new Date(until).toISOString()} or until an administrator unlocks it`, {
    details: { lockedUntil: new Date(until).toISOString() },
  });
}

function expired(reason: string): AppError {
  return new AppError(
    'session_expired',
    reason === 'idle' ? 'the session was locked after 30 idle minutes; sign in again' : 'the session reached its 12-hour limit; sign in again',
    { details: { reason } },
  );
}
