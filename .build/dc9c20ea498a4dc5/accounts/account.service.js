import { AccountsRepository } from "../store/repositories/accounts.repository.js";
import { SessionRepository } from "../store/repositories/session.repository.js";
import { AuditLog } from "./audit-log.js";
import { hashPassword, passwordProblem } from "./password.js";
import { isOrganisationKind, isRole, ORGANISATION_KINDS, ROLES } from "./roles.js";
import { hashSecret, newId, newSecret } from "./secrets.js";
class AccountError extends Error {
  constructor(message, statusCode = 400, code = "invalid") {
    super(message);
    this.statusCode = statusCode;
    this.code = code;
  }
  statusCode;
  code;
}
const ORG_ID = /^(\d{4}|[a-z0-9][a-z0-9-]{1,62})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;
const normaliseEmail = (email) => email.trim().toLowerCase();
const PASSWORD_MESSAGES = {
  "too-short": "The password must be at least 12 characters long",
  "too-long": "The password may be at most 256 characters long",
  common: "The password is among the most common passwords; choose another (a few words work well)",
  context: "The password may not contain your e-mail name or the name of the service"
};
class AccountService {
  constructor(db) {
    this.db = db;
    this.audit = new AuditLog(db);
  }
  db;
  audit;
  async addOrganisation(who, input) {
    const id = input.id.trim();
    if (!ORG_ID.test(id))
      throw new AccountError(
        `Organisation code "${id}": use a kommun's 4-digit code (e.g. 2580) or a slug of a\u2013z, 0\u20139 and -`
      );
    const kind = input.kind ?? (/^\d{4}$/.test(id) ? "kommun" : "partner");
    if (!isOrganisationKind(kind))
      throw new AccountError(`Organisation kind "${kind}": use one of ${ORGANISATION_KINDS.join(", ")}`);
    const name = (input.name ?? "").trim() || await this.municipalityName(id) || id;
    const row = { id, kind, name, created_at: (/* @__PURE__ */ new Date()).toISOString() };
    await this.db.transaction().execute(async (trx) => {
      const accounts = new AccountsRepository(trx);
      if (await accounts.organisation(id))
        throw new AccountError(`Organisation ${id} exists already`, 409, "exists");
      await accounts.addOrganisation(row);
      await new AuditLog(this.db).record(
        {
          actor: who,
          action: "organisation.add",
          organisationId: id,
          target: { type: "organisation", id },
          detail: { after: row }
        },
        trx
      );
    });
    return row;
  }
  async municipalityName(id) {
    const row = await this.db.selectFrom("municipality").select("title").where("id", "=", id).executeTakeFirst();
    return row?.title ?? null;
  }
  /** Adds a user with a role in an organisation (or a role in one more organisation for a known user). */
  async addUser(who, input) {
    const email = normaliseEmail(input.email);
    if (!EMAIL.test(email) || email.length > 254)
      throw new AccountError(`"${input.email}" is not an e-mail address`);
    if (!isRole(input.role)) throw new AccountError(`Role "${input.role}": use one of ${ROLES.join(", ")}`);
    if (input.password !== void 0) this.checkPassword(input.password, email);
    const passwordHash = input.password === void 0 ? null : await hashPassword(input.password);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    return this.db.transaction().execute(async (trx) => {
      const accounts = new AccountsRepository(trx);
      if (!await accounts.organisation(input.organisationId))
        throw new AccountError(
          `No organisation ${input.organisationId}: add it first (etablera org add)`,
          404,
          "no-organisation"
        );
      let user = await accounts.userByEmail(email);
      const created = !user;
      if (!user) {
        user = {
          id: newId(),
          email,
          display_name: input.displayName?.trim() || null,
          password_hash: passwordHash,
          status: passwordHash ? "active" : "invited",
          locale: null,
          totp_secret: null,
          totp_enabled_at: null,
          created_at: now,
          disabled_at: null
        };
        await accounts.addUser(user);
      } else if (passwordHash) {
        await accounts.updateUser(user.id, { password_hash: passwordHash });
      }
      const before = await accounts.membership(user.id, input.organisationId);
      await accounts.setRole(user.id, input.organisationId, input.role, now);
      const audit = new AuditLog(this.db);
      if (created)
        await audit.record(
          {
            actor: who,
            action: "user.add",
            organisationId: input.organisationId,
            target: { type: "user", id: user.id },
            detail: { email }
          },
          trx
        );
      await audit.record(
        {
          actor: who,
          action: "role.set",
          organisationId: input.organisationId,
          target: { type: "user", id: user.id },
          detail: { email, before: before?.role ?? null, after: input.role }
        },
        trx
      );
      return { user, created };
    });
  }
  checkPassword(password, email) {
    const problem = passwordProblem(password, { email });
    if (problem) throw new AccountError(PASSWORD_MESSAGES[problem], 422, `password-${problem}`);
  }
  async setPassword(who, userId, password) {
    const accounts = new AccountsRepository(this.db);
    const user = await accounts.user(userId);
    if (!user) throw new AccountError("No such user", 404, "not-found");
    this.checkPassword(password, user.email);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await new AccountsRepository(trx).updateUser(userId, {
        password_hash: hash,
        status: user.status === "invited" ? "active" : user.status
      });
      await new AuditLog(this.db).record(
        { actor: who, action: "user.password", target: { type: "user", id: userId } },
        trx
      );
    });
  }
  /** Disables the user (never deletes: the audit trail keeps naming them) and ends their sessions. */
  async disableUser(who, email) {
    const accounts = new AccountsRepository(this.db);
    const user = await accounts.userByEmail(normaliseEmail(email));
    if (!user) throw new AccountError(`No user ${email}`, 404, "not-found");
    if (user.status === "disabled") return user;
    await this.db.transaction().execute(async (trx) => {
      const now = (/* @__PURE__ */ new Date()).toISOString();
      await new AccountsRepository(trx).updateUser(user.id, { status: "disabled", disabled_at: now });
      await trx.deleteFrom("user_session").where("user_id", "=", user.id).execute();
      for (const m of await new AccountsRepository(trx).memberships(user.id))
        await new AuditLog(this.db).record(
          {
            actor: who,
            action: "user.disable",
            organisationId: m.organisation_id,
            target: { type: "user", id: user.id },
            detail: { email: user.email }
          },
          trx
        );
    });
    return { ...user, status: "disabled" };
  }
  async listUsers(organisationId) {
    return (await new AccountsRepository(this.db).users(organisationId)).map((u) => ({
      email: u.email,
      status: u.status,
      organisation: u.organisation_id,
      role: u.role,
      secondFactor: u.totp_enabled_at !== null,
      created: u.created_at
    }));
  }
  /**
   * A one-time link (invitation: 7 days; reset: 1 hour) to set a password. Only the hash of its code is
   * stored; using it (see `useLink`) ends it, and a newer link of the same purpose replaces older ones.
   */
  async oneTimeLink(who, userId, purpose, baseUrl) {
    const code = newSecret();
    const now = /* @__PURE__ */ new Date();
    const lifetime = purpose === "invitation" ? 7 * 864e5 : 36e5;
    await this.db.transaction().execute(async (trx) => {
      await trx.updateTable("account_link").set({ used_at: now.toISOString() }).where("user_id", "=", userId).where("purpose", "=", purpose).where("used_at", "is", null).execute();
      await trx.insertInto("account_link").values({
        code_hash: hashSecret(code),
        user_id: userId,
        purpose,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + lifetime).toISOString(),
        used_at: null
      }).execute();
      await new AuditLog(this.db).record(
        { actor: who, action: `link.${purpose}`, target: { type: "user", id: userId } },
        trx
      );
    });
    const path = purpose === "invitation" ? "/konto/inbjudan" : "/konto/aterstall";
    return `${baseUrl || "http://localhost:3000"}${path}/${code}`;
  }
  invitationLink(who, userId, baseUrl) {
    return this.oneTimeLink(who, userId, "invitation", baseUrl);
  }
  /** The user a live one-time link belongs to, or undefined (unknown, used or expired). */
  async linkUser(code, purpose) {
    const link = await this.db.selectFrom("account_link").selectAll().where("code_hash", "=", hashSecret(code)).where("purpose", "=", purpose).where("used_at", "is", null).where("expires_at", ">", (/* @__PURE__ */ new Date()).toISOString()).executeTakeFirst();
    if (!link) return void 0;
    const user = await new AccountsRepository(this.db).user(link.user_id);
    return user && user.status !== "disabled" ? user : void 0;
  }
  /** Sets the password through a one-time link and ends the link (and every session of the user). */
  async useLink(code, purpose, password, ip) {
    const user = await this.linkUser(code, purpose);
    if (!user)
      throw new AccountError(
        "The link is not valid: it was used, has expired or never existed",
        404,
        "link-invalid"
      );
    this.checkPassword(password, user.email);
    const hash = await hashPassword(password);
    const now = (/* @__PURE__ */ new Date()).toISOString();
    await this.db.transaction().execute(async (trx) => {
      const used = await trx.updateTable("account_link").set({ used_at: now }).where("code_hash", "=", hashSecret(code)).where("used_at", "is", null).executeTakeFirst();
      if (Number(used.numUpdatedRows) !== 1)
        throw new AccountError("The link was used already", 409, "link-used");
      await new AccountsRepository(trx).updateUser(user.id, { password_hash: hash, status: "active" });
      await trx.deleteFrom("user_session").where("user_id", "=", user.id).execute();
      await new AuditLog(this.db).record(
        {
          actor: { userId: user.id, label: user.email },
          action: `link.${purpose}.use`,
          target: { type: "user", id: user.id },
          ip
        },
        trx
      );
    });
    return user;
  }
  async signOutEverywhere(who, userId) {
    const ended = await new SessionRepository(this.db).removeAllOf(userId);
    await this.audit.record({
      actor: who,
      action: "session.end-all",
      target: { type: "user", id: userId },
      detail: { ended }
    });
    return ended;
  }
}
export {
  AccountError,
  AccountService,
  PASSWORD_MESSAGES,
  normaliseEmail
};
//# sourceMappingURL=account.service.js.map
