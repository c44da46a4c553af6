/**
 * Signing in with e-mail and password, sessions in the database and API tokens: who the caller is.
 *
 * Throttling (per account e-mail and per client IP, whether or not the account exists, so the answer
 * never tells which e-mails have accounts): 10 failures within 15 minutes lock the e-mail until the
 * 15 minutes are over, 100 failures from one IP lock the IP for 15 minutes. With ~180 ms a hash that
 * leaves a guesser 40 tries an hour per account, and a real user locked out by someone else waits at
 * most 15 minutes.
 */

import type { Kysely } from 'kysely';
import type { AccountsRepository } from '../store/repositories/accounts.repository.js';
import type { ApiTokenRepository } from '../store/repositories/api-token.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { SessionRepository } from '../store/repositories/session.repository.js';
import type { SignInThrottleRepository } from '../store/repositories/sign-in-throttle.repository.js';
import type { Database } from '../store/schema.js';
import { normaliseEmail } from './account.service.js';
import type { Actor, Membership } from './actor.js';
import { AuditLog } from './audit-log.js';
import { verifyDecoy, verifyPassword } from './password.js';
import type { Role } from './roles.js';
import { needsSecondFactor } from './second-factor.service.js';
import { hashSecret, newSecret } from './secrets.js';

export const THROTTLE = {
  windowMinutes: 15,
  accountFailures: 10,
  ipFailures: 100,
} as const;

export interface SessionOptions {
  idleMinutes: number;
  maxHours: number;
}

export type SignInResult =
  | { ok: true; sessionId: string; stage: SessionStage; userId: string }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterS: number };

/**
 * 'full' once every factor is given; 'second-factor' while a TOTP code is owed; 'enrol' while a user
 * whose role requires a second factor has yet to set one up (only that page is open to them).
 */
export type SessionStage = 'full' | 'second-factor' | 'enrol';

export interface SessionActor extends Actor {
  stage: SessionStage;
  sessionHash: string;
}

const minutes = (n: number) => n * 60_000;
/** last_seen_at is written at most this often: the idle timeout is exact to within a minute. */
const TOUCH_EVERY_MS = 60_000;

export class SignInService {
  private readonly sessions: SessionRepository;
  private readonly throttle: SignInThrottleRepository;
  private readonly accounts: AccountsRepository;
  private readonly tokens: ApiTokenRepository;
  private readonly audit: AuditLog;

  constructor(
    private readonly repositories: Repositories,
    private readonly options: SessionOptions,
  ) {
    this.sessions = repositories.sessions;
    this.throttle = repositories.signInThrottle;
    this.accounts = repositories.accounts;
    this.tokens = repositories.apiTokens;
    this.audit = new AuditLog(repositories);
  }

  /** Direct SQL runs on the pool the store's repositories run on. */
  private get db(): Kysely<Database> {
    return this.repositories.db as Kysely<Database>;
  }

  async signInWithPassword(input: {
    email: string;
    password: string;
    ip: string;
    userAgent?: string;
    /** The session the browser had before (ended: a new id at every sign-in). */
    previousSessionId?: string;
  }): Promise<SignInResult> {
    const email = normaliseEmail(input.email);
    const keys = [`account:${email}`, `ip:${input.ip}`];
    const now = new Date();
    const locks = await Promise.all(keys.map((k) => this.throttle.lockedUntil(k)));
    const inForce = (l: string | null): l is string => {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: null > text is false anyway; a lock ending at this very millisecond is over either way
      return l !== null && l > now.toISOString();
    };
    const lockedUntil = locks.filter(inForce).sort().pop();
    if (lockedUntil) {
      await this.audit.record({
        actor: { userId: null, label: email },
        action: 'sign-in',
        outcome: 'refused',
        ip: input.ip,
        detail: { reason: 'throttled' },
      });
      return {
        ok: false,
        reason: 'throttled',
        retryAfterS: Math.ceil((Date.parse(lockedUntil) - now.getTime()) / 1000),
      };
    }
    const user = await this.accounts.userByEmail(email);
    const good =
      user?.password_hash && user.status === 'active'
        ? await verifyPassword(user.password_hash, input.password)
        : await verifyDecoy(input.password);
    if (!good || !user) {
      await this.countFailure(keys, now);
      await this.audit.record({
        actor: { userId: user?.id ?? null, label: email },
        action: 'sign-in',
        outcome: 'failed',
        ip: input.ip,
        detail: { reason: !user ? 'unknown' : user.status !== 'active' ? user.status : 'password' },
      });
      return { ok: false, reason: 'invalid' };
    }
    await this.throttle.clear(keys[0] as string);
    if (input.previousSessionId) await this.sessions.remove(hashSecret(input.previousSessionId));
    const stage: SessionStage = user.totp_enabled_at
      ? 'second-factor'
      : (await needsSecondFactor(this.accounts, user))
        ? 'enrol'
        : 'full';
    const sessionId = await this.startSession(user.id, stage, 'password', input.ip, input.userAgent);
    await this.audit.record({
      actor: { userId: user.id, label: email },
      action: 'sign-in',
      ip: input.ip,
      detail: { method: 'password', stage },
    });
    return { ok: true, sessionId, stage, userId: user.id };
  }

