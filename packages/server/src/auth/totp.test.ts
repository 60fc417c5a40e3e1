import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newTotpSecret, otpauthUri, totpCode, verifyTotp } from './totp.ts';

describe('TOTP', () => {
  // RFC 6238 appendix B, SHA-1: the 20-byte key "12345678901234567890" in Base32, at 59 s → 94287082 (8 digits; 6: 287082)
  it('computes the RFC 6238 test vector', async () => {
    assert.equal(await totpCode('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59_000), '287082');
  });

  it('accepts the current code and one step either side, nothing further', async () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 30, 12, 0, 10);
    assert.ok((await verifyTotp(secret, await totpCode(secret, now), now)) !== undefined);
    assert.ok((await verifyTotp(secret, await totpCode(secret, now - 30_000), now)) !== undefined);
    assert.ok((await verifyTotp(secret, await totpCode(secret, now + 30_000), now)) !== undefined);
    assert.equal(await verifyTotp(secret, await totpCode(secret, now - 90_000), now), undefined);
    assert.equal(await verifyTotp(secret, await totpCode(secret, now + 90_000), now), undefined);
  });

  it('refuses a code whose step was already used (replay), and junk', async () => {
    const secret = newTotpSecret();
    const now = Date.UTC(2026, 10, 30, 12, 0, 10);
    const code = await totpCode(secret, now);
    const step = await verifyTotp(secret, code, now);
    assert.equal(step, Math.floor(now / 30_000));
    assert.equal(await verifyTotp(secret, code, now, step), undefined);
    for (const junk of ['', '12345', '1234567', 'abcdef', ' 123456']) assert.equal(await verifyTotp(secret, junk, now), undefined, junk);
  });

  it('writes an otpauth URI authenticator apps read', () => {
    const uri = otpauthUri('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP', 'jrivera');
    assert.match(uri, /^otpauth:\/\/totp\/OpenRTCC:jrivera\?/);
    const q = new URL(uri).searchParams;
    assert.equal(q.get('secret'), 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
    assert.equal(q.get('issuer'), 'OpenRTCC');
  });
});
