/**
 * Every error of the Kolada-compatible API is JSON that names the parameter and the problem, with a
 * FastAPI-style `detail` list as well (Kolada v3 is FastAPI; its clients may read that shape). Bad
 * input is always a 4xx; only a fault of Etablera's own is a 500, and its reply carries no internals.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ApiInputError } from './params.js';

interface ErrorBody {
  error: string;
  parameter?: string;
  detail: { loc: string[]; msg: string; type: string }[];
}

function body(message: string, parameter: string | undefined, location: string, type: string): ErrorBody {
  return {
    error: message,
    ...(parameter ? { parameter } : {}),
    detail: [{ loc: parameter ? [location, parameter] : [location], msg: message, type }],
  };
}

const LIMIT_PARAMETERS = new Set(['page', 'per_page']);

/** A status the client's request caused (4xx), which is passed on as it is. */
const isClientError = (status: number) => status >= 400 && status < 500;

export function koladaErrorHandler(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  if (error instanceof ApiInputError) {
    reply
      .code(error.status)
      .send(
        body(
          error.message,
          error.parameter,
          error.location,
          error.status === 422 ? 'value_error.limit' : 'value_error',
        ),
      );
    return;
  }
  const first = error.validation?.[0];
  if (first) {
    const missing = (first.params as { missingProperty?: string }).missingProperty;
    // The instance path is "" (the whole query) or "/name…": its first part names the parameter.
    const parameter = first.instancePath.split('/')[1] || missing || 'request';
    const overLimit = first.keyword === 'maximum' && LIMIT_PARAMETERS.has(parameter);
    // Stryker disable next-line StringLiteral: Ajv, as Fastify sets it up, always gives a message
    const problem = first.message ?? 'is invalid';
    const location = error.validationContext === 'params' ? 'path' : 'query';
    reply
      .code(overLimit ? 422 : 400)
      .send(
        body(`${parameter} ${problem}`, parameter, location, overLimit ? 'value_error.limit' : 'value_error'),
      );
    return;
  }
  const status = error.statusCode ?? 500;
  if (isClientError(status)) {
    reply.code(status).send(body(error.message, undefined, 'request', 'request_error'));
    return;
  }
  request.log.error({ err: error }, 'Kolada API request failed');
  reply.code(500).send(body('Internal error in Etablera', undefined, 'server', 'server_error'));
}

export function koladaNotFound(request: FastifyRequest, reply: FastifyReply): void {
  // split always gives at least one part.
  const [path] = request.url.split('?') as [string];
  reply
    .code(404)
    .send(
      body(
        `No such route: ${request.method} ${path.length > 200 ? `${path.slice(0, 200)}…` : path}`,
        undefined,
        'path',
        'not_found',
      ),
    );
}

/**
 * Kolada v2 limited id lists only by the URL's length and answered a longer URL with 400. Checked
 * before routing, so a too long URL gets this answer whatever route it names.
 */
export function koladaUrlLengthLimit(maxLength: number) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const length = request.url.length;
    if (length <= maxLength) return;
    await reply
      .code(400)
      .send(
        body(
          `The URL is ${length} characters long; at most ${maxLength} are accepted (split the ids over several requests)`,
          undefined,
          'path',
          'value_error.url_too_long',
        ),
      );
  };
}

/**
 * Errors Fastify raises before routing (a URL that is not valid percent-encoded UTF-8): answered in
 * the same JSON shape as every other API error.
 */
export function koladaFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const code = error.statusCode ?? 400;
  const status = isClientError(code) ? code : 400;
  reply
    .code(status)
    .send(
      body(
        error.code === 'FST_ERR_BAD_URL'
          ? 'The URL is not valid: it has a malformed %-encoding'
          : `The request is not valid: ${error.message}`,
        undefined,
        'path',
        'url_error',
      ),
    );
}
