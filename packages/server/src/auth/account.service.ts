/**
 * User accounts: an admin creates an account with a one-time enrolment (a code and a TOTP
 * secret, shown once); the person enrols by setting a password and confirming a code from
 * their authenticator app. Admins disable, enable, unlock and re-enrol accounts. Every change is
 * audited here, in the service, whatever route or script calls it.
 */
import { randomUUID } from 'node:crypto';
import type { EnrolmentView, UserCreated, UserView } from '@openrtcc/domain';
import { AppError } from '../errors.ts';
import type { Bus } from '../bus/index.ts';
import type { AuditService } from '../governance/audit.service.ts';
import type { SessionStore, UserAccount, UserStore } from '../store/store.types.ts';
import { newSecret, sha256Hex } from './auth.service.ts';
import { userView } from './account.view.ts';
import { hashPassword, passwordProblem } from './password.ts';
import { isRole, type Principal, type Role } from './permissions.ts';
import { newTotpSecret, otpauthUri, verifyTotp } from './totp.ts';

/** How long an enrolment code works. */
export const ENROLMENT_MS = 72 * 60 * 60_000;
export const USERNAME_RE = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export interface Actor {
  principal: Principal;
  from?: string;
}

export interface AccountServiceDeps {
  users: UserStore;
  sessions: SessionStore;
  audit: AuditService;
  /** Where `session.ended` goes when an account's sessions are ended (disable, MFA reset). */
  bus?: Bus;
  now?: () => number;
}

export const normalizeUsername = (s: string): string => s.trim().toLowerCase();

export class AccountService {
  private readonly users: UserStore;
  private readonly sessions: SessionStore;
  private readonly audit: AuditService;
  private readonly now: () => number;
  private readonly bus?: Bus;

  constructor(deps: AccountServiceDeps) {
    this.users = deps.users;
    this.sessions = deps.sessions;
    this.audit = deps.audit;
    this.now = deps.now ?? Date.now;
    this.bus = deps.bus;
  }

  async list(): Promise<UserView[]> {
    const now = this.now();
    return (await this.users.list()).map((u) => userView(u, now));
  }

  async get(id: string): Promise<UserView> {
    return userView(await this.require(id), this.now());
  }

