import { AccountsRepository } from "../store/repositories/accounts.repository.js";
import { ApiTokenRepository } from "../store/repositories/api-token.repository.js";
import { SessionRepository } from "../store/repositories/session.repository.js";
import { SignInThrottleRepository } from "../store/repositories/sign-in-throttle.repository.js";
import { normaliseEmail } from "./account.service.js";
import { AuditLog } from "./audit-log.js";
import { verifyDecoy, verifyPassword } from "./password.js";
import { hashSecret, newSecret } from "./secrets.js";
const THROTTLE = {
  windowMinutes: 15,
  accountFailures: 10,
  ipFailures: 100
};
const minutes = (n) => n * 6e4;
const TOUCH_EVERY_MS = 6e4;
class SignInService {
  constructor(db, options) {
    this.options = options;
    this.sessions = new SessionRepository(db);
    this.throttle = new SignInThrottleRepository(db);
    this.accounts = new AccountsRepository(db);
    this.tokens = new ApiTokenRepository(db);
    this.audit = new AuditLog(db);
  }
  options;
  sessions;
  throttle;
  accounts;
  tokens;
  audit;
  async signInWithPassword(input) {
    const email = normaliseEmail(input.email);
    const keys = [`account:${email}`, `ip:${input.ip}`];
    const now = /* @__PURE__ */ new Date();
    const locks = await Promise.all(keys.map((k) => this.throttle.lockedUntil(k)));
    const lockedUntil = locks.filter((l) => l !== null && l > now.toISOString()).sort().pop();
    if (lockedUntil) {
      await this.audit.record({
        actor: { userId: null, label: email },
        action: "sign-in",
        outcome: "refused",
        ip: input.ip,
        detail: { reason: "throttled" }
      });
      return {
        ok: false,
        reason: "throttled",
        retryAfterS: Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1e3)
      };
    }
    const user = await this.accounts.userByEmail(email);
    const good = user?.password_hash && user.status === "active" ? await verifyPassword(user.password_hash, input.password) : await verifyDecoy(input.password);
    if (!good || !user) {
      await this.countFailure(keys, now);
      await this.audit.record({
        actor: { userId: user?.id ?? null, label: email },
        action: "sign-in",
        outcome: "failed",
        ip: input.ip,
        detail: { reason: !user ? "unknown" : user.status !== "active" ? user.status : "password" }
      });
      return { ok: false, reason: "invalid" };
    }
    await this.throttle.clear(keys[0]);
    if (input.previousSessionId) await this.sessions.remove(hashSecret(input.previousSessionId));
    const stage = user.totp_enabled_at ? "second-factor" : "full";
    const sessionId = await this.startSession(user.id, stage, "password", input.ip, input.userAgent);
    await this.audit.record({
      actor: { userId: user.id, label: email },
      action: "sign-in",
      ip: input.ip,
      detail: { method: "password", stage }
    });
    return { ok: true, sessionId, stage, userId: user.id };
  }
  async countFailure(keys, now) {
    const windowStart = new Date(now.getTime() - minutes(THROTTLE.windowMinutes)).toISOString();
    const limits = [THROTTLE.accountFailures, THROTTLE.ipFailures];
    for (const [i, key] of keys.entries()) {
      const failures = await this.throttle.fail(key, now.toISOString(), windowStart);
      if (failures >= limits[i])
        await this.throttle.lock(
          key,
          new Date(now.getTime() + minutes(THROTTLE.windowMinutes)).toISOString()
        );
    }
  }
  async startSession(userId, stage, method, ip, userAgent) {
    const id = newSecret();
    const now = /* @__PURE__ */ new Date();
    await this.sessions.add({
      id_hash: hashSecret(id),
      user_id: userId,
      stage,
      method,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.options.maxHours * 36e5).toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null
    });
    return id;
  }
  /** The session's actor, or null when the id is unknown, timed out or its user disabled. */
  async sessionActor(sessionId) {
    const now = Date.now();
    const idHash = hashSecret(sessionId);
    const idleSince = new Date(now - minutes(this.options.idleMinutes)).toISOString();
    const session = await this.sessions.live(idHash, new Date(now).toISOString(), idleSince);
    if (session?.status !== "active") return null;
    if (now - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS)
      await this.sessions.touch(idHash, new Date(now).toISOString());
    return {
      userId: session.user_id,
      label: session.email,
      via: "session",
      memberships: await this.membershipsOf(session.user_id),
      global: [],
      stage: session.stage,
      sessionHash: idHash
    };
  }
  async signOut(sessionId, actor, ip) {
    await this.sessions.remove(hashSecret(sessionId));
    if (actor) await this.audit.record({ actor, action: "sign-out", ip });
  }
  /** The actor behind an API token, or null when it is unknown, revoked, expired or its user disabled. */
  async tokenActor(token, ip) {
    const row = await this.tokens.byHash(hashSecret(token));
    const now = (/* @__PURE__ */ new Date()).toISOString();
    if (!row || row.revoked_at || row.expires_at && row.expires_at <= now || row.status !== "active") {
      await this.audit.record({
        actor: { userId: row?.user_id ?? null, label: row?.email ?? "unknown token" },
        action: "token.use",
        outcome: "refused",
        ip,
        target: row ? { type: "api-token", id: row.id } : void 0,
        detail: {
          reason: !row ? "unknown" : row.revoked_at ? "revoked" : row.status !== "active" ? row.status : "expired"
        }
      });
      return null;
    }
    await this.tokens.markUsed(row.id, now);
    return {
      userId: row.user_id,
      label: row.email,
      via: "api-token",
      tokenId: row.id,
      memberships: await this.membershipsOf(row.user_id),
      global: []
    };
  }
  async membershipsOf(userId) {
    return (await this.accounts.memberships(userId)).map((m) => ({
      organisationId: m.organisation_id,
      role: m.role
    }));
  }
}
export {
  SignInService,
  THROTTLE
};
//# sourceMappingURL=sign-in.service.js.map
