import { AccountsRepository } from "../store/repositories/accounts.repository.js";
import { ApiTokenRepository } from "../store/repositories/api-token.repository.js";
import { AccountError, normaliseEmail } from "./account.service.js";
import { AuditLog } from "./audit-log.js";
import { hashSecret, newId, newSecret } from "./secrets.js";
const TOKEN_PREFIX = "etb_";
function parseLifetime(text) {
  if (text === "never") return null;
  const match = /^(\d{1,5})([hdw])$/.exec(text);
  if (!match) throw new AccountError(`--expires "${text}": use e.g. 90d, 12h, 2w or never`);
  const unit = { h: 36e5, d: 864e5, w: 6048e5 }[match[2]];
  const ms = Number(match[1]) * unit;
  if (ms <= 0) throw new AccountError(`--expires "${text}" must be longer than zero`);
  return ms;
}
class TokenService {
  constructor(db) {
    this.db = db;
    this.tokens = new ApiTokenRepository(db);
  }
  db;
  tokens;
  async create(who, input) {
    const user = await new AccountsRepository(this.db).userByEmail(normaliseEmail(input.email));
    if (!user) throw new AccountError(`No user ${input.email}`, 404, "not-found");
    if (user.status === "disabled") throw new AccountError(`User ${user.email} is disabled`, 409, "disabled");
    const token = newSecret(TOKEN_PREFIX);
    const now = /* @__PURE__ */ new Date();
    const row = {
      id: newId(),
      user_id: user.id,
      name: (input.name ?? "").trim().slice(0, 100) || "token",
      token_hash: hashSecret(token),
      created_at: now.toISOString(),
      expires_at: input.lifetimeMs === null ? null : new Date(now.getTime() + input.lifetimeMs).toISOString(),
      revoked_at: null,
      last_used_at: null
    };
    await this.db.transaction().execute(async (trx) => {
      await new ApiTokenRepository(trx).add(row);
      await new AuditLog(this.db).record(
        {
          actor: who,
          action: "token.create",
          target: { type: "api-token", id: row.id },
          detail: { user: user.email, name: row.name, expires: row.expires_at }
        },
        trx
      );
    });
    return { token, info: present(row) };
  }
  async list(userId) {
    return (await this.tokens.ofUser(userId)).map(present);
  }
  async revoke(who, userId, tokenId) {
    if (!await this.tokens.revoke(userId, tokenId, (/* @__PURE__ */ new Date()).toISOString()))
      throw new AccountError("No such active token", 404, "not-found");
    await new AuditLog(this.db).record({
      actor: who,
      action: "token.revoke",
      target: { type: "api-token", id: tokenId }
    });
  }
}
function present(row) {
  return {
    id: row.id,
    name: row.name,
    created: row.created_at,
    expires: row.expires_at,
    revoked: row.revoked_at,
    lastUsed: row.last_used_at
  };
}
export {
  TOKEN_PREFIX,
  TokenService,
  parseLifetime
};
//# sourceMappingURL=token.service.js.map
