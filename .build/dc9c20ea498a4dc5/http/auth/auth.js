import { timingSafeEqual } from "node:crypto";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import formbody from "@fastify/formbody";
import { canSomewhere } from "../../accounts/actor.js";
import { AuditLog } from "../../accounts/audit-log.js";
import { hashSecret, newSecret } from "../../accounts/secrets.js";
import { SignInService } from "../../accounts/sign-in.service.js";
import { TOKEN_PREFIX } from "../../accounts/token.service.js";
import { StoreMetaRepository } from "../../store/repositories/store-meta.repository.js";
const SESSION_COOKIE = "etablera_session";
const UNSAFE = /* @__PURE__ */ new Set(["POST", "PUT", "PATCH", "DELETE"]);
const OPERATOR = {
  userId: null,
  label: "admin-token",
  via: "admin-token",
  memberships: [],
  global: ["mirror.admin"]
};
class AuthError extends Error {
  constructor(message, statusCode) {
    super(message);
    this.statusCode = statusCode;
  }
  statusCode;
}
const sessionCookieOptions = (maxHours) => ({ path: "/", httpOnly: true, sameSite: "lax", secure: "auto", maxAge: maxHours * 3600 });
const equalSecrets = (a, b) => timingSafeEqual(Buffer.from(hashSecret(a)), Buffer.from(hashSecret(b)));
function bearer(request) {
  const header = request.headers.authorization;
  if (header === void 0) return void 0;
  return /^Bearer[ ]+(\S+)\s*$/i.exec(header)?.[1] ?? null;
}
const wantsHtml = (request) => request.method === "GET" && !request.url.startsWith("/api/") && /text\/html/.test(request.headers.accept ?? "");
async function registerAuth(app, { store, settings }) {
  const signIn = new SignInService(store.db, {
    idleMinutes: settings.sessionIdleMinutes,
    maxHours: settings.sessionMaxHours
  });
  const audit = new AuditLog(store.db);
  app.decorate("signIn", signIn);
  app.decorate("audit", audit);
  app.decorateRequest("actor", null);
  const routes = [];
  app.decorate("routeAccess", routes);
  app.addHook("onRoute", (route) => {
    for (const method of [route.method].flat())
      routes.push({
        method,
        url: route.url,
        permission: route.config?.permission
      });
  });
  await app.register(cookie);
  await app.register(formbody);
  await app.register(csrf, {
    cookieKey: "etablera_csrf",
    cookieOpts: { path: "/", httpOnly: true, sameSite: "lax", secure: "auto" },
    // Tokens are bound to the session, so a token from before sign-in (or another session) is refused.
    getUserInfo: csrfBinding,
    csrfOpts: { hmacKey: await csrfKey(store) }
  });
  async function resolveActor(request) {
    const token = bearer(request);
    if (token === null) throw new AuthError('Send the token as "Authorization: Bearer <token>"', 401);
    if (token !== void 0) {
      if (settings.adminToken && equalSecrets(token, settings.adminToken)) return OPERATOR;
      const actor = token.startsWith(TOKEN_PREFIX) ? await signIn.tokenActor(token, request.ip) : null;
      if (!actor) throw new AuthError("The token is not valid (unknown, revoked or expired)", 401);
      return actor;
    }
    const sid = request.cookies[SESSION_COOKIE];
    return sid ? signIn.sessionActor(sid) : null;
  }
  app.addHook("onRequest", async (request, reply) => {
    const permission = request.routeOptions.config?.permission;
    if (!permission) return;
    const actor = await resolveActor(request).catch((error) => {
      if (error instanceof AuthError) reply.header("www-authenticate", 'Bearer realm="etablera"');
      throw error;
    });
    if (!actor || "stage" in actor && actor.stage !== "full") {
      if (wantsHtml(request)) return reply.redirect(`/logga-in?next=${encodeURIComponent(request.url)}`, 303);
      reply.header("www-authenticate", 'Bearer realm="etablera"');
      throw new AuthError('Sign in first: a session cookie or "Authorization: Bearer <API token>"', 401);
    }
    if (permission !== "signed-in" && !canSomewhere(actor, permission)) {
      await audit.record({
        actor,
        action: "access",
        outcome: "refused",
        ip: request.ip,
        detail: { method: request.method, path: request.routeOptions.url, permission }
      });
      throw new AuthError(`This needs the permission ${permission}, which your roles do not give`, 403);
    }
    if (actor.via === "api-token")
      await audit.record({
        actor,
        action: "token.use",
        ip: request.ip,
        target: { type: "api-token", id: actor.tokenId ?? "" },
        detail: { method: request.method, path: request.routeOptions.url }
      });
    request.actor = actor;
  });
  app.addHook("preHandler", (request, reply, done) => {
    if (!UNSAFE.has(request.method) || request.headers.authorization !== void 0) return done();
    app.csrfProtection(request, reply, done);
  });
}
function csrfBinding(request) {
  const sid = request.cookies?.[SESSION_COOKIE];
  return sid ? hashSecret(sid) : "anonymous";
}
async function csrfKey(store) {
  const meta = new StoreMetaRepository(store.db);
  const existing = await meta.get("csrf-hmac-key");
  if (existing) return existing;
  await store.db.insertInto("store_meta").values({ key: "csrf-hmac-key", value: newSecret() }).onConflict((oc) => oc.column("key").doNothing()).execute();
  return await meta.get("csrf-hmac-key");
}
export {
  AuthError,
  SESSION_COOKIE,
  csrfBinding,
  registerAuth,
  sessionCookieOptions
};
//# sourceMappingURL=auth.js.map
