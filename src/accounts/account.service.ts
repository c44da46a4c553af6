/**
 * Organisations, users and their roles: what the CLI and the organisation admin page do. Every
 * change is audited with the actor (null = the CLI run by the operator on the server).
 */

import type { Kysely } from 'kysely';
import type { UserRow } from '../store/repositories/accounts.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Database } from '../store/schema.js';
import { type Actor, authorise } from './actor.js';
import { AuditLog } from './audit-log.js';
import { hashPassword, passwordProblem } from './password.js';
import { isOrganisationKind, isRole, ORGANISATION_KINDS, ROLES, type Role } from './roles.js';
import { hashSecret, newId, newSecret } from './secrets.js';

/** A request the rules refuse, with a message fit to show the person who made it. */
export class AccountError extends Error {
  constructor(
    message: string,
    readonly statusCode: 400 | 404 | 409 | 422 = 400,
    readonly code = 'invalid',
  ) {
    super(message);
  }
}

const ORG_ID = /^(\d{4}|[a-z0-9][a-z0-9-]{1,62})$/;
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export const PASSWORD_MESSAGES = {
  'too-short': 'The password must be at least 12 characters long',
  'too-long': 'The password may be at most 256 characters long',
  common: 'The password is among the most common passwords; choose another (a few words work well)',
  context: 'The password may not contain your e-mail name or the name of the service',
} as const;

type Who = Actor | null;

export class AccountService {
  private readonly audit: AuditLog;
  constructor(private readonly repositories: Repositories) {
    this.audit = new AuditLog(repositories);
  }

  /** Direct SQL runs on the pool the store's repositories run on. */
  private get db(): Kysely<Database> {
    return this.repositories.db as Kysely<Database>;
  }

  async addOrganisation(who: Who, input: { id: string; name?: string; kind?: string }) {
    const id = input.id.trim();
    if (!ORG_ID.test(id))
      throw new AccountError(
        `Organisation code "${id}": use a kommun's 4-digit code (e.g. 2580) or a slug of a–z, 0–9 and -`,
      );
    const kind = input.kind ?? (/^\d{4}$/.test(id) ? 'kommun' : 'partner');
    if (!isOrganisationKind(kind))
      throw new AccountError(`Organisation kind "${kind}": use one of ${ORGANISATION_KINDS.join(', ')}`);
    const name = (input.name ?? '').trim() || (await this.municipalityName(id)) || id;
    const row = { id, kind, name, created_at: new Date().toISOString() };
    await this.db.transaction().execute(async (trx) => {
      const accounts = this.repositories.in(trx).accounts;
      if (await accounts.organisation(id))
        throw new AccountError(`Organisation ${id} exists already`, 409, 'exists');
      await accounts.addOrganisation(row);
      await new AuditLog(this.repositories).record(
        {
          actor: who,
          action: 'organisation.add',
          organisationId: id,
          target: { type: 'organisation', id },
          detail: { after: row },
        },
        trx,
      );
    });
    return row;
  }

  private async municipalityName(id: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('municipality')
      .select('title')
      .where('id', '=', id)
      .executeTakeFirst();
    return row?.title ?? null;
  }

