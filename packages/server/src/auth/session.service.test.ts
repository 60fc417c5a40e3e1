// Sign-in, lockout and session lifetimes against real stores (SQLite in memory, and a fresh
// PostgreSQL database), with a clock the test moves.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AuditService } from '../governance/audit.service.ts';
import { openSqliteStore } from '../store/sqlite/index.ts';
import type { Store } from '../store/store.types.ts';
import { openPostgresStore } from '../store/postgres/index.ts';
import { createTestDatabase, reportUnavailable } from '../store/postgres/test-database.fixture.ts';
import { AccountService } from './account.service.ts';
import { SessionService } from './session.service.ts';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from './session-policy.ts';
import { totpCode } from './totp.ts';
import { ALL_PERMISSIONS } from './permissions.ts';

const PASSWORD = 'a long enough passphrase';
const ADMIN = { principal: { kind: 'admin' as const, id: 'admin', name: 'admin (bootstrap token)', permissions: ALL_PERMISSIONS } };

function sessionSuite(name: string, open: () => Promise<Store>): void {
  describe(`sessions and lockout (injected clock): ${name}`, () => {
    let store: Store;
    let now = Date.UTC(2026, 10, 30, 9, 0, 0);
    let audit: AuditService;
    let accounts: AccountService;
    let sessions: SessionService;
    const clock = () => now;

    before(async () => {
      store = await open();
      audit = new AuditService(store.audit);
      accounts = new AccountService({ users: store.users, sessions: store.sessions, audit, now: clock });
      sessions = new SessionService({ users: store.users, sessions: store.sessions, audit, now: clock });
    });
    after(() => store.close());

    /** A new enrolled account; returns its TOTP secret. */
    async function enrolled(username: string, role = 'analyst'): Promise<string> {
      const { enrolment } = await accounts.create({ username, displayName: username, role }, ADMIN);
      await accounts.enrol({ code: enrolment.code, password: PASSWORD, totpCode: await totpCode(enrolment.totpSecret, now) });
      return enrolment.totpSecret;
    }
    const step = () => (now += 30_000);
    const codeOf = (e: unknown) => (e as { code?: string }).code;

    it('signs in with password and a fresh code; the token authenticates as the user with the role', async () => {
      const secret = await enrolled('jrivera');
      step();
      const res = await sessions.signIn({ username: 'JRivera ', password: PASSWORD, code: await totpCode(secret, now) }, '10.1.2.3');
      assert.match(res.token, /^rtcc_ses_/);
      const p = await sessions.authenticate(res.token);
      assert.equal(p?.name, 'jrivera');
      assert.equal(p?.role, 'analyst');
      assert.ok(p?.permissions.has('reads:search'));
      assert.ok(!p?.permissions.has('users:manage'));
      const stored = await store.sessions.findByTokenHash((await import('./auth.service.ts')).sha256Hex(res.token));
      assert.equal(stored?.userId, p?.id, 'only the hash of the token is stored');
    });

    it('refuses a replayed code, a wrong password and a wrong code with one message', async () => {
      const secret = await enrolled('replay');
      step();
      const code = await totpCode(secret, now);
      await sessions.signIn({ username: 'replay', password: PASSWORD, code }, undefined);
      await assert.rejects(sessions.signIn({ username: 'replay', password: PASSWORD, code }), (e) => codeOf(e) === 'invalid_credentials');
      step();
      await assert.rejects(sessions.signIn({ username: 'replay', password: 'not the password!', code: await totpCode(secret, now) }), (e) => codeOf(e) === 'invalid_credentials');
      await assert.rejects(sessions.signIn({ username: 'nobody-here', password: PASSWORD, code: '123456' }), (e) => codeOf(e) === 'invalid_credentials');
    });

    it('locks after 5 failures in 15 minutes, refuses the right credentials while locked, and audits it', async () => {
      const secret = await enrolled('locky');
      for (let i = 0; i < 4; i++) {
        now += 60_000;
        await assert.rejects(sessions.signIn({ username: 'locky', password: 'wrong password ' + i, code: '000000' }), (e) => codeOf(e) === 'invalid_credentials');
      }
      now += 60_000;
      await assert.rejects(sessions.signIn({ username: 'locky', password: 'wrong password 5', code: '000000' }), (e) => codeOf(e) === 'account_locked');
      step();
      await assert.rejects(sessions.signIn({ username: 'locky', password: PASSWORD, code: await totpCode(secret, now) }), (e) => codeOf(e) === 'account_locked');
      const lockouts = await audit.list({ limit: 10, action: 'auth.lockout' });
      assert.equal(lockouts.items.filter((r) => r.actor === 'locky').length, 1);
      now += 31 * 60_000;
      const ok = await sessions.signIn({ username: 'locky', password: PASSWORD, code: await totpCode(secret, now) });
      assert.ok(ok.token);
    });

    it('locks a session after 30 idle minutes and keeps saying so', async () => {
      const secret = await enrolled('idler');
      step();
      const { token } = await sessions.signIn({ username: 'idler', password: PASSWORD, code: await totpCode(secret, now) });
      now += SESSION_IDLE_MS - 1_000;
      assert.ok(await sessions.authenticate(token), 'still open a second before 30 idle minutes');
      now += SESSION_IDLE_MS - 1_000;
      assert.ok(await sessions.authenticate(token), 'use moved the idle clock');
      now += SESSION_IDLE_MS;
      await assert.rejects(sessions.authenticate(token), (e) => codeOf(e) === 'session_expired');
      now -= SESSION_IDLE_MS; // even if the clock came back, the locked session stays locked
      await assert.rejects(sessions.authenticate(token), (e) => codeOf(e) === 'session_expired');
      const ended = await audit.list({ limit: 10, action: 'auth.session_ended' });
      assert.ok(ended.items.some((r) => r.actor === 'idler'));
    });

    it('ends a session at its absolute lifetime however busy it is', async () => {
      const secret = await enrolled('busy');
      step();
      const { token } = await sessions.signIn({ username: 'busy', password: PASSWORD, code: await totpCode(secret, now) });
      const end = now + SESSION_ABSOLUTE_MS;
      while (now + 20 * 60_000 < end) {
        now += 20 * 60_000;
        assert.ok(await sessions.authenticate(token));
      }
      now = end;
      await assert.rejects(sessions.authenticate(token), (e) => codeOf(e) === 'session_expired');
    });

    it('sign-out, disabling and an MFA reset end sessions at once', async () => {
      const secret = await enrolled('leaver');
      step();
      const a = await sessions.signIn({ username: 'leaver', password: PASSWORD, code: await totpCode(secret, now) });
      const pa = await sessions.authenticate(a.token);
      await sessions.signOut(pa!);
      assert.equal(await sessions.authenticate(a.token), undefined);
      step();
      const b = await sessions.signIn({ username: 'leaver', password: PASSWORD, code: await totpCode(secret, now) });
      await accounts.disable(pa!.id, ADMIN);
      assert.equal(await sessions.authenticate(b.token), undefined);
      step();
      await assert.rejects(sessions.signIn({ username: 'leaver', password: PASSWORD, code: await totpCode(secret, now) }), (e) => codeOf(e) === 'invalid_credentials');
      await accounts.enable(pa!.id, ADMIN);
      step();
      const c = await sessions.signIn({ username: 'leaver', password: PASSWORD, code: await totpCode(secret, now) });
      const reset = await accounts.resetMfa(pa!.id, ADMIN);
      assert.equal(await sessions.authenticate(c.token), undefined);
      assert.equal(reset.user.status, 'pending_enrolment');
      step();
      await assert.rejects(sessions.signIn({ username: 'leaver', password: PASSWORD, code: await totpCode(secret, now) }), (e) => codeOf(e) === 'invalid_credentials');
    });
  });
}

sessionSuite('sqlite', () => openSqliteStore({ dataDir: ':memory:' }));

const pgTarget = await createTestDatabase('sessions');
if (pgTarget.ok) {
  after(() => pgTarget.db.drop());
  sessionSuite('postgres', () => openPostgresStore(pgTarget.db.url, { maxConnections: 4 }));
} else {
  reportUnavailable('sessions and lockout: postgres', pgTarget.reason);
}
