/**
 * Single sign-on with the municipality's OpenID Connect provider (Entra ID, Freja, any OIDC IdP):
 * authorization code flow with PKCE (S256), state and nonce, through `openid-client`.
 *
 * What a sign-in needs to remember between leaving for the IdP and coming back (state, nonce, PKCE
 * verifier, where to go after) travels in a short-lived cookie sealed with AES-256-GCM under a key
 * kept in the database: any instance can read it, nobody can read or forge it, and it is bound to
 * the browser that started the sign-in (a callback URL sent to someone else finds no cookie).
 *
 * On return: the code is exchanged (openid-client checks state, the ID token's signature, issuer,
 * audience, expiry and nonce); the claims (ID token, completed by userinfo) are mapped to memberships
 * by the configured rules; no rule → refused, nothing written but the audit entry. The user is found
 * by issuer + subject, else (first time) by e-mail when so configured, else created when provisioning
 * is on; the mapped roles are set (each change audited), and a new session starts at stage 'full':
 * the IdP's sign-in stands in for our second factor.
 */

import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import * as client from 'openid-client';
import type { OidcSettings } from '../config/settings.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Database } from '../store/schema.js';
import { normaliseEmail } from './account.service.js';
import { AuditLog } from './audit-log.js';
import { mappedMemberships } from './oidc-mapping.js';
import { hashSecret, newId } from './secrets.js';
import { type SessionOptions, SignInService } from './sign-in.service.js';

/** How long a browser may stay at the IdP before the sign-in must start again. */
export const OIDC_PENDING_MINUTES = 10;

interface Pending {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  /** Epoch milliseconds after which the cookie is refused. */
  expires: number;
}

export type OidcFailure =
  /** No cookie, a forged or expired one, or the state in the URL is not the one we sent. */
  | 'state'
  /** The IdP answered with an error (the user cancelled, the IdP refused). */
  | 'idp-error'
  /** The code exchange or the ID token failed (replayed code, expired or bad token, wrong nonce). */
  | 'token'
  /** The mapping gives the user no role, the account is disabled, or no account and no provisioning. */
  | 'not-admitted';

export type OidcResult =
  | { ok: true; sessionId: string; userId: string; next: string }
  | { ok: false; failure: OidcFailure; reason: string };

export interface OidcOptions {
  /** Tests: seconds to add to this machine's clock when checking tokens (an expired token). */
  clockSkewS?: number;
}

export class OidcSignInService {
  private configuration: Promise<client.Configuration> | null = null;
  private readonly key: Buffer;

  /** Direct SQL runs on the pool the store's repositories run on. */
  private get db(): Kysely<Database> {
    return this.repositories.db as Kysely<Database>;
  }

  constructor(
    private readonly repositories: Repositories,
    readonly settings: OidcSettings,
    private readonly sessions: SessionOptions,
    secret: string,
    private readonly options: OidcOptions = {},
  ) {
    this.key = createHash('sha256').update(`oidc-pending:${secret}`).digest();
  }

  /** The IdP's metadata, discovered at the first sign-in (the server starts even when the IdP is down). */
  private config(): Promise<client.Configuration> {
    if (!this.configuration) {
      const { issuer, clientId, clientSecret } = this.settings;
      const url = new URL(issuer);
      const metadata: Partial<client.ClientMetadata> = {};
      if (this.options.clockSkewS) metadata[client.clockSkew] = this.options.clockSkewS;
      this.configuration = client
        .discovery(
          url,
          clientId,
          { ...metadata, ...(clientSecret ? { client_secret: clientSecret } : {}) },
          clientSecret ? client.ClientSecretBasic(clientSecret) : client.None(),
          // Plain http only for an issuer on this machine (settings refuse it elsewhere).
          url.protocol === 'http:' ? { execute: [client.allowInsecureRequests] } : undefined,
        )
        .catch((error: unknown) => {
          this.configuration = null;
          throw error;
        });
    }
    return this.configuration;
  }

