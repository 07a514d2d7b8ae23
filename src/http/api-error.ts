/**
 * The JSON errors of chatrun's HTTP API: `{ "error": { "code", "message" } }`
 * with a stable code per situation and one HTTP status per code. Clients
 * branch on `code`; `message` is for people and may change. Every code is
 * documented in docs/http-api.md (a test keeps the two in agreement).
 */
import type { FastifyReply } from 'fastify';

export const API_ERROR_STATUS = {
  invalid_request: 400,
  missing_field: 400,
  bad_field: 400,
  unauthenticated: 401,
  invalid_token: 401,
  bad_signature: 401,
  bad_token: 401,
  forbidden: 403,
  cross_origin: 403,
  not_found: 404,
  platform_not_configured: 404,
  not_manual: 409,
  already_finished: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  internal_error: 500,
} as const;

export type ApiErrorCode = keyof typeof API_ERROR_STATUS;

export interface ApiErrorBody {
  readonly error: {
    readonly code: ApiErrorCode;
    readonly message: string;
    /** The form field a chat request lacked or had wrong. */
    readonly field?: string;
    /** Quote it when reporting an internal error: it is in the server log. */
    readonly reference?: string;
  };
}

export function apiErrorBody(code: ApiErrorCode, message: string, extra: { field?: string; reference?: string } = {}): ApiErrorBody {
  return { error: { code, message, ...extra } };
}

export function sendApiError(
  reply: FastifyReply,
  code: ApiErrorCode,
  message: string,
  extra: { field?: string; reference?: string } = {},
): FastifyReply {
  return reply.code(API_ERROR_STATUS[code]).type('application/json; charset=utf-8').send(apiErrorBody(code, message, extra));
}
