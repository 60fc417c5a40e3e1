/**
 * Passwords: Argon2id (OWASP's minimum profile: 19 MiB, 2 passes, 1 lane), hashed on libuv's
 * thread pool so a sign-in never blocks the event loop. Only the PHC string is stored.
 */
import { hash, verify } from '@node-rs/argon2';

// `Algorithm.Argon2id` is an ambient const enum (not importable under verbatimModuleSyntax): 2
const ARGON2ID = 2;
const PARAMS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;

/**
 * Why a new password is refused, or undefined when it is acceptable. Length over composition
 * rules (NIST SP 800-63B, which the CJIS Security Policy follows for passwords).
 * @example passwordProblem('short') // 'must be at least 12 characters'
 */
export function passwordProblem(password: string, username?: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN) return `must be at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `must be at most ${PASSWORD_MAX} characters`;
  if (/^(.)\1*$/u.test(password)) return 'must not be one character repeated';
  if (username && password.toLowerCase().includes(username.toLowerCase())) return 'must not contain the username';
  return undefined;
}

/** The Argon2id PHC string of `password` (`$argon2id$v=19$m=19456,t=2,p=1$…`). */
export function hashPassword(password: string): Promise<string> {
  return hash(password, PARAMS);
}

/** True when `password` matches the stored hash; false for a malformed hash too. */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

// A hash of nothing anyone knows: an unknown username costs as much time as a wrong password,
// so response times do not tell which usernames exist.
let decoy: Promise<string> | undefined;
export async function verifyDecoy(password: string): Promise<false> {
  decoy ??= hashPassword(`decoy-${Math.random()}-${Date.now()}`);
  await verifyPassword(await decoy, password);
  return false;
}
