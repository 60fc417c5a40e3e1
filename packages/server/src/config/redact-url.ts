/**
 * A connection URL fit for logs and messages: its password replaced by `***`, or `fallback` when
 * it does not parse (then nothing of it is shown, since it may hold a secret anywhere).
 * @example redactUrl('postgres://rtcc:s3cret@db/rtcc', 'the database') // 'postgres://rtcc:***@db/rtcc'
 */
export function redactUrl(url: string, fallback: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return fallback;
  }
}
