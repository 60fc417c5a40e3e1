/**
 * TOTP (RFC 6238) with the settings every authenticator app understands: SHA-1, 6 digits,
 * 30-second steps. A code is accepted one step either side of now (clock drift), and never
 * twice: the step of the last accepted code is kept with the account.
 */
import { generate, generateSecret, generateURI, verify } from 'otplib';

export const TOTP_PERIOD_S = 30;
const ISSUER = 'OpenRTCC';

/** A new random secret (20 bytes, Base32). */
export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

/** The `otpauth://totp/…` URI an authenticator app scans or takes as text. */
export function otpauthUri(secret: string, username: string, issuer = ISSUER): string {
  return generateURI({ issuer, label: username, secret, period: TOTP_PERIOD_S, digits: 6, algorithm: 'sha1' });
}

/** The code for `secret` at `nowMs` (for tests and the enrolment walk-through). */
export function totpCode(secret: string, nowMs: number): Promise<string> {
  return generate({ secret, epoch: Math.floor(nowMs / 1000), period: TOTP_PERIOD_S });
}

/**
 * Checks `code` against `secret` at `nowMs`. Refuses a code whose time step is not after
 * `afterStep` (a replayed or older code).
 * @returns the accepted code's time step, or undefined
 */
export async function verifyTotp(secret: string, code: string, nowMs: number, afterStep?: number): Promise<number | undefined> {
  if (!/^\d{6}$/.test(code)) return undefined;
  try {
    const r = await verify({
      secret,
      token: code,
      epoch: Math.floor(nowMs / 1000),
      period: TOTP_PERIOD_S,
      epochTolerance: TOTP_PERIOD_S,
      ...(afterStep === undefined ? {} : { afterTimeStep: afterStep }),
    });
    return r.valid && 'timeStep' in r ? r.timeStep : undefined;
  } catch {
    return undefined;
  }
}
