/**
 * HTTP hygiene for an app on the open internet: security headers (a Content-Security-Policy without
 * inline script, nosniff, frame-ancestors, Referrer-Policy) and a per-client rate limit that answers
 * a clear JSON 429 with Retry-After. Size and time limits are Fastify server options (see
 * `serverLimits`), all driven by documented settings.
 */

import { BlockList, isIP } from 'node:net';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import type { Settings } from '../../config/settings.js';
import { errorBody, ownErrorHandler } from '../errors.js';

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
    maxRequestsPerSocket: settings.keepAliveMaxRequests,
    trustProxy: settings.trustProxy === true ? trustedProxy : settings.trustProxy,
  };
}

const PRIVATE_NETWORKS = new BlockList();
for (const [net, bits] of [
  ['127.0.0.0', 8],
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
  ['169.254.0.0', 16],
] as const)
  PRIVATE_NETWORKS.addSubnet(net, bits, 'ipv4');
for (const [net, bits] of [
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE_NETWORKS.addSubnet(net, bits, 'ipv6');

/**
 * ETABLERA_TRUST_PROXY=true: the one proxy that connects to us (hop 0) may name the client, if it is
 * on this machine or a private network. Never "trust every hop": then the left-most
 * X-Forwarded-For entry wins, which the client writes itself, so anyone could pick a fresh IP (or
 * 127.0.0.1) per request and escape the rate limit. Two proxies in a row are named by address.
 */
export function trustedProxy(address: string, hop: number): boolean {
  if (hop !== 0) return false;
  // Stryker disable next-line MethodExpression: equivalent — Node's BlockList already matches an IPv4-mapped address (::ffff:10.1.2.3) against the IPv4 subnets when checked as IPv6; the unmapping only says so.
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return isIP(v4) === 4 ? PRIVATE_NETWORKS.check(v4, 'ipv4') : PRIVATE_NETWORKS.check(address, 'ipv6');
}

export class RateLimitError extends Error {
  readonly statusCode = 429;
  readonly code = 'RATE_LIMITED';
}

/**
 * No Etablera parameter may hold a NUL byte, and PostgreSQL text cannot: refuse such URLs at the door.
 * The Kolada API checks each of its parameters itself and names the one at fault, so it is left to that.
 * Callback style, not async: it runs for every request (300 votes at once), a promise each is waste.
 */
function refuseNulBytes(request: FastifyRequest, reply: FastifyReply, done: () => void) {
  const url = request.url;
  if (/^\/v[23]\//.test(url) || !(url.includes('%00') || url.includes('\0'))) return done();
  // Answered here: a callback-style hook that sends the reply does not call done.
  reply
    .code(400)
    .send(errorBody(400, 'The URL contains a NUL byte (%00), which no parameter may hold', 'nulByte'));
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 (::ffff:127.0.0.1). */
export function isLoopback(ip: string): boolean {
  const v4 = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
  return v4.startsWith('127.') || ip === '::1';
}

/**
 * A client on this machine (an analyst's script, a notebook) is not rate limited: it can do no
 * more than its owner already can. A request that comes through an untrusted proxy on this
 * machine (it carries X-Forwarded-For) is not trusted to be local: every user behind it would
 * otherwise be unlimited.
 */
function isLocalClient(request: FastifyRequest, proxyTrusted: boolean): boolean {
  if (!isLoopback(request.ip)) return false;
  return proxyTrusted || request.headers['x-forwarded-for'] === undefined;
}

/** Says once that a proxy seems to sit in front while ETABLERA_TRUST_PROXY is off. */
function warnOfUntrustedProxy(app: FastifyInstance): void {
  let warned = false;
  app.addHook('onRequest', async (request) => {
    if (warned || request.headers['x-forwarded-for'] === undefined) return;
    warned = true;
    request.log.warn(
      'A request came with X-Forwarded-For but ETABLERA_TRUST_PROXY is off: every user behind that proxy shares one rate-limit budget. Set ETABLERA_TRUST_PROXY (see the README).',
    );
  });
}

const HELMET_OPTIONS = {
  contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
  referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  // Public data: other sites may load it (CORS already allows reading the API).
  crossOriginResourcePolicy: { policy: 'cross-origin' },
} as const;

/**
 * The security headers as helmet renders HELMET_OPTIONS, rendered once. @fastify/helmet builds its
 * middleware again on every request (parsing the CSP directives, ≈ 10 % of the server's CPU for a
 * small JSON reply such as a vote, BENCHMARKS.md "Session 31"); the headers never depend on the
 * request (no CSP nonces here), so they are taken from one request to a throwaway instance with the
 * plugin and set as they are on every reply.
 */
export function securityHeaders(): Promise<Record<string, string>> {
  // Rendered once per process: the options are constant, and every app built (tests build hundreds) needs them.
  rendering ??= renderSecurityHeaders();
  return rendering;
}
let rendering: Promise<Record<string, string>> | undefined;

async function renderSecurityHeaders(): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, HELMET_OPTIONS);
  let rendered: Record<string, string> = {};
  probe.get('/', (_request, reply) => {
    // Helmet sets its headers on the raw response in onRequest; nothing else has set any yet.
    rendered = Object.fromEntries(
      Object.entries(reply.raw.getHeaders()).map(([name, value]) => [name, String(value)]),
    );
    // Stryker disable next-line StringLiteral: equivalent — the probe's body is thrown away; only its headers are read.
    reply.send('');
  });
  await probe.inject('/');
  await probe.close();
  // A guard against a helmet that renders nothing (a broken upgrade): no test can make helmet do that.
  // Stryker disable next-line ConditionalExpression,StringLiteral: not reachable with a working helmet
  if (!rendered['content-security-policy']) throw new Error('helmet rendered no security headers');
  return rendered;
}

export async function registerSecurity(app: FastifyInstance, settings: Settings): Promise<void> {
  app.setErrorHandler(ownErrorHandler);
  const headers = await securityHeaders();
  // Before anything that may answer early (the NUL-byte refusal, authorisation), so every reply has them.
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  app.addHook('onRequest', refuseNulBytes);
  if (settings.rateLimitMax > 0 && settings.trustProxy === false) warnOfUntrustedProxy(app);
  if (settings.rateLimitMax > 0) {
    await app.register(rateLimit, {
      global: true,
      max: settings.rateLimitMax,
      timeWindow: settings.rateLimitWindowS * 1000,
      // The key is request.ip: the socket's peer, or the real client named by a trusted proxy.
      allowList: (request) => isLocalClient(request, settings.trustProxy !== false),
      // Thrown into each context's error handler, so the API answers it in its own JSON shape.
      errorResponseBuilder: (_request, context) =>
        new RateLimitError(
          `Too many requests: at most ${context.max} per ${context.after} from one client; try again in ${Math.ceil(context.ttl / 1000)} s (see Retry-After)`,
        ),
    });
  }
}
