/**
 * The one error type of the server. Services throw it; only the HTTP error handler maps a code
 * to a status. Responses carry `{ error: { code, message, requestId, details? } }`, never a stack.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'invalid_credentials'
  | 'sso_refused'
  | 'session_expired'
  | 'account_locked'
  | 'forbidden'
  | 'not_found_or_forbidden'
  | 'justification_required'
  | 'prohibited_purpose'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; details?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