  /** The IdP's address to send the browser to, and the sealed cookie to set. */
  async begin(redirectUri: string, next: string): Promise<{ url: string; cookie: string }> {
    const config = await this.config();
    const pending: Pending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      verifier: client.randomPKCECodeVerifier(),
      next,
      expires: this.now() + OIDC_PENDING_MINUTES * 60_000,
    };
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: redirectUri,
      scope: this.settings.scopes,
      response_type: 'code',
      state: pending.state,
      nonce: pending.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(pending.verifier),
      code_challenge_method: 'S256',
    });
    return { url: url.href, cookie: this.seal(pending) };
  }

  private now(): number {
    return Date.now() + (this.options.clockSkewS ?? 0) * 1000;
  }

  private seal(pending: Pending): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(pending), 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  }

  private unseal(cookie: string | undefined): Pending | null {
    if (!cookie) return null;
    try {
      const bytes = Buffer.from(cookie, 'base64url');
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, 12));
      decipher.setAuthTag(bytes.subarray(12, 28));
      const text = Buffer.concat([decipher.update(bytes.subarray(28)), decipher.final()]).toString('utf8');
      const pending = JSON.parse(text) as Pending;
      return pending.expires > this.now() ? pending : null;
    } catch {
      return null;
    }
  }

  /** The browser is back from the IdP at `callbackUrl` (with code and state, or an error). */
  async complete(input: {
    callbackUrl: URL;
    cookie: string | undefined;
    ip: string;
    userAgent?: string;
    previousSessionId?: string;
  }): Promise<OidcResult> {
    const audit = new AuditLog(this.repositories);
    const fail = async (failure: OidcFailure, reason: string, who = 'oidc', userId: string | null = null) => {
      await audit.record({
        actor: { userId, label: who },
        action: 'sign-in',
        outcome: failure === 'not-admitted' ? 'refused' : 'failed',
        ip: input.ip,
        detail: { method: 'oidc', issuer: this.settings.issuer, failure, reason },
      });
      return { ok: false, failure, reason } as const;
    };
    const pending = this.unseal(input.cookie);
    if (!pending) return fail('state', 'no sign-in was started from this browser, or it took too long');
    const params = input.callbackUrl.searchParams;
    if (params.get('state') !== pending.state)
      return fail('state', 'the state in the answer is not the one this browser was sent with');
    const idpError = params.get('error');
    if (idpError) {
      const description = params.get('error_description');
      return fail('idp-error', description ? `${idpError}: ${description}` : idpError);
    }

    let claims: Record<string, unknown>;
    try {
      const config = await this.config();
      const tokens = await client.authorizationCodeGrant(config, input.callbackUrl, {
        pkceCodeVerifier: pending.verifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims() as Record<string, unknown>;
      let userinfo: Record<string, unknown> = {};
      if (config.serverMetadata().userinfo_endpoint && tokens.access_token)
        userinfo = (await client.fetchUserInfo(config, tokens.access_token, String(idClaims.sub))) as Record<
          string,
          unknown
        >;
      // The signed ID token wins over userinfo where both speak.
      claims = { ...userinfo, ...idClaims };
    } catch (error) {
      const e = error as Error & { code?: string; error?: string };
      // Down the chain of causes, the one that names the failed claim (e.g. "exp" of an expired token).
      let cause: unknown = e.cause;
      let claim = '';
      for (let depth = 0; cause && typeof cause === 'object' && depth < 4; depth++) {
        const c = cause as { claim?: unknown; cause?: unknown };
        if (typeof c.claim === 'string') claim = `claim "${c.claim}"`;
        cause = c.cause;
      }
      return fail('token', [e.code, e.error, e.message, claim].filter(Boolean).join(': '));
    }

    const subject = String(claims.sub);
    const issuer = this.settings.issuer;
    const emailClaim = typeof claims.email === 'string' ? normaliseEmail(claims.email) : null;
    const who = emailClaim ?? `${subject} (${new URL(issuer).hostname})`;
    const accounts = this.repositories.accounts;
    const existing = new Set((await accounts.organisations()).map((o) => o.id));
    const memberships = mappedMemberships(this.settings.roles, claims).filter((m) =>
      existing.has(m.organisationId),
    );
    if (memberships.length === 0)
      return fail('not-admitted', 'the role mapping gives this user no role in any organisation here', who);

    const linked = await this.db
      .selectFrom('user_identity')
      .select('user_id')
      .where('issuer', '=', issuer)
      .where('subject', '=', subject)
      .executeTakeFirst();
    let user = linked ? await accounts.user(linked.user_id) : undefined;
    const byEmail = !user && emailClaim ? await accounts.userByEmail(emailClaim) : undefined;
    if (!user && byEmail) {
      if (this.settings.match !== 'email')
        return fail('not-admitted', 'a user with this e-mail exists and matching is by subject', who);
      if (claims.email_verified === false)
        return fail('not-admitted', 'the IdP says the e-mail is not verified', who);
      user = byEmail;
    }
    if (user?.status === 'disabled') return fail('not-admitted', 'the account is disabled', who, user.id);
    if (!user && !this.settings.provision)
      return fail('not-admitted', 'no account matches and provisioning is off', who);
    if (!user && !emailClaim)
      return fail('not-admitted', 'the IdP sent no e-mail to create the account with', who);

    const now = new Date().toISOString();
    return this.db.transaction().execute(async (trx) => {
      const repo = this.repositories.in(trx).accounts;
      const log = new AuditLog(this.repositories);
      const actor = { userId: user?.id ?? null, label: who };
      if (!user) {
        user = {
          id: newId(),
          email: emailClaim as string,
          display_name: typeof claims.name === 'string' ? claims.name.slice(0, 200) : null,
          password_hash: null,
          status: 'active',
          locale: null,
          totp_secret: null,
          totp_enabled_at: null,
          totp_last_step: null,
          created_at: now,
          disabled_at: null,
        };
        await repo.addUser(user);
        actor.userId = user.id;
        await log.record(
          {
            actor,
            action: 'user.add',
            organisationId: memberships[0]?.organisationId,
            target: { type: 'user', id: user.id },
            detail: { email: user.email, via: 'oidc', issuer },
          },
          trx,
        );
      } else if (user.status === 'invited') {
        await repo.updateUser(user.id, { status: 'active' });
      }
      const userId = user.id;
      if (!linked) {
        await trx
          .insertInto('user_identity')
          .values({ issuer, subject, user_id: userId, created_at: now })
          .execute();
        await log.record(
          {
            actor,
            action: 'identity.link',
            target: { type: 'user', id: userId },
            detail: { issuer, subject },
          },
          trx,
        );
      }
      for (const m of memberships) {
        const before = await repo.membership(userId, m.organisationId);
        if (before?.role === m.role) continue;
        await repo.setRole(userId, m.organisationId, m.role, now);
        await log.record(
          {
            actor: { userId: null, label: `oidc:${new URL(issuer).hostname}` },
            action: 'role.set',
            organisationId: m.organisationId,
            target: { type: 'user', id: userId },
            detail: { email: user.email, before: before?.role ?? null, after: m.role, via: 'oidc mapping' },
          },
          trx,
        );
      }
      if (input.previousSessionId)
        await this.repositories.in(trx).sessions.remove(hashSecret(input.previousSessionId));
      const sessionId = await new SignInService(this.repositories.in(trx), this.sessions).startSession(
        userId,
        'full',
        'oidc',
        input.ip,
        input.userAgent,
      );
      await log.record(
        {
          actor,
          action: 'sign-in',
          ip: input.ip,
          detail: { method: 'oidc', issuer, stage: 'full' },
        },
        trx,
      );
      return { ok: true, sessionId, userId, next: pending.next } as const;
    });
  }
}
