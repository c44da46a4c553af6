import { AccountError, AccountService } from "../../accounts/account.service.js";
import { verifyPassword } from "../../accounts/password.js";
import { parseLifetime, TokenService } from "../../accounts/token.service.js";
import { AccountsRepository } from "../../store/repositories/accounts.repository.js";
import { prepareAssets } from "../ui/assets.js";
import { langCookie, resolveLang } from "../ui/i18n/lang.js";
import { createContext } from "../ui/page-context.js";
import { sendHtml } from "../ui/page-request.js";
import { AccountPage, SignInPage } from "./account-pages.js";
import { csrfBinding, SESSION_COOKIE, sessionCookieOptions } from "./auth.js";
import { ACCOUNT_TEXTS } from "./texts.js";
function safeNext(next) {
  return next && /^\/(?![/\\])/.test(next) ? next : "/konto";
}
async function accountRoutes(app, { store, settings }) {
  const assets = await prepareAssets(settings.boundariesFile);
  const accounts = new AccountService(store.db);
  const tokens = new TokenService(store.db);
  const repository = new AccountsRepository(store.db);
  function context(request, reply, path) {
    const body = request.body ?? {};
    const { lang, fromQuery } = resolveLang(body.lang ? body : request.query, request.headers.cookie);
    if (fromQuery) reply.header("set-cookie", langCookie(lang));
    return createContext({
      lang,
      path,
      params: new URLSearchParams(),
      dataset: "kolada",
      lastLoadedAt: null,
      syncRunning: false,
      assets: assets.urls,
      now: (/* @__PURE__ */ new Date()).toISOString()
    });
  }
  const csrfFor = (request, reply) => reply.generateCsrf({ userInfo: csrfBinding(request) });
  function page(reply, status, view) {
    reply.header("cache-control", "no-store");
    return sendHtml(reply, status, view);
  }
  app.get("/logga-in", async (request, reply) => {
    const ctx = context(request, reply, "/logga-in");
    const form = { csrf: csrfFor(request, reply) };
    return page(reply, 200, SignInPage({ ctx, form, email: "", next: safeNext(request.query.next) }));
  });
  app.post("/logga-in", async (request, reply) => {
    const ctx = context(request, reply, "/logga-in");
    const t = ACCOUNT_TEXTS[ctx.lang];
    const { email = "", password = "" } = request.body ?? {};
    const next = safeNext(request.body?.next);
    const result = await app.signIn.signInWithPassword({
      email,
      password,
      ip: request.ip,
      userAgent: request.headers["user-agent"],
      previousSessionId: request.cookies[SESSION_COOKIE]
    });
    if (result.ok) {
      reply.setCookie(SESSION_COOKIE, result.sessionId, sessionCookieOptions(settings.sessionMaxHours));
      return reply.redirect(next, 303);
    }
    const form = { csrf: csrfFor(request, reply) };
    if (result.reason === "throttled") {
      reply.header("retry-after", String(result.retryAfterS));
      form.error = t.throttled(Math.ceil(result.retryAfterS / 60));
      return page(reply, 429, SignInPage({ ctx, form, email, next }));
    }
    form.error = t.signInFailed;
    return page(reply, 401, SignInPage({ ctx, form, email, next }));
  });
  app.post("/logga-ut", async (request, reply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) await app.signIn.signOut(sid, await app.signIn.sessionActor(sid), request.ip);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/", 303);
  });
  async function accountPage(request, reply, status, extra = {}) {
    const actor = request.actor;
    const ctx = context(request, reply, "/konto");
    const organisations = new Map((await repository.organisations()).map((o) => [o.id, o.name]));
    return page(
      reply,
      status,
      AccountPage({
        ctx,
        form: { csrf: csrfFor(request, reply), error: extra.error, notice: extra.notice },
        email: actor.label,
        memberships: actor.memberships,
        organisationNames: organisations,
        tokens: await tokens.list(actor.userId),
        newToken: extra.newToken
      })
    );
  }
  const signedIn = { config: { permission: "signed-in" } };
  app.get("/konto", signedIn, async (request, reply) => {
    if (!request.actor?.userId) return reply.redirect("/logga-in", 303);
    return accountPage(request, reply, 200);
  });
  app.post("/konto/nycklar", signedIn, async (request, reply) => {
    const actor = request.actor;
    if (!actor.userId) throw new AccountError("Only a user has an account page", 400);
    const expires = request.body?.expires ?? "90d";
    if (!["30d", "90d", "365d", "never"].includes(expires)) throw new AccountError("Unknown validity", 400);
    const { token } = await tokens.create(actor, {
      email: actor.label,
      name: request.body?.name,
      lifetimeMs: parseLifetime(expires)
    });
    return accountPage(request, reply, 201, { newToken: token });
  });
  app.post("/konto/nycklar/:id/aterkalla", signedIn, async (request, reply) => {
    const actor = request.actor;
    await tokens.revoke(actor, actor.userId, request.params.id);
    return reply.redirect("/konto", 303);
  });
  app.post("/konto/losenord", signedIn, async (request, reply) => {
    const actor = request.actor;
    const t = ACCOUNT_TEXTS[context(request, reply, "/konto").lang];
    const user = await repository.user(actor.userId);
    if (!user?.password_hash || !await verifyPassword(user.password_hash, request.body?.current ?? ""))
      return accountPage(request, reply, 400, { error: t.wrongPassword });
    try {
      await accounts.setPassword(actor, actor.userId, request.body?.password ?? "");
    } catch (error) {
      if (error instanceof AccountError)
        return accountPage(request, reply, error.statusCode, { error: error.message });
      throw error;
    }
    return accountPage(request, reply, 200, { notice: t.passwordChanged });
  });
  app.post("/konto/logga-ut-overallt", signedIn, async (request, reply) => {
    const actor = request.actor;
    await accounts.signOutEverywhere(actor, actor.userId);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/logga-in", 303);
  });
}
export {
  accountRoutes,
  safeNext
};
//# sourceMappingURL=account.routes.js.map
