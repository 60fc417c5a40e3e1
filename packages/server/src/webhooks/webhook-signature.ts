/**
 * The signature a receiver checks to know a webhook came from this server and was not replayed:
 * `X-RTCC-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the target's secret>`.
 * The timestamp is signed with the body, so a receiver that refuses old timestamps (five minutes)
 * cannot be fed a captured request again.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-rtcc-signature';

/** @example signatureHeader('s3cret', 1767225600, '{"event":"hit.verified"}') // 't=1767225600,v1=5d…' */
export function signatureHeader(secret: string, unixSeconds: number, body: string): string {
  return `t=${unixSeconds},v1=${createHmac('sha256', secret).update(`${unixSeconds}.${body}`).digest('hex')}`;
}

/**
 * What a receiver runs: true when `header` signs `body` with `secret` within `toleranceS` of `nowS`.
 * @example verifySignature(req.headers['x-rtcc-signature'], rawBody, secret, Date.now() / 1000)
 */
export function verifySignature(header: string | undefined, body: string, secret: string, nowS: number, toleranceS = 300): boolean {
  const m = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? '');
  if (!m) return false;
  const t = Number(m[1]);
  if (Math.abs(nowS - t) > toleranceS) return false;
  const expected = Buffer.from(signatureHeader(secret, t, body).slice(-64), 'hex');
  return timingSafeEqual(expected, Buffer.from(m[2], 'hex'));
}
