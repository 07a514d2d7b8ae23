/**
 * Errors Fastify raises itself before a handler runs (body too large, a
 * content type no parser takes, malformed JSON) mapped onto the API's error
 * codes. Anything else is ours to log as an internal error.
 */
import type { ApiErrorCode } from './api-error.js';

export function fastifyErrorAnswer(error: unknown): { code: ApiErrorCode; message: string } | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? (error as { code: unknown }).code : undefined;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'payload_too_large', message: 'The request body is too large.' };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'invalid_request', message: 'The Content-Length header does not match the body.' };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { code: 'unsupported_media_type', message: 'This endpoint does not accept that content type.' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { code: 'invalid_request', message: 'The request body is not valid JSON.' };
    default:
      break;
  }
  const status =
    typeof error === 'object' && error !== null && 'statusCode' in error ? (error as { statusCode: unknown }).statusCode : undefined;
  if (status === 400 && error instanceof SyntaxError) return { code: 'invalid_request', message: 'The request body is not valid JSON.' };
  return undefined;
}
