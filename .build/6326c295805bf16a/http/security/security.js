import { STATUS_CODES } from "node:http";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  upgradeInsecureRequests: null
};
function serverLimits(settings) {
  return {
    bodyLimit: settings.bodyLimit,
    requestTimeout: settings.requestTimeoutMs,
    connectionTimeout: settings.connectionTimeoutMs,
    trustProxy: settings.trustProxy
  };
}
class RateLimitError extends Error {
  statusCode = 429;
  code = "RATE_LIMITED";
}
function lastResortErrors(error, request, reply) {
  const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 600 ? error.statusCode : 500;
  if (status >= 500) {
    request.log.error({ err: error }, "request failed");
    return reply.code(status).send({ statusCode: status, error: "Internal error in Etablera" });
  }
  return reply.code(status).send({ statusCode: status, code: error.code, error: STATUS_CODES[status], message: error.message });
}
async function refuseNulBytes(request, reply) {
  if (/^\/v[23]\//.test(request.url)) return;
  if (/%00/.test(request.url) || request.url.includes("\0"))
    return reply.code(400).send({
      error: "The URL contains a NUL byte (%00), which no parameter may hold",
      detail: [{ loc: ["path"], msg: "NUL byte in the URL", type: "url_error" }]
    });
}
async function registerSecurity(app, settings) {
  app.setErrorHandler(lastResortErrors);
  app.addHook("onRequest", refuseNulBytes);
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: "strict-origin-when-cross-origin" },
    // Public data: other sites may load it (CORS already allows reading the API).
    crossOriginResourcePolicy: { policy: "cross-origin" }
  });
  if (settings.rateLimitMax > 0) {
    await app.register(rateLimit, {
      global: true,
      max: settings.rateLimitMax,
      timeWindow: settings.rateLimitWindowS * 1e3,
      // Thrown into each context's error handler, so the API answers it in its own JSON shape.
      errorResponseBuilder: (_request, context) => new RateLimitError(
        `Too many requests: at most ${context.max} per ${context.after} from one client; try again in ${Math.ceil(context.ttl / 1e3)} s (see Retry-After)`
      )
    });
  }
}
export {
  CONTENT_SECURITY_POLICY,
  RateLimitError,
  registerSecurity,
  serverLimits
};
//# sourceMappingURL=security.js.map
