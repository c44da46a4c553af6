/**
 * HTTP hygiene for an app on the open internet: security headers (a Content-Security-Policy without
 * inline script, nosniff, frame-ancestors, Referrer-Policy) and a per-client rate limit that answers
 * a clear JSON 429 with Retry-After. Size and time limits are Fastify server options (see
 * `serverLimits`), all driven by documented settings.
 */

import { STATUS_CODES } from 'node:http';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type {
  FastifyError,
  FastifyInstance,
  FastifyReply,
  FastifyRequest,
  FastifyServerOptions,
} from 'fastify';
import type { Settings } from '../../config/settings.js';

/**
 * Scripts only from our own origin, never inline; styles may be inline (Swagger UI and charts set
 * style attributes, which cannot run code). No framing by other sites. No upgrade-insecure-requests:
 * municipalities often run Etablera on plain HTTP inside their own network.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null,
};

/** Fastify server options for request size and time limits. */
export function serverLimits(settings: Settings): Partial<FastifyServerOptions> {
  return {
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeoutMs,
    connectionTimeout: settings.connectionTimeoutMs,
    trustProxy: settings.trustProxy,
  };
}

export class RateLimitError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}

/**
 * The last word on errors no feature handled: a 4xx keeps Fastify's JSON shape; a 5xx is logged and
 * answered without internals (a database's message can name tables, encodings or values).
 */
function lastResortErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status =
    error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, 'request failed');
    return reply.code(status).send({ statusCode: status, error: 'Internal error in Etablera' });
  }
  return reply
    .code(status)
    .send({ statusCode: status, code: error.code, error: STATUS_CODES[status], message: error.message });
}

/**
 * No Etablera parameter may hold a NUL byte, and PostgreSQL text cannot: refuse such URLs at the door.
 * The Kolada API checks each of its parameters itself and names the one at fault, so it is left to that.
 */
async function refuseNulBytes(request: FastifyRequest, reply: FastifyReply) {
  if (/^\/v[23]\//.test(request.url)) return;
  if (/%00/.test(request.url) || request.url.includes('\0'))
    return reply.code(400).send({
      error: 'The URL contains a NUL byte (%00), which no parameter may hold',
      detail: [{ loc: ['path'], msg: 'NUL byte in the URL', type: 'url_error' }],
    });
}

export async function registerSecurity(app: FastifyInstance, settings: Settings): Promise<void> {
  app.setErrorHandler(lastResortErrors);
  app.addHook('onRequest', refuseNulBytes);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
    // Public data: other sites may load it (CORS already allows reading the API).
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  });
  if (settings.rateLimitMax > 0) {
    await app.register(rateLimit, {
      global: true,
      max: settings.rateLimitMax,
      timeWindow: settings.rateLimitWindowS * 1000,
      // Thrown into each context's error handler, so the API answers it in its own JSON shape.
      errorResponseBuilder: (_request, context) =>
        new RateLimitError(
          `Too many requests: at most ${context.max} per ${context.after} from one client; try again in ${Math.ceil(context.ttl / 1000)} s (see Retry-After)`,
        ),
    });
  }
}