  /** Adds a user with a role in an organisation (or a role in one more organisation for a known user). */
  async addUser(
    who: Who,
    input: { email: string; organisationId: string; role: string; password?: string; displayName?: string },
  ): Promise<{ user: UserRow; created: boolean }> {
    const email = normaliseEmail(input.email);
    if (!EMAIL.test(email) || email.length > 254)
      throw new AccountError(`"${input.email}" is not an e-mail address`);
    if (!isRole(input.role)) throw new AccountError(`Role "${input.role}": use one of ${ROLES.join(', ')}`);
    if (input.password !== undefined) this.checkPassword(input.password, email);
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const accounts = this.repositories.in(trx).accounts;
      if (!(await accounts.organisation(input.organisationId)))
        throw new AccountError(
          `No organisation ${input.organisationId}: add it first (etablera org add)`,
          404,
          'no-organisation',
        );
      let user = await accounts.userByEmail(email);
      const created = !user;
      if (!user) {
        user = {
          id: newId(),
          email,
          display_name: input.displayName?.trim() || null,
          password_hash: passwordHash,
          status: passwordHash ? 'active' : 'invited',
          locale: null,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          created_at: now,
          disabled_at: null,
        };
        await accounts.addUser(user);
      } else if (passwordHash) {
        await accounts.updateUser(user.id, { password_hash: passwordHash });
      }
      const before = await accounts.membership(user.id, input.organisationId);
      await accounts.setRole(user.id, input.organisationId, input.role, now);
      const audit = new AuditLog(this.repositories);
      if (created)
        await audit.record(
          {
            actor: who,
            action: 'user.add',
            organisationId: input.organisationId,
            target: { type: 'user', id: user.id },
            detail: { email },
          },
          trx,
        );
      await audit.record(
        {
          actor: who,
          action: 'role.set',
          organisationId: input.organisationId,
          target: { type: 'user', id: user.id },
          detail: { email, before: before?.role ?? null, after: input.role },
        },
        trx,
      );
      return { user, created };
    });
  }

  checkPassword(password: string, email: string): void {
    const problem = passwordProblem(password, { email });
    if (problem) throw new AccountError(PASSWORD_MESSAGES[problem], 422, `password-${problem}`);
  }

  async setPassword(who: Who, userId: string, password: string): Promise<void> {
    const accounts = this.repositories.accounts;
    const user = await accounts.user(userId);
    if (!user) throw new AccountError('No such user', 404, 'not-found');
    this.checkPassword(password, user.email);
    const hash = await hashPassword(password);
    await this.db.transaction().execute(async (trx) => {
      await this.repositories.in(trx).accounts.updateUser(userId, {
        password_hash: hash,
        status: user.status === 'invited' ? 'active' : user.status,
      });
      await new AuditLog(this.repositories).record(
        { actor: who, action: 'user.password', target: { type: 'user', id: userId } },
        trx,
      );
    });
  }

  /** Disables the user (never deletes: the audit trail keeps naming them) and ends their sessions. */
  async disableUser(who: Who, email: string): Promise<UserRow> {
    const accounts = this.repositories.accounts;
    const user = await accounts.userByEmail(normaliseEmail(email));
    if (!user) throw new AccountError(`No user ${email}`, 404, 'not-found');
    if (user.status === 'disabled') return user;
    await this.db.transaction().execute(async (trx) => {
      const now = new Date().toISOString();
      await this.repositories.in(trx).accounts.updateUser(user.id, { status: 'disabled', disabled_at: now });
      await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
      for (const m of await this.repositories.in(trx).accounts.memberships(user.id))
        await new AuditLog(this.repositories).record(
          {
            actor: who,
            action: 'user.disable',
            organisationId: m.organisation_id,
            target: { type: 'user', id: user.id },
            detail: { email: user.email },
          },
          trx,
        );
    });
    return { ...user, status: 'disabled' };
  }

  async listUsers(organisationId?: string) {
    return (await this.repositories.accounts.users(organisationId)).map((u) => ({
      email: u.email,
      status: u.status,
      organisation: u.organisation_id,
      role: u.role as Role | null,
      secondFactor: u.totp_enabled_at !== null,
      created: u.created_at,
    }));
  }

  /**
   * A one-time link (invitation: 7 days; reset: 1 hour) to set a password. Only the hash of its code is
   * stored; using it (see `useLink`) ends it, and a newer link of the same purpose replaces older ones.
   */
  async oneTimeLink(
    who: Who,
    userId: string,
    purpose: 'invitation' | 'reset',
    baseUrl: string,
  ): Promise<string> {
    const code = newSecret();
    const now = new Date();
    const lifetime = purpose === 'invitation' ? 7 * 86_400_000 : 3_600_000;
    await this.db.transaction().execute(async (trx) => {
      // One link change per user at a time (PostgreSQL: the user's row is locked), so two requests at
      // once cannot both leave a live link.
      await trx.updateTable('app_user').set({ id: userId }).where('id', '=', userId).execute();
      await trx
        .updateTable('account_link')
        .set({ used_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('purpose', '=', purpose)
        .where('used_at', 'is', null)
        .execute();
      await trx
        .insertInto('account_link')
        .values({
          code_hash: hashSecret(code),
          user_id: userId,
          purpose,
          created_at: now.toISOString(),
          expires_at: new Date(now.getTime() + lifetime).toISOString(),
          used_at: null,
        })
        .execute();
      await new AuditLog(this.repositories).record(
        { actor: who, action: `link.${purpose}`, target: { type: 'user', id: userId } },
        trx,
      );
    });
    const path = purpose === 'invitation' ? '/konto/inbjudan' : '/konto/aterstall';
    return `${baseUrl || 'http://localhost:3000'}${path}/${code}`;
  }

  invitationLink(who: Who, userId: string, baseUrl: string): Promise<string> {
    return this.oneTimeLink(who, userId, 'invitation', baseUrl);
  }

  /** The user a live one-time link belongs to, or undefined (unknown, used or expired). */
  async linkUser(code: string, purpose: 'invitation' | 'reset'): Promise<UserRow | undefined> {
    const link = await this.db
      .selectFrom('account_link')
      .selectAll()
      .where('code_hash', '=', hashSecret(code))
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date().toISOString())
      .executeTakeFirst();
    if (!link) return undefined;
    const user = await this.repositories.accounts.user(link.user_id);
    return user && user.status !== 'disabled' ? user : undefined;
  }

  /** Sets the password through a one-time link and ends the link (and every session of the user). */
  async useLink(
    code: string,
    purpose: 'invitation' | 'reset',
    password: string,
    ip: string | null,
  ): Promise<UserRow> {
    const user = await this.linkUser(code, purpose);
    if (!user)
      throw new AccountError(
        'The link is not valid: it was used, has expired or never existed',
        404,
        'link-invalid',
      );
    this.checkPassword(password, user.email);
    const hash = await hashPassword(password);
    const now = new Date().toISOString();
    await this.db.transaction().execute(async (trx) => {
      const used = await trx
        .updateTable('account_link')
        .set({ used_at: now })
        .where('code_hash', '=', hashSecret(code))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      // Two tabs sending the same link: only the first sets the password.
      if (Number(used.numUpdatedRows) !== 1)
        throw new AccountError('The link was used already', 409, 'link-used');
      await this.repositories.in(trx).accounts.updateUser(user.id, { password_hash: hash, status: 'active' });
      await trx.deleteFrom('user_session').where('user_id', '=', user.id).execute();
      await new AuditLog(this.repositories).record(
        {
          actor: { userId: user.id, label: user.email },
          action: `link.${purpose}.use`,
          target: { type: 'user', id: user.id },
          ip,
        },
        trx,
      );
    });
    return user;
  }

  /** The organisation, for an actor who may administer it; otherwise NotFoundError (404). */
  async administered(actor: Actor, organisationId: string) {
    const organisation = await this.repositories.accounts.organisation(organisationId);
    return authorise(
      actor,
      'organisation.admin',
      organisation && { ...organisation, organisation_id: organisation.id },
    );
  }

  /** An organisation's members and their roles, for its admins. */
  async members(actor: Actor, organisationId: string) {
    await this.administered(actor, organisationId);
    return this.listUsers(organisationId);
  }

  /**
   * Adds a member or changes a member's role, in the organisation the actor administers (the one in
   * the address, never one named in the form). Returns an invitation link for a new user.
   */
  async setMember(
    actor: Actor,
    input: { organisationId: string; email: string; role: string; baseUrl: string },
  ): Promise<{ invitation: string | null; user: UserRow }> {
    await this.administered(actor, input.organisationId);
    const { user } = await this.addUser(actor, {
      email: input.email,
      organisationId: input.organisationId,
      role: input.role,
    });
    if (user.status !== 'invited') return { invitation: null, user };
    return { invitation: await this.invitationLink(actor, user.id, input.baseUrl), user };
  }

  async signOutEverywhere(who: Who, userId: string): Promise<number> {
    const ended = await this.repositories.sessions.removeAllOf(userId);
    await this.audit.record({
      actor: who,
      action: 'session.end-all',
      target: { type: 'user', id: userId },
      detail: { ended },
    });
    return ended;
  }
}
