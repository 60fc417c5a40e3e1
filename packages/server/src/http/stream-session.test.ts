// A live stream does not outlive its session: signing out, disabling the account or resetting its
// MFA closes the person's open streams at once (close code 4401), and a session ended elsewhere
// (another node, or found idle) is caught by the periodic check (`checkSession`).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { openStream, startTestApp, type StreamClient, type TestApp } from './test-app.ts';
import { enrolUser, signInAs, type TestUser } from './routes/users.fixture.ts';
import { SESSION_ENDED_CLOSE } from './stream.ts';

function closed(c: StreamClient, timeoutMs = 3000): Promise<{ code: number; reason: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the stream stayed open')), timeoutMs);
    c.socket.once('close', (code, reason) => {
      clearTimeout(timer);
      resolve({ code, reason: reason.toString() });
    });
  });
}

describe('live streams end with their session', () => {
  let t: TestApp;
  let base: string;
  let analyst: TestUser;
  let dispatcher: TestUser;

  before(async () => {
    t = await startTestApp();
    base = await t.app.listen({ port: 0, host: '127.0.0.1' });
    analyst = await enrolUser(t, 'stream.analyst', 'analyst');
    dispatcher = await enrolUser(t, 'stream.dispatcher', 'dispatcher');
  });
  after(async () => t.close());

  it('signing out closes that session’s stream and leaves the person’s other session streaming', async () => {
    const first = await signInAs(t, analyst);
    const second = await signInAs(t, analyst, 1);
    const a = await openStream(base, `?access_token=${first}`);
    const b = await openStream(base, `?access_token=${second}`);
    await Promise.all([a.next('snapshot'), b.next('snapshot')]);
    const ended = closed(a);
    assert.equal((await t.call({ method: 'DELETE', url: '/api/v1/session', token: first })).statusCode, 204);
    assert.deepEqual(await ended, { code: SESSION_ENDED_CLOSE, reason: 'session ended: signed_out' });
    assert.equal(b.socket.readyState, b.socket.OPEN);
    b.close();
  });

  it('disabling the account closes every stream of it', async () => {
    const token = await signInAs(t, dispatcher);
    const s = await openStream(base, `?access_token=${token}`);
    await s.next('snapshot');
    const ended = closed(s);
    assert.equal((await t.call({ method: 'POST', url: `/api/v1/users/${dispatcher.id}/disable` })).statusCode, 200);
    assert.deepEqual(await ended, { code: SESSION_ENDED_CLOSE, reason: 'session ended: disabled' });
  });

  it('a session revoked elsewhere is reported ended by the check the stream runs', async () => {
    const token = await signInAs(t, await enrolUser(t, 'stream.supervisor', 'supervisor'));
    const who = (await t.call({ method: 'GET', url: '/api/v1/session', token })).json();
    assert.deepEqual(await t.ctx.sessions.checkSession(who.session.id), { ok: true });
    // what another node does when the person signs out there: only the store changes
    await t.ctx.store.sessions.revoke(who.session.id, Date.now(), 'signed_out');
    assert.deepEqual(await t.ctx.sessions.checkSession(who.session.id), { ok: false, reason: 'signed_out' });
    assert.deepEqual(await t.ctx.sessions.checkSession('no-such-session'), { ok: false, reason: 'revoked' });
  });
});