  async create(input: { username: string; displayName: string; role: string }, by: Actor): Promise<UserCreated> {
    const username = normalizeUsername(input.username);
    const problems: { field: string; message: string }[] = [];
    if (!USERNAME_RE.test(username)) problems.push({ field: 'username', message: 'must be 2–63 characters: letters, digits, dot, dash or underscore, starting with a letter or digit' });
    const displayName = input.displayName.trim();
    if (displayName.length === 0) problems.push({ field: 'displayName', message: 'must not be blank' });
    if (!isRole(input.role)) problems.push({ field: 'role', message: 'must be admin, supervisor, analyst, dispatcher, officer or auditor' });
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: problems });
    const now = this.now();
    const secret = newTotpSecret();
    const code = newSecret('rtcc_enr');
    const user: UserAccount = {
      id: randomUUID(),
      username,
      displayName,
      role: input.role as Role,
      createdAt: now,
      createdBy: by.principal.name,
      totpSecret: secret,
      enrolment: { codeHash: sha256Hex(code), expiresAt: now + ENROLMENT_MS },
      failedAttempts: [],
      updatedAt: now,
    };
    try {
      await this.users.create(user);
    } catch (e) {
      if ((e as AppError).code === 'conflict') {
        await this.record(by, 'users.create', 'failed', { username, reason: 'username_taken' });
        throw new AppError('conflict', `the username ${username} is taken`, { cause: e });
      }
      throw e;
    }
    await this.record(by, 'users.create', 'success', { userId: user.id, username, role: user.role });
    return { user: userView(user, now), enrolment: this.enrolmentView(user, code) };
  }

  /** Disables an account and ends its sessions at once. */
  async disable(id: string, by: Actor): Promise<UserView> {
    if (by.principal.kind === 'user' && by.principal.id === id) throw new AppError('conflict', 'you cannot disable your own account');
    const now = this.now();
    const u = await this.change(id, (cur) => (cur.disabledAt !== undefined ? undefined : { ...cur, disabledAt: now, disabledBy: by.principal.name, updatedAt: now }));
    const ended = await this.sessions.revokeAllForUser(id, now, 'disabled');
    this.bus?.publish('session.ended', { userId: id, reason: 'disabled' });
    await this.record(by, 'users.disable', 'success', { userId: id, username: u.username, sessionsEnded: ended });
    return userView(u, now);
  }

  async enable(id: string, by: Actor): Promise<UserView> {
    const now = this.now();
    const u = await this.change(id, (cur) => {
      if (cur.disabledAt === undefined) return undefined;
      const { disabledAt: _a, disabledBy: _b, ...rest } = cur;
      return { ...rest, updatedAt: now };
    });
    await this.record(by, 'users.enable', 'success', { userId: id, username: u.username });
    return userView(u, now);
  }

  /** Lifts a lockout before it runs out. */
  async unlock(id: string, by: Actor): Promise<UserView> {
    const now = this.now();
    const u = await this.change(id, (cur) => {
      const { lockedUntil: _l, ...rest } = cur;
      return { ...rest, failedAttempts: [], updatedAt: now };
    });
    await this.record(by, 'users.unlock', 'success', { userId: id, username: u.username });
    return userView(u, now);
  }

  /** Changes the role or display name; the new role applies to the account's next request. */
  async update(id: string, input: { role?: string; displayName?: string }, by: Actor): Promise<UserView> {
    const problems: { field: string; message: string }[] = [];
    if (input.role !== undefined && !isRole(input.role)) problems.push({ field: 'role', message: 'must be admin, supervisor, analyst, dispatcher, officer or auditor' });
    if (input.displayName !== undefined && input.displayName.trim() === '') problems.push({ field: 'displayName', message: 'must not be blank' });
    if (problems.length > 0) throw new AppError('validation_failed', problems.map((p) => `${p.field} ${p.message}`).join('; '), { details: problems });
    if (by.principal.kind === 'user' && by.principal.id === id && input.role !== undefined && input.role !== 'admin') throw new AppError('conflict', 'you cannot take the admin role from your own account');
    const now = this.now();
    let before: Role | undefined;
    const u = await this.change(id, (cur) => {
      before = cur.role;
      return { ...cur, ...(input.role ? { role: input.role as Role } : {}), ...(input.displayName ? { displayName: input.displayName.trim() } : {}), updatedAt: now };
    });
    await this.record(by, 'users.update', 'success', { userId: id, username: u.username, roleBefore: before, role: u.role, displayName: u.displayName });
    return userView(u, now);
  }

  /**
   * A lost phone: a new TOTP secret and enrolment code (shown once); the old password and
   * secret stop working, the link to the identity provider (if any) is dropped so the next single
   * sign-on links afresh, and every session of the account ends.
   */
  async resetMfa(id: string, by: Actor): Promise<UserCreated> {
    const now = this.now();
    const secret = newTotpSecret();
    const code = newSecret('rtcc_enr');
    const u = await this.change(id, (cur) => {
      const { passwordHash: _p, enrolledAt: _e, lastTotpStep: _s, lockedUntil: _l, sso: _sso, ...rest } = cur;
      return { ...rest, totpSecret: secret, enrolment: { codeHash: sha256Hex(code), expiresAt: now + ENROLMENT_MS }, failedAttempts: [], updatedAt: now };
    });
    const ended = await this.sessions.revokeAllForUser(id, now, 'mfa_reset');
    this.bus?.publish('session.ended', { userId: id, reason: 'mfa_reset' });
    await this.record(by, 'users.mfa_reset', 'success', { userId: id, username: u.username, sessionsEnded: ended });
    return { user: userView(u, now), enrolment: this.enrolmentView(u, code) };
  }

  /** The person's side of enrolment: the one-time code, a new password, a code from the app. */
  async enrol(input: { code: string; password: string; totpCode: string }, from?: string): Promise<UserView> {
    const now = this.now();
    const hash = sha256Hex(input.code);
    const u = await this.users.findByEnrolmentHash(hash);
    const fail = async (actor: string, reason: string) => {
      await this.audit.record({ actor, from, action: 'users.enrol', outcome: 'failed', details: { reason } });
    };
    if (!u || !u.enrolment || u.enrolment.expiresAt <= now || u.disabledAt !== undefined || !u.totpSecret) {
      await fail(u?.username ?? '(unknown enrolment code)', !u ? 'unknown_code' : u.disabledAt !== undefined ? 'disabled' : 'expired');
      throw new AppError('invalid_credentials', 'this enrolment code is not valid or has expired; ask an administrator for a new one');
    }
    const problem = passwordProblem(input.password, u.username);
    if (problem) {
      await fail(u.username, 'weak_password');
      throw new AppError('validation_failed', `password ${problem}`, { details: [{ field: 'password', message: problem }] });
    }
    const step = await verifyTotp(u.totpSecret, input.totpCode.trim(), now);
    if (step === undefined) {
      await fail(u.username, 'wrong_code');
      throw new AppError('validation_failed', 'totpCode does not match the authenticator app: check that the secret was entered exactly and the phone’s clock is right', {
        details: [{ field: 'totpCode', message: 'does not match the authenticator app' }],
      });
    }
    const passwordHash = await hashPassword(input.password);
    const done = await this.users.update(u.id, (cur) => {
      // the enrolment may have been replaced (a second reset) while the hash was computed
      if (cur.enrolment?.codeHash !== hash || cur.totpSecret !== u.totpSecret) return undefined;
      const { enrolment: _done, lockedUntil: _l, ...rest } = cur;
      return { ...rest, passwordHash, enrolledAt: now, lastTotpStep: step, failedAttempts: [], updatedAt: now };
    });
    if (!done || done.enrolledAt !== now || done.passwordHash !== passwordHash) {
      await fail(u.username, 'enrolment_replaced');
      throw new AppError('invalid_credentials', 'this enrolment code is not valid or has expired; ask an administrator for a new one');
    }
    await this.audit.record({ actor: u.username, from, action: 'users.enrol', outcome: 'success', details: { userId: u.id } });
    return userView(done, now);
  }

  private enrolmentView(u: UserAccount, code: string): EnrolmentView {
    return { code, expiresAt: new Date(u.enrolment!.expiresAt).toISOString(), totpSecret: u.totpSecret!, otpauthUri: otpauthUri(u.totpSecret!, u.username) };
  }

  private async require(id: string): Promise<UserAccount> {
    const u = await this.users.get(id);
    if (!u) throw new AppError('not_found_or_forbidden', `no user ${id}`);
    return u;
  }

  private async change(id: string, fn: (cur: UserAccount) => UserAccount | undefined): Promise<UserAccount> {
    const u = await this.users.update(id, fn);
    if (!u) throw new AppError('not_found_or_forbidden', `no user ${id}`);
    return u;
  }

  private async record(by: Actor, action: string, outcome: 'success' | 'failed', details: Record<string, unknown>): Promise<void> {
    await this.audit.record({ actor: by.principal.name, from: by.from, action, outcome, details });
  }
}
