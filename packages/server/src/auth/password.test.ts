import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hashPassword, passwordProblem, verifyPassword } from './password.ts';

describe('passwords', () => {
  it('hashes with Argon2id and verifies only the right password', async () => {
    const h = await hashPassword('correct horse battery staple');
    assert.match(h, /^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    assert.equal(await verifyPassword(h, 'correct horse battery staple'), true);
    assert.equal(await verifyPassword(h, 'correct horse battery stapl'), false);
    assert.notEqual(await hashPassword('correct horse battery staple'), h, 'salted: the same password hashes differently');
  });

  it('answers false, not an exception, for a malformed stored hash', async () => {
    assert.equal(await verifyPassword('not a hash', 'whatever it is'), false);
  });

  it('refuses short, repeated and username-bearing passwords', () => {
    assert.match(passwordProblem('short pw') ?? '', /at least 12/);
    assert.match(passwordProblem('aaaaaaaaaaaaaaaa') ?? '', /repeated/);
    assert.match(passwordProblem('jrivera-is-the-best', 'JRivera') ?? '', /username/);
    assert.match(passwordProblem('x'.repeat(300)) ?? '', /at most 256/);
    assert.equal(passwordProblem('a long enough passphrase', 'jrivera'), undefined);
  });
});
