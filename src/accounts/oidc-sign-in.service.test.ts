/**
 * The OIDC sign-in service against a real OpenID Connect provider (test/support/oidc.ts), without the
 * app: what each outcome writes (accounts, identities, roles, sessions) and audits, field by field.
 * oidc.routes.test.ts covers the HTTP side (cookies, redirects, pages, the refusals' status codes).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedAccounts } from '../../test/support/accounts.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { IDP_CLIENT_ID, IDP_CLIENT_SECRET, type IdpUser, TestIdp } from '../../test/support/oidc.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings, type OidcSettings } from '../config/settings.js';
import { AccountService } from './account.service.js';
import { OidcSignInService } from './oidc-sign-in.service.js';
import { hashSecret } from './secrets.js';

const CALLBACK = 'http://etablera.example/logga-in/oidc/svar';
const SESSIONS = { idleMinutes: 60, maxHours: 12 };
const IP = '192.0.2.7';

for (const dialect of DIALECTS) {
  describe(`OIDC sign-in, what it writes and audits (${dialect})`, () => {
    let temp: TempStore;
    let idp: TestIdp;

    const settings = (env: Record<string, string> = {}): OidcSettings => {
      const oidc = loadSettings({
        ETABLERA_OIDC_ISSUER: idp.issuer,
        ETABLERA_OIDC_CLIENT_ID: IDP_CLIENT_ID,
        ETABLERA_OIDC_CLIENT_SECRET: IDP_CLIENT_SECRET,
        ETABLERA_OIDC_ROLES: 'groups=etablera-admin:2580:admin; groups=etablera-plan:2580:strategist',
        ...env,
      }).oidc;
      if (!oidc) throw new Error('no OIDC settings');
      return oidc;
    };
    const service = (env: Record<string, string> = {}, clockSkewS?: number) =>
      new OidcSignInService(temp.store.repositories, settings(env), SESSIONS, 'a test secret', {
        clockSkewS,
      });

    /** A whole sign-in as `subject`: begin, the IdP, complete. */
    async function signIn(subject: string, through = service(), extra: { previousSessionId?: string } = {}) {
      const { url, cookie } = await through.begin(CALLBACK, '/plan');
      const callbackUrl = await idp.authorize(url, subject);
      return through.complete({ callbackUrl, cookie, ip: IP, userAgent: 'test', ...extra });
    }

    /** Audit entries after entry `afterId`, oldest first, as the columns that say what happened. */
    async function auditAfter(afterId: number) {
      const rows = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', '>', afterId)
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        action: r.action,
        outcome: r.outcome,
        actor: r.actor,
        actorUserId: r.actor_user_id,
        organisationId: r.organisation_id,
        target: r.target_type ? `${r.target_type}:${r.target_id}` : null,
        ip: r.ip,
        detail: JSON.parse(r.detail) as Record<string, unknown>,
      }));
    }
    const lastAuditId = async () =>
      (await temp.store.db.selectFrom('audit_log').select('id').orderBy('id', 'desc').executeTakeFirst())
        ?.id ?? 0;
    const userByEmail = (email: string) =>
      temp.store.db.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirstOrThrow();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedAccounts(temp.store);
      idp = await new TestIdp().start(CALLBACK);
    });
    afterAll(async () => {
      await idp?.stop();
      await temp?.destroy();
    });

    it('provisions a new user: the account, its identity and role, a session, each audited in turn', async () => {
      idp.users.set('sub-new', {
        email: 'Ny@Lulea.se',
        email_verified: true,
        name: `N${'y'.repeat(240)}`,
        groups: ['etablera-plan'],
      });
      const before = await lastAuditId();
      const result = await signIn('sub-new');
      expect(result).toMatchObject({ ok: true, next: '/plan' });
      const user = await userByEmail('ny@lulea.se');
      expect(user).toMatchObject({
        status: 'active',
        password_hash: null,
        display_name: `N${'y'.repeat(199)}`,
      });
      if (!result.ok) throw new Error('not signed in');
      expect(result.userId).toBe(user.id);
      const issuer = idp.issuer;
      expect(await auditAfter(before)).toEqual([
        {
          action: 'user.add',
          outcome: 'ok',
          actor: 'ny@lulea.se',
          actorUserId: user.id,
          organisationId: '2580',
          target: `user:${user.id}`,
          ip: null,
          detail: { email: 'ny@lulea.se', via: 'oidc', issuer },
        },
        {
          action: 'identity.link',
          outcome: 'ok',
          actor: 'ny@lulea.se',
          actorUserId: user.id,
          organisationId: null,
          target: `user:${user.id}`,
          ip: null,
          detail: { issuer, subject: 'sub-new' },
        },
        {
          action: 'role.set',
          outcome: 'ok',
          actor: 'oidc:127.0.0.1',
          actorUserId: null,
          organisationId: '2580',
          target: `user:${user.id}`,
          ip: null,
          detail: { email: 'ny@lulea.se', before: null, after: 'strategist', via: 'oidc mapping' },
        },
        {
          action: 'sign-in',
          outcome: 'ok',
          actor: 'ny@lulea.se',
          actorUserId: user.id,
          organisationId: null,
          target: null,
          ip: IP,
          detail: { method: 'oidc', issuer, stage: 'full' },
        },
      ]);
    });

    it('signs a linked user in again without linking again; a role the IdP changed is set and audited', async () => {
      idp.users.set('sub-again', {
        email: 'again@lulea.se',
        email_verified: true,
        groups: ['etablera-plan'],
      });
      expect(await signIn('sub-again')).toMatchObject({ ok: true });
      const user = await userByEmail('again@lulea.se');

      let before = await lastAuditId();
      expect(await signIn('sub-again')).toMatchObject({ ok: true, userId: user.id });
      const again = await auditAfter(before);
      expect(again.map((a) => a.action)).toEqual(['sign-in']);
      expect(again[0]).toMatchObject({ actor: 'again@lulea.se', actorUserId: user.id, outcome: 'ok' });

      idp.users.set('sub-again', {
        email: 'again@lulea.se',
        email_verified: true,
        groups: ['etablera-admin'],
      });
      before = await lastAuditId();
      expect(await signIn('sub-again')).toMatchObject({ ok: true, userId: user.id });
      const audit = await auditAfter(before);
      expect(audit.map((a) => a.action)).toEqual(['role.set', 'sign-in']);
      expect(audit[0]?.detail).toEqual({
        email: 'again@lulea.se',
        before: 'strategist',
        after: 'admin',
        via: 'oidc mapping',
      });
      const identities = await temp.store.db
        .selectFrom('user_identity')
        .select('subject')
        .where('user_id', '=', user.id)
        .execute();
      expect(identities).toEqual([{ subject: 'sub-again' }]);
    });

    it('activates an invited account it matches by e-mail', async () => {
      const accounts = temp.store.repositories.accounts;
      await new AccountService(temp.store.repositories).addUser(null, {
        email: 'invited@lulea.se',
        organisationId: '2580',
        role: 'reader',
      });
      expect((await accounts.userByEmail('invited@lulea.se'))?.status).toBe('invited');
      idp.users.set('sub-invited', {
        email: 'invited@lulea.se',
        email_verified: true,
        groups: ['etablera-plan'],
      });
      expect(await signIn('sub-invited')).toMatchObject({ ok: true });
      expect((await accounts.userByEmail('invited@lulea.se'))?.status).toBe('active');
    });

    it('ends the session the browser had before (a new session id at sign-in)', async () => {
      idp.users.set('sub-prev', { email: 'prev@lulea.se', email_verified: true, groups: ['etablera-plan'] });
      const first = await signIn('sub-prev');
      if (!first.ok) throw new Error('not signed in');
      const sessionIds = async () =>
        (
          await temp.store.db
            .selectFrom('user_session')
            .select('id_hash')
            .where('user_id', '=', first.userId)
            .execute()
        ).map((s) => s.id_hash);
      expect(await sessionIds()).toEqual([hashSecret(first.sessionId)]);
      const second = await signIn('sub-prev', service(), { previousSessionId: first.sessionId });
      if (!second.ok) throw new Error('not signed in');
      expect(await sessionIds()).toEqual([hashSecret(second.sessionId)]);
    });

    describe('refusals: each audited with its reason, nothing else written', () => {
      const userCount = async () =>
        (await temp.store.db.selectFrom('app_user').select('id').execute()).length;
      /** Signs in as `subject` (the IdP's `user`); checks that only one audit entry, naming `label`, was written. */
      const refusal = async (subject: string, user: IdpUser, through: OidcSignInService, label: string) => {
        idp.users.set(subject, user);
        const users = await userCount();
        const before = await lastAuditId();
        const result = await signIn(subject, through);
        expect(await userCount()).toBe(users);
        const audit = await auditAfter(before);
        expect(audit).toHaveLength(1);
        expect(audit[0]).toMatchObject({ action: 'sign-in', actor: label, ip: IP });
        expect(audit[0]?.detail).toMatchObject({ method: 'oidc', issuer: idp.issuer });
        return { result, audit: audit[0] };
      };
      const notAdmitted = (reason: string) => ({ ok: false, failure: 'not-admitted', reason });

      it('a user the role mapping gives no role here', async () => {
        const { result, audit } = await refusal(
          'sub-staff',
          { email: 'staff@lulea.se', email_verified: true, groups: ['staff'] },
          service(),
          'staff@lulea.se',
        );
        expect(result).toEqual(
          notAdmitted('the role mapping gives this user no role in any organisation here'),
        );
        expect(audit).toMatchObject({ outcome: 'refused', actorUserId: null });
      });

      it('a user the role mapping places only in an organisation this installation does not have', async () => {
        const { result } = await refusal(
          'sub-elsewhere',
          { email: 'far@umea.se', email_verified: true, groups: ['umea-plan'] },
          service({ ETABLERA_OIDC_ROLES: 'groups=umea-plan:2480:strategist' }),
          'far@umea.se',
        );
        expect(result).toEqual(
          notAdmitted('the role mapping gives this user no role in any organisation here'),
        );
      });

      it('an answer whose state is not the one this browser was sent with', async () => {
        const through = service();
        const { url, cookie } = await through.begin(CALLBACK, '/plan');
        const callbackUrl = await idp.authorize(url, 'sub-new');
        callbackUrl.searchParams.set('state', 'another');
        expect(await through.complete({ callbackUrl, cookie, ip: IP })).toEqual({
          ok: false,
          failure: 'state',
          reason: 'the state in the answer is not the one this browser was sent with',
        });
      });

      it('an existing e-mail when matching is by subject', async () => {
        const { result, audit } = await refusal(
          'sub-strateg',
          { email: 'strateg@lulea.se', email_verified: true, groups: ['etablera-plan'] },
          service({ ETABLERA_OIDC_MATCH: 'subject' }),
          'strateg@lulea.se',
        );
        expect(result).toEqual(notAdmitted('a user with this e-mail exists and matching is by subject'));
        expect(audit).toMatchObject({ outcome: 'refused', detail: { failure: 'not-admitted' } });
      });

      it('an existing e-mail the IdP says is not verified', async () => {
        const { result } = await refusal(
          'sub-unverified',
          { email: 'strateg@lulea.se', email_verified: false, groups: ['etablera-plan'] },
          service(),
          'strateg@lulea.se',
        );
        expect(result).toEqual(notAdmitted('the IdP says the e-mail is not verified'));
      });

      it('no account and provisioning off', async () => {
        const { result } = await refusal(
          'sub-unknown',
          { email: 'unknown@lulea.se', email_verified: true, groups: ['etablera-plan'] },
          service({ ETABLERA_OIDC_PROVISION: 'false' }),
          'unknown@lulea.se',
        );
        expect(result).toEqual(notAdmitted('no account matches and provisioning is off'));
      });

      it('no e-mail to make the account with: the subject and the IdP name the actor', async () => {
        const { result } = await refusal(
          'sub-noemail',
          { groups: ['etablera-plan'] },
          service(),
          'sub-noemail (127.0.0.1)',
        );
        expect(result).toEqual(notAdmitted('the IdP sent no e-mail to create the account with'));
      });

      it('an error from the IdP (the user cancelled), with and without a description (no dangling colon)', async () => {
        const through = service();
        for (const [query, reason] of [
          ['&error=access_denied&error_description=The+user+cancelled', 'access_denied: The user cancelled'],
          ['&error=access_denied', 'access_denied'],
        ] as const) {
          const { url, cookie } = await through.begin(CALLBACK, '/plan');
          const state = new URL(url).searchParams.get('state');
          const before = await lastAuditId();
          const result = await through.complete({
            callbackUrl: new URL(`${CALLBACK}?state=${state}${query}`),
            cookie,
            ip: IP,
          });
          expect(result).toEqual({ ok: false, failure: 'idp-error', reason });
          expect(await auditAfter(before)).toEqual([
            {
              action: 'sign-in',
              outcome: 'failed',
              actor: 'oidc',
              actorUserId: null,
              organisationId: null,
              target: null,
              ip: IP,
              detail: { method: 'oidc', issuer: idp.issuer, failure: 'idp-error', reason },
            },
          ]);
        }
      });

      it('a sign-in begun longer ago than the cookie lives', async () => {
        const { url, cookie } = await service().begin(CALLBACK, '/plan');
        const callbackUrl = await idp.authorize(url, 'sub-new');
        // The same deployment eleven minutes later: the ten-minute cookie has expired.
        const later = service({}, 11 * 60);
        expect(await later.complete({ callbackUrl, cookie, ip: IP })).toEqual({
          ok: false,
          failure: 'state',
          reason: 'no sign-in was started from this browser, or it took too long',
        });
      });

      it('an expired ID token: the reason names the code and the claim that failed', async () => {
        // Two hours ahead, the IdP's fresh tokens have expired (the cookie is sealed by the same clock).
        const late = service({}, 2 * 3600);
        const result = await signIn('sub-new', late);
        expect(result).toMatchObject({ ok: false, failure: 'token' });
        if (result.ok) throw new Error('signed in');
        // openid-client's code and message (its version is locked), then the claim found down the causes.
        expect(result.reason).toBe(
          'OAUTH_JWT_TIMESTAMP_CHECK_FAILED: JWT timestamp claim value failed validation: claim "exp"',
        );
      });
    });
  });
}
