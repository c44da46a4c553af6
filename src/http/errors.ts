/**
 * The one error shape of Etablera's own endpoints (`/api/…`, the pages' `.json`, and every error a
 * page route answers as data): `{"statusCode", "error", "code", "parameter"?}`, where `error` is a
 * sentence in the request's language, `code` a stable reason code for programs, and `parameter` the
 * query parameter at fault. The Kolada-compatible API (`/v3`, `/v2`) keeps Kolada's shapes
 * (kolada-api/errors.ts).
 */
import { STATUS_CODES } from 'node:http';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { InputError, type InputReason } from '../errors/input-error.js';
import type { MessageKey } from '../i18n/catalog.js';
import { negotiateLocale } from '../i18n/negotiate.js';
import { type Translate, translator } from '../i18n/translator.js';
import { isConnectionLost } from '../store/connection-lost.js';
import { koladaFrameworkError } from './kolada-api/errors.js';

// Every reason code has its sentence in the catalogs (a reason without one does not compile).
type ReasonKey = `errors.${InputReason}`;
const reasonKey = (reason: InputReason): ReasonKey & MessageKey => `errors.${reason}`;

export interface ErrorBody {
  statusCode: number;
  error: string;
  code: string;
  parameter?: string;
}

export function errorBody(statusCode: number, error: string, code: string, parameter?: string): ErrorBody {
  return { statusCode, error, code, ...(parameter ? { parameter } : {}) };
}

/** The sentence for an input error in the reader's language. */
export function describeInputError(error: InputError, t: Translate): string {
  return t(reasonKey(error.reason), { parameter: error.parameter ?? '', ...error.values });
}

export function inputErrorBody(error: InputError, t: Translate): ErrorBody {
  return errorBody(error.status, describeInputError(error, t), error.reason, error.parameter);
}

/** The translator of a request that has no page context (an API call): query, cookie, then header. */
export function requestTranslator(request: FastifyRequest): Translate {
  const { locale } = negotiateLocale({
    query: request.query,
    cookieHeader: request.headers.cookie,
    userLocale: request.userLocale,
    acceptLanguage: request.headers['accept-language'],
  });
  return translator(locale);
}

/** Server limits and validation keep their status; Fastify's codes become snake_case reason codes. */
function frameworkCode(error: FastifyError, status: number): string {
  if (error.validation) return 'invalid';
  return error.code
    ? error.code.replace(/^FST_ERR_/, '').toLowerCase()
    : (STATUS_CODES[status] ?? 'error').toLowerCase().replaceAll(' ', '_');
}

/**
 * The error handler of Etablera's own endpoints: an InputError is translated; another 4xx keeps its
 * message; a fault of our own is logged and answered without internals (a database's message can
 * name tables, encodings or values).
 */
export function ownErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof InputError)
    return reply.code(error.status).send(inputErrorBody(error, requestTranslator(request)));
  // The database went away under the request: a transaction that did not commit wrote nothing.
  if (isConnectionLost(error)) {
    request.log.error({ err: error }, 'the database connection was lost');
    return reply
      .code(503)
      .send(inputErrorBody(new InputError('storeUnavailable', { status: 503 }), requestTranslator(request)));
  }
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(status).send(errorBody(status, 'Internal error in Etablera', 'internal'));
  }
  const parameter = error.validation?.[0]?.instancePath.replace(/^\//, '').split('/')[0] || undefined;
  return reply.code(status).send(errorBody(status, error.message, frameworkCode(error, status), parameter));
}

/** Routes nobody serves (outside /v3 and /v2, which answer their own 404s). */
export function ownNotFound(request: FastifyRequest, reply: FastifyReply) {
  const path = (request.url.split('?')[0] ?? '').slice(0, 200);
  const t = requestTranslator(request);
  return reply.code(404).send(errorBody(404, t('errors.notFound', { path }), 'notFound'));
}

/**
 * Errors Fastify raises before routing (a URL that is not valid percent-encoded UTF-8): the Kolada
 * shape under /v3 and /v2, ours elsewhere.
 */
export function frameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (/^\/v[23](\/|$|\?)/.test(request.url)) return koladaFrameworkError(error, request, reply);
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 400;
  return reply
    .code(status)
    .send(
      errorBody(
        status,
        error.code === 'FST_ERR_BAD_URL'
          ? 'The URL is not valid: it has a malformed %-encoding'
          : `The request is not valid: ${error.message}`,
        'badUrl',
      ),
    );
}
