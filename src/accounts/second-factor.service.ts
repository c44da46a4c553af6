/**
 * The second factor: TOTP (RFC 6238, 30 s, 6 digits, one step of clock drift either way; a code is
 * never accepted twice) and ten one-time recovery codes (stored hashed). Required for roles in
 * SECOND_FACTOR_ROLES when they sign in with a password; an IdP sign-in brings its own.
 * Five wrong codes within 15 minutes lock the second step for the rest of the 15 minutes.
 */

import { randomInt } from 'node:crypto';
import type { Kysely } from 'kysely';
import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { AccountsRepository, UserRow } from '../store/repositories/accounts.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { SignInThrottleRepository } from '../store/repositories/sign-in-throttle.repository.js';
import type { Database } from '../store/schema.js';
import type { Actor } from './actor.js';
import { AuditLog } from './audit-log.js';
import { SECOND_FACTOR_ROLES } from './roles.js';
import { hashSecret } from './secrets.js';

export const RECOVERY_CODES = 10;
const MAX_FAILURES = 5;
const WINDOW_MS = 15 * 60_000;

/** Whether a password sign-in of this user must give (or first set up) a second factor. */
export async function needsSecondFactor(accounts: AccountsRepository, user: UserRow): Promise<boolean> {
  if (user.totp_enabled_at) return true;
  const memberships = await accounts.memberships(user.id);
  return memberships.some((m) => (SECOND_FACTOR_ROLES as readonly string[]).includes(m.role));
}

/** "k7q2-m9xw": 40 bits from an alphabet without look-alikes. */
function recoveryCode(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const pick = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${pick()}-${pick()}`;
}

/** The time step a valid TOTP result matched (its type is a union where only TOTP has it). */
const stepOf = (result: object) => (result as { timeStep?: number }).timeStep ?? null;

export class SecondFactorService {
  private readonly accounts: AccountsRepository;
  private readonly throttle: SignInThrottleRepository;
  private readonly audit: AuditLog;
  constructor(private readonly repositories: Repositories) {
    this.accounts = repositories.accounts;
    this.throttle = repositories.signInThrottle;
    this.audit = new AuditLog(repositories);
  }

  /** Direct SQL runs on the pool the store's repositories run on. */
  private get db(): Kysely<Database> {
    return this.repositories.db as Kysely<Database>;
  }

  /** A new secret and the otpauth:// URI an authenticator app takes (typed in or scanned). */
  proposal(email: string): { secret: string; uri: string } {
    const secret = generateSecret();
    return { secret, uri: generateURI({ issuer: 'Etablera', label: email, secret }) };
  }

  /** Turns TOTP on once the user proves the secret with a code; returns the recovery codes (shown once). */
  async enable(actor: Actor & { userId: string }, secret: string, code: string): Promise<string[] | null> {
    if (!/^[A-Z2-7]{16,64}$/.test(secret)) return null;
    const result = await verify({ secret, token: code.replace(/\s/g, ''), epochTolerance: 30 });
    if (!result.valid) return null;
    const codes = Array.from({ length: RECOVERY_CODES }, recoveryCode);
    await this.db.transaction().execute(async (trx) => {
      await this.repositories.in(trx).accounts.updateUser(actor.userId, {
        totp_secret: secret,
        totp_enabled_at: new Date().toISOString(),
        totp_last_step: stepOf(result),
      });
      await trx.deleteFrom('recovery_code').where('user_id', '=', actor.userId).execute();
      await trx
        .insertInto('recovery_code')
        .values(codes.map((c) => ({ user_id: actor.userId, code_hash: hashSecret(c), used_at: null })))
        .execute();
      await new AuditLog(this.repositories).record(
        { actor, action: 'second-factor.enable', target: { type: 'user', id: actor.userId } },
        trx,
      );
    });
    return codes;
  }

  /**
   * Checks a TOTP code or a recovery code for the second step of a sign-in. 'locked' after too many
   * wrong codes; a used code (or time step) never works again.
   */
  async check(userId: string, code: string, ip: string | null): Promise<'ok' | 'wrong' | 'locked'> {
    const key = `totp:${userId}`;
    const now = new Date();
    const locked = await this.throttle.lockedUntil(key);
    // Stryker disable next-line EqualityOperator: differs only for a lock that ends at this very millisecond
    if (locked && locked > now.toISOString()) return 'locked';
    const user = await this.accounts.user(userId);
    if (!user?.totp_secret) return 'wrong';
    const cleaned = code.trim().toLowerCase();
    let ok = false;
    let how = 'totp';
    if (/^\d{6}$/.test(cleaned)) {
      const result = await verify({
        secret: user.totp_secret,
        token: cleaned,
        epochTolerance: 30,
        afterTimeStep: user.totp_last_step ?? undefined,
      });
      if (result.valid) {
        await this.accounts.updateUser(userId, { totp_last_step: stepOf(result) });
        ok = true;
      }
    } else if (/^[a-z0-9]{4}-[a-z0-9]{4}$/.test(cleaned)) {
      how = 'recovery-code';
      const used = await this.db
        .updateTable('recovery_code')
        .set({ used_at: now.toISOString() })
        .where('user_id', '=', userId)
        .where('code_hash', '=', hashSecret(cleaned))
        .where('used_at', 'is', null)
        .executeTakeFirst();
      ok = Number(used.numUpdatedRows) === 1;
    }
    const actor = { userId, label: user.email };
    if (!ok) {
      const failures = await this.throttle.fail(
        key,
        now.toISOString(),
        new Date(now.getTime() - WINDOW_MS).toISOString(),
      );
      if (failures >= MAX_FAILURES)
        await this.throttle.lock(key, new Date(now.getTime() + WINDOW_MS).toISOString());
      await this.audit.record({
        actor,
        action: 'sign-in.second-factor',
        outcome: 'failed',
        ip,
        detail: { how },
      });
      return 'wrong';
    }
    await this.throttle.clear(key);
    await this.audit.record({ actor, action: 'sign-in.second-factor', ip, detail: { how } });
    return 'ok';
  }

  /** The current code for a secret (tests and the CLI's self-check). */
  static code(secret: string): Promise<string> {
    return generate({ secret });
  }
}
