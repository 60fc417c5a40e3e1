/**
 * The one place that maps error codes to HTTP statuses. Every error body is
 * `{ error: { code, message, requestId, details? } }`; stack traces never leave the server.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, type ErrorCode } from '../errors.ts';

const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  justification_required: 400,
  // the justification itself is fine in form; the purpose it reveals is what policy forbids
  prohibited_purpose: 403,
  unauthenticated: 401,
  invalid_credentials: 401,
  sso_refused: 403,
  session_expired: 401,
  account_locked: 423,
  forbidden: 403,
  not_found_or_forbidden: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal: 500,
  unavailable: 503,
};

function fromFastify(e: FastifyError): AppError {
  if (e.validation) {
    const details = e.validation.map((v) => ({ field: `${e.validationContext ?? 'body'}${v.instancePath}`, message: v.message ?? 'is invalid' }));
    return new AppError('validation_failed', details.map((d) => `${d.field} ${d.message}`).join('; '), { details });
  }
  switch (e.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'request body is larger than this server accepts (RTCC_MAX_BODY_BYTES)');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new AppError('unsupported_media_type', 'send this route JSON (Content-Type: application/json)');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('validation_failed', 'the request body is empty; send JSON');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new AppError('validation_failed', `the request body is not valid JSON: ${e.message}`);
  }
  if (e.statusCode === 400 && e instanceof SyntaxError) return new AppError('validation_failed', `the request body is not valid JSON: ${e.message}`);
  if (e.statusCode === 413) return new AppError('payload_too_large', e.message);
  if (e.statusCode === 415) return new AppError('unsupported_media_type', e.message);
  if (e.statusCode === 429) return new AppError('rate_limited', e.message);
  if (e.statusCode && e.statusCode >= 400 && e.statusCode < 500) return new AppError('validation_failed', e.message);
  return new AppError('internal', 'internal error', { cause: e });
}

export function errorHandler(err: FastifyError | AppError, req: FastifyRequest, reply: FastifyReply): void {
  const e = err instanceof AppError ? err : fromFastify(err as FastifyError);
  const status = STATUS[e.code];
  if (status >= 500) req.log.error({ err }, 'request failed');
  const body: { error: { code: string; message: string; requestId: string; details?: unknown } } = {
    error: { code: e.code, message: e.message, requestId: String(req.id) },
  };
  if (e.details !== undefined) body.error.details = e.details;
  void reply.status(status).send(body);
}

export function notFoundHandler(req: FastifyRequest, reply: FastifyReply): void {
  void reply.status(404).send({ error: { code: 'not_found_or_forbidden', message: `no route ${req.method} ${req.url.split('?')[0]}`, requestId: String(req.id) } });
}
