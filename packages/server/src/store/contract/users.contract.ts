/**
 * Contract: user accounts (unique usernames, enrolment lookups, serialized updates) and sessions
 * (found by token hash, touched forward only, ended once).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Session, UserAccount } from '../store.types.ts';
import { era, uid, type GetStore } from './fixtures.ts';

function newUser(at: number, over: Partial<UserAccount> = {}): UserAccount {
  return {
    id: uid('user'),
    username: uid('jrivera').toLowerCase(),
    displayName: 'Analyst Ä. Rivera',
    role: 'analyst',
    createdAt: at,
    createdBy: 'admin (bootstrap token)',
    totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    enrolment: { codeHash: uid('hash'), expiresAt: at + 72 * 3_600_000 },
    failedAttempts: [],
    updatedAt: at,
    ...over,
  };
}

function newSession(userId: string, at: number, over: Partial<Session> = {}): Session {
  return { id: uid('ses'), tokenHash: uid('tok'), userId, createdAt: at, lastSeenAt: at, expiresAt: at + 12 * 3_600_000, from: '10.0.0.7', ...over };
}

export function usersContract(store: GetStore): void {
  describe('user accounts', () => {
    it('stores an account unchanged and finds it by id, username and open enrolment', async () => {
      const t = era();
      const u = newUser(t);
      await store().users.create(u);
      assert.deepEqual(await store().users.get(u.id), u);
      assert.deepEqual(await store().users.findByUsername(u.username), u);
      assert.deepEqual(await store().users.findByEnrolmentHash(u.enrolment!.codeHash), u);
      assert.equal(await store().users.get(uid('missing')), undefined);
      assert.equal(await store().users.findByUsername(uid('nobody')), undefined);
      assert.equal(await store().users.findByEnrolmentHash(uid('nohash')), undefined);
      assert.ok((await store().users.list()).some((x) => x.id === u.id));
    });

    it('refuses a second account with the same username and keeps the first', async () => {
      const u = newUser(era());
      await store().users.create(u);
      await assert.rejects(store().users.create({ ...newUser(era()), username: u.username }), (e: unknown) => (e as { code?: string }).code === 'conflict');
      assert.equal((await store().users.findByUsername(u.username))?.id, u.id);
    });

    it('updates through a change function; enrolment lookups follow the change', async () => {
      const t = era();
      const u = newUser(t);
      await store().users.create(u);
      const enrolled = await store().users.update(u.id, (cur) => {
        const { enrolment: _done, ...rest } = cur;
        return { ...rest, passwordHash: '$argon2id$v=19$m=19456,t=2,p=1$x$y', enrolledAt: t + 5, lastTotpStep: 123, updatedAt: t + 5 };
      });
      assert.equal(enrolled?.enrolledAt, t + 5);
      assert.equal(enrolled?.enrolment, undefined);
      assert.deepEqual(await store().users.get(u.id), enrolled);
      assert.equal(await store().users.findByEnrolmentHash(u.enrolment!.codeHash), undefined, 'a finished enrolment is no longer found');
      const same = await store().users.update(u.id, () => undefined);
      assert.deepEqual(same, enrolled, 'undefined leaves the account as it is');
      assert.equal(await store().users.update(uid('missing'), (c) => c), undefined);
    });

    it('serializes concurrent updates of one account: no failed attempt is lost', async () => {
      const t = era();
      const u = newUser(t);
      await store().users.create(u);
      await Promise.all(Array.from({ length: 8 }, (_, i) => store().users.update(u.id, (cur) => ({ ...cur, failedAttempts: [...cur.failedAttempts, t + i] }))));
      const after = await store().users.get(u.id);
      assert.deepEqual([...(after?.failedAttempts ?? [])].sort((a, b) => a - b), Array.from({ length: 8 }, (_, i) => t + i));
    });

    it('refuses a change of id or username', async () => {
      const u = newUser(era());
      await store().users.create(u);
      await assert.rejects(store().users.update(u.id, (cur) => ({ ...cur, username: 'someone-else' })));
      assert.equal((await store().users.get(u.id))?.username, u.username);
    });
  });

  describe('sessions', () => {
    it('stores a session and finds it by token hash and id', async () => {
      const t = era();
      const s = newSession(uid('user'), t);
      await store().sessions.create(s);
      assert.deepEqual(await store().sessions.findByTokenHash(s.tokenHash), s);
      assert.deepEqual(await store().sessions.get(s.id), s);
      assert.equal(await store().sessions.findByTokenHash(uid('nothing')), undefined);
      const bare = newSession(uid('user'), t, { from: undefined });
      delete bare.from;
      await store().sessions.create(bare);
      assert.deepEqual(await store().sessions.get(bare.id), bare);
    });

    it('moves lastSeenAt forward only, and not on an ended session', async () => {
      const t = era();
      const s = newSession(uid('user'), t);
      await store().sessions.create(s);
      await store().sessions.touch(s.id, t + 60_000);
      await store().sessions.touch(s.id, t + 30_000);
      assert.equal((await store().sessions.get(s.id))?.lastSeenAt, t + 60_000);
      await store().sessions.revoke(s.id, t + 70_000, 'signed_out');
      await store().sessions.touch(s.id, t + 90_000);
      assert.equal((await store().sessions.get(s.id))?.lastSeenAt, t + 60_000);
    });

    it('ends a session once: the first end and its reason stand', async () => {
      const t = era();
      const s = newSession(uid('user'), t);
      await store().sessions.create(s);
      assert.equal(await store().sessions.revoke(s.id, t + 5, 'signed_out'), true);
      assert.equal(await store().sessions.revoke(s.id, t + 9, 'idle'), false);
      const got = await store().sessions.get(s.id);
      assert.equal(got?.revokedAt, t + 5);
      assert.equal(got?.endReason, 'signed_out');
      assert.equal(await store().sessions.revoke(uid('missing'), t, 'x'), false);
    });

    it("ends every open session of one user and no one else's", async () => {
      const t = era();
      const user = uid('user');
      const other = uid('user');
      const mine = [newSession(user, t), newSession(user, t + 1), newSession(user, t + 2)];
      const theirs = newSession(other, t);
      for (const s of [...mine, theirs]) await store().sessions.create(s);
      await store().sessions.revoke(mine[0].id, t + 3, 'signed_out');
      assert.deepEqual((await store().sessions.listOpenForUser(user)).map((s) => s.id), [mine[2].id, mine[1].id]);
      assert.equal(await store().sessions.revokeAllForUser(user, t + 10, 'disabled'), 2);
      assert.deepEqual(await store().sessions.listOpenForUser(user), []);
      assert.equal((await store().sessions.get(mine[0].id))?.endReason, 'signed_out');
      assert.equal((await store().sessions.get(mine[1].id))?.endReason, 'disabled');
      assert.equal((await store().sessions.get(theirs.id))?.revokedAt, undefined);
    });
  });
}