  private async countFailure(keys: string[], now: Date): Promise<void> {
    const windowStart = new Date(now.getTime() - minutes(THROTTLE.windowMinutes)).toISOString();
    const limits = [THROTTLE.accountFailures, THROTTLE.ipFailures];
    for (const [i, key] of keys.entries()) {
      const failures = await this.throttle.fail(key, now.toISOString(), windowStart);
      if (failures >= (limits[i] as number))
        await this.throttle.lock(
          key,
          new Date(now.getTime() + minutes(THROTTLE.windowMinutes)).toISOString(),
        );
    }
  }

  async startSession(
    userId: string,
    stage: SessionStage,
    method: 'password' | 'oidc',
    ip: string | null,
    userAgent?: string,
  ): Promise<string> {
    const id = newSecret();
    const now = new Date();
    // Sessions hold an IP address and a browser's name: the ended ones go whenever a new one begins.
    await this.sessions.removeExpired(
      now.toISOString(),
      new Date(now.getTime() - minutes(this.options.idleMinutes)).toISOString(),
    );
    await this.sessions.add({
      id_hash: hashSecret(id),
      user_id: userId,
      stage,
      method,
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: new Date(now.getTime() + this.options.maxHours * 3_600_000).toISOString(),
      ip,
      user_agent: userAgent?.slice(0, 300) ?? null,
    });
    return id;
  }

  /** Replaces a session by a new one (a new id) at a higher stage: after the second factor. */
  async promote(
    actor: SessionActor,
    stage: SessionStage,
    ip: string | null,
    userAgent?: string,
  ): Promise<string> {
    const session = await this.db
      .selectFrom('user_session')
      .select('method')
      .where('id_hash', '=', actor.sessionHash)
      .executeTakeFirst();
    await this.sessions.remove(actor.sessionHash);
    return this.startSession(
      actor.userId as string,
      stage,
      (session?.method ?? 'password') as 'password',
      ip,
      userAgent,
    );
  }

  /** The session's actor, or null when the id is unknown, timed out or its user disabled. */
  async sessionActor(sessionId: string): Promise<SessionActor | null> {
    const now = Date.now();
    const idHash = hashSecret(sessionId);
    const idleSince = new Date(now - minutes(this.options.idleMinutes)).toISOString();
    // Session, user and memberships in one statement: one round trip on every signed-in request.
    const rows = await this.sessions.liveWithMemberships(idHash, new Date(now).toISOString(), idleSince);
    const session = rows[0];
    if (session?.status !== 'active') return null;
    // Stryker disable next-line EqualityOperator: touching at exactly one minute or just after it is alike
    if (now - Date.parse(session.last_seen_at) > TOUCH_EVERY_MS)
      await this.sessions.touch(idHash, new Date(now).toISOString());
    return {
      userId: session.user_id,
      label: session.email,
      via: 'session',
      memberships: rows
        // The left join gives organisation and role both null (no membership) or neither.
        .filter((m) => m.organisation_id !== null)
        .map((m) => ({ organisationId: m.organisation_id as string, role: m.role as Role })),
      global: [],
      stage: session.stage as SessionStage,
      sessionHash: idHash,
    };
  }

  async signOut(sessionId: string, actor: Actor | null, ip: string | null): Promise<void> {
    await this.sessions.remove(hashSecret(sessionId));
    if (actor) await this.audit.record({ actor, action: 'sign-out', ip });
  }

  /** The actor behind an API token, or null when it is unknown, revoked, expired or its user disabled. */
  async tokenActor(token: string, ip: string | null): Promise<Actor | null> {
    const row = await this.tokens.byHash(hashSecret(token));
    const now = new Date().toISOString();
    // Stryker disable next-line EqualityOperator: a token expiring at this very millisecond
    if (!row || row.revoked_at || (row.expires_at && row.expires_at <= now) || row.status !== 'active') {
      await this.audit.record({
        actor: { userId: row?.user_id ?? null, label: row?.email ?? 'unknown token' },
        action: 'token.use',
        outcome: 'refused',
        ip,
        target: row ? { type: 'api-token', id: row.id } : undefined,
        detail: {
          reason: !row
            ? 'unknown'
            : row.revoked_at
              ? 'revoked'
              : row.status !== 'active'
                ? row.status
                : 'expired',
        },
      });
      return null;
    }
    await this.tokens.markUsed(row.id, now);
    return {
      userId: row.user_id,
      label: row.email,
      via: 'api-token',
      tokenId: row.id,
      memberships: await this.membershipsOf(row.user_id),
      global: [],
    };
  }

  private async membershipsOf(userId: string): Promise<Membership[]> {
    return (await this.accounts.memberships(userId)).map((m) => ({
      organisationId: m.organisation_id,
      role: m.role as Role,
    }));
  }
}
