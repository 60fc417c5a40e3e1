// Which webhook URLs are refused (this machine, link-local metadata addresses, non-HTTP), and the
// signature a receiver checks.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTargetUrl, isLocalAddress } from './webhook-url.ts';
import { signatureHeader, verifySignature } from './webhook-signature.ts';
import { backoffMs } from './webhook.dispatcher.ts';

describe('checkTargetUrl', () => {
  it('accepts http and https on names and private networks, where a CAD lives', () => {
    for (const url of ['https://cad.agency.example/hits', 'http://10.20.0.5:8443/rtcc', 'http://192.168.1.20/x', 'https://[fd00::5]/x']) {
      assert.equal(typeof checkTargetUrl(url, false), 'string', url);
    }
  });

  it('refuses this machine, link-local and metadata addresses unless allowed, and never other schemes or credentials', () => {
    const local = ['http://127.0.0.1:9000/', 'http://localhost/', 'http://api.localhost/', 'http://[::1]/', 'http://169.254.169.254/latest/meta-data', 'http://0.0.0.0/', 'http://[::ffff:127.0.0.1]/', 'http://[fe80::1]/'];
    for (const url of local) {
      assert.throws(() => checkTargetUrl(url, false), { code: 'validation_failed' }, url);
      assert.doesNotThrow(() => checkTargetUrl(url, true), url);
    }
    for (const url of ['ftp://cad.example/', 'file:///etc/passwd', 'https://user:pw@cad.example/', 'not a url']) {
      assert.throws(() => checkTargetUrl(url, true), { code: 'validation_failed' }, url);
    }
  });

  it('classifies resolved addresses', () => {
    assert.equal(isLocalAddress('127.8.9.10'), true);
    assert.equal(isLocalAddress('169.254.169.254'), true);
    assert.equal(isLocalAddress('224.0.0.1'), true);
    assert.equal(isLocalAddress('10.0.0.1'), false);
    assert.equal(isLocalAddress('8.8.8.8'), false);
    assert.equal(isLocalAddress('2001:db8::1'), false);
  });
});

describe('signature', () => {
  const body = '{"event":"hit.verified","hit":{"id":"h1"}}';

  it('verifies with the secret within five minutes, and not with another secret, body or an old timestamp', () => {
    const now = 1_767_225_600;
    const header = signatureHeader('whsec_0123456789abcdef', now, body);
    assert.match(header, /^t=1767225600,v1=[0-9a-f]{64}$/);
    assert.equal(verifySignature(header, body, 'whsec_0123456789abcdef', now + 60), true);
    assert.equal(verifySignature(header, body, 'whsec_other_secret_xx', now), false);
    assert.equal(verifySignature(header, body.replace('h1', 'h2'), 'whsec_0123456789abcdef', now), false);
    assert.equal(verifySignature(header, body, 'whsec_0123456789abcdef', now + 301), false);
    assert.equal(verifySignature(undefined, body, 'whsec_0123456789abcdef', now), false);
  });
});

describe('backoff', () => {
  it('doubles from the base up to the cap, with jitter in the upper half', () => {
    const o = { baseDelayMs: 1000, maxDelayMs: 10_000 };
    assert.deepEqual([1, 2, 3, 4, 5, 6].map((n) => backoffMs(n, o, 0.999999)), [1000, 2000, 4000, 8000, 10_000, 10_000]);
    assert.deepEqual([1, 2, 3].map((n) => backoffMs(n, o, 0)), [500, 1000, 2000]);
  });
});
