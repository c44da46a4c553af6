/**
 * SignInService on the repositories (no app): throttling and its audit rows, each refusal's reason,
 * the session written at sign-in (stage, method, expiry), promotion, the session's actor and its
 * timeouts, sign-out, and API tokens. One password hash is made for all users (hashing is slow).
 */

import { hash as argon2Hash } from '@node-rs/argon2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  addOrganisationRow,
  addSessionRow,
  addTokenRow,
  addUserRow,
} from '../../test/support/account-rows.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { hashSecret } from './secrets.js';
import { type SessionActor, SignInService, THROTTLE } from './sign-in.service.js';

const PASSWORD = 'a quiet harbour in the rain';
const OPTIONS = { idleMinutes: 30, maxHours: 8 };
const MINUTE = 60_000;

for (const dialect of DIALECTS) {
  describe(`SignInService (${dialect})`, () => {
    let temp: TempStore;
    let service: SignInService;
    let since = 0;

    const db = () => temp.store.db;
    const audit = async () =>
      (
        await db()
          .selectFrom('audit_log')
          .select(['actor', 'actor_user_id', 'action', 'outcome', 'ip', 'target_type', 'target_id', 'detail'])
          .where('id', '>', since)
          .orderBy('id')
          .execute()
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
    const throttleRow = (key: string) =>
      db().selectFrom('sign_in_throttle').selectAll().where('key', '=', key).executeTakeFirst();
    const sessionRow = (id: string) =>
      db().selectFrom('user_session').selectAll().where('id_hash', '=', hashSecret(id)).executeTakeFirst();
    const near = (iso: string | null | undefined, ms: number) => Math.abs(Date.parse(iso ?? '') - ms) < 5_000;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      service = new SignInService(temp.store.repositories, OPTIONS);
      await addOrganisationRow(temp.store, '2580');
      await addOrganisationRow(temp.store, '1280');
      // argon2id with small costs: verifying reads the costs from the hash, and what is tested here is
      // the service's decisions, not the hash's cost (password.test.ts checks ARGON2_OPTIONS).
      const hash = await argon2Hash(PASSWORD, {
        algorithm: 2,
        memoryCost: 1024,
        timeCost: 1,
        parallelism: 1,
      });
      await addUserRow(temp.store, 'reader@lulea.se', [
        ['2580', 'reader'],
        ['1280', 'strategist'],
      ]);
      await addUserRow(temp.store, 'admin@lulea.se', [['2580', 'admin']]);
      await addUserRow(temp.store, 'totp@lulea.se', [['2580', 'reader']], { totp: true });
      await addUserRow(temp.store, 'gone@lulea.se', [['2580', 'reader']], { status: 'disabled' });
      await addUserRow(temp.store, 'invited@lulea.se', [['2580', 'reader']], { status: 'invited' });
      await addUserRow(temp.store, 'lonely@lulea.se');
      await db().updateTable('app_user').set({ password_hash: hash }).execute();
    });
    afterAll(async () => {
      await temp?.destroy();
    });
    beforeEach(async () => {
      await db().deleteFrom('sign_in_throttle').execute();
      const last = await db()
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      since = Number(last?.id ?? 0);
    });

    it('signs in: a session of the stage the user needs, written with its expiry, and audited', async () => {
      const before = Date.now();
      const full = await service.signInWithPassword({
        email: '  Reader@Lulea.SE ',
        password: PASSWORD,
        ip: '10.0.0.1',
        userAgent: `agent ${'x'.repeat(400)}`,
      });
      expect(full).toMatchObject({ ok: true, stage: 'full', userId: 'reader' });
      const id = (full as { sessionId: string }).sessionId;
      expect(id).toMatch(/^[A-Za-z0-9_-]{43}$/);
      const row = await sessionRow(id);
      expect(row).toMatchObject({ user_id: 'reader', stage: 'full', method: 'password', ip: '10.0.0.1' });
      expect(row?.user_agent).toBe(`agent ${'x'.repeat(294)}`);
      expect(near(row?.created_at, before)).toBe(true);
      expect(row?.last_seen_at).toBe(row?.created_at);
      expect(Date.parse(row?.expires_at ?? '') - Date.parse(row?.created_at ?? '')).toBe(8 * 3_600_000);
      expect(await audit()).toEqual([
        {
          actor: 'reader@lulea.se',
          actor_user_id: 'reader',
          action: 'sign-in',
          outcome: 'ok',
          ip: '10.0.0.1',
          target_type: null,
          target_id: null,
          detail: { method: 'password', stage: 'full' },
        },
      ]);
      // A user with TOTP owes the code; an admin without it must first set it up.
      const owing = await service.signInWithPassword({
        email: 'totp@lulea.se',
        password: PASSWORD,
        ip: '10.0.0.1',
      });
      expect(owing).toMatchObject({ ok: true, stage: 'second-factor' });
      const enrol = await service.signInWithPassword({
        email: 'admin@lulea.se',
        password: PASSWORD,
        ip: '10.0.0.1',
      });
      expect(enrol).toMatchObject({ ok: true, stage: 'enrol' });
      expect((await sessionRow((enrol as { sessionId: string }).sessionId))?.user_agent).toBeNull();
    });

    it('ends the session the browser had before, and clears the account’s failures but not the IP’s', async () => {
      const previous = await addSessionRow(temp.store, 'reader');
      const other = await addSessionRow(temp.store, 'reader');
      await temp.store.repositories.signInThrottle.fail(
        'account:reader@lulea.se',
        new Date().toISOString(),
        '2000',
      );
      await temp.store.repositories.signInThrottle.fail('ip:10.0.0.2', new Date().toISOString(), '2000');
      const res = await service.signInWithPassword({
        email: 'reader@lulea.se',
        password: PASSWORD,
        ip: '10.0.0.2',
        previousSessionId: previous,
      });
      expect(res.ok).toBe(true);
      expect(await sessionRow(previous)).toBeUndefined();
      expect(await sessionRow(other)).toBeDefined();
      expect(await throttleRow('account:reader@lulea.se')).toBeUndefined();
      expect((await throttleRow('ip:10.0.0.2'))?.failures).toBe(1);
    });

    it('refuses a wrong password, an unknown e-mail, a disabled and an invited user alike, and says why in the log', async () => {
      const attempts = [
        ['reader@lulea.se', 'not the password at all'],
        ['nobody@lulea.se', PASSWORD],
        ['gone@lulea.se', PASSWORD],
        ['invited@lulea.se', PASSWORD],
      ] as const;
      for (const [email, password] of attempts)
        expect(await service.signInWithPassword({ email, password, ip: '10.0.0.3' }), email).toEqual({
          ok: false,
          reason: 'invalid',
        });
      expect(
        (await audit()).map((r) => [r.actor, r.actor_user_id, r.action, r.outcome, r.ip, r.detail]),
      ).toEqual([
        ['reader@lulea.se', 'reader', 'sign-in', 'failed', '10.0.0.3', { reason: 'password' }],
        ['nobody@lulea.se', null, 'sign-in', 'failed', '10.0.0.3', { reason: 'unknown' }],
        ['gone@lulea.se', 'gone', 'sign-in', 'failed', '10.0.0.3', { reason: 'disabled' }],
        ['invited@lulea.se', 'invited', 'sign-in', 'failed', '10.0.0.3', { reason: 'invited' }],
      ]);
      // Each failure counted on the e-mail and on the IP; no session written.
      expect((await throttleRow('account:nobody@lulea.se'))?.failures).toBe(1);
      expect((await throttleRow('ip:10.0.0.3'))?.failures).toBe(4);
      expect(
        await db()
          .selectFrom('user_session')
          .select('id_hash')
          .where('user_id', 'in', ['gone', 'invited'])
          .execute(),
      ).toEqual([]);
    });

    it('locks an e-mail at its tenth failure in the window for 15 minutes, and answers with the wait', async () => {
      const key = 'account:reader@lulea.se';
      const now = new Date().toISOString();
      for (let i = 0; i < THROTTLE.accountFailures - 2; i++)
        await temp.store.repositories.signInThrottle.fail(key, now, '2000');
      const wrong = { email: 'reader@lulea.se', password: 'not the password at all', ip: '10.0.0.4' };
      await service.signInWithPassword(wrong);
      expect(await throttleRow(key)).toMatchObject({ failures: 9, locked_until: null });
      const at = Date.now();
      await service.signInWithPassword(wrong);
      const locked = await throttleRow(key);
      expect(locked?.failures).toBe(10);
      expect(near(locked?.locked_until, at + 15 * MINUTE)).toBe(true);
      // Even the right password is refused now, with the seconds left, and audited without a lookup.
      const refused = await service.signInWithPassword({ ...wrong, password: PASSWORD });
      expect(refused).toMatchObject({ ok: false, reason: 'throttled' });
      const wait = (refused as { retryAfterS: number }).retryAfterS;
      expect(wait).toBeGreaterThan(15 * 60 - 10);
      expect(wait).toBeLessThanOrEqual(15 * 60);
      expect((await audit()).at(-1)).toEqual({
        actor: 'reader@lulea.se',
        actor_user_id: null,
        action: 'sign-in',
        outcome: 'refused',
        ip: '10.0.0.4',
        target_type: null,
        target_id: null,
        detail: { reason: 'throttled' },
      });
      // The IP is not locked by this (10 of its 100).
      expect((await throttleRow('ip:10.0.0.4'))?.locked_until).toBeNull();
    });

    it('locks an IP at its hundredth failure, whichever e-mails were tried', async () => {
      const key = 'ip:10.0.0.5';
      await temp.store.repositories.signInThrottle.fail(key, new Date().toISOString(), '2000');
      await db()
        .updateTable('sign_in_throttle')
        .set({ failures: THROTTLE.ipFailures - 2 })
        .where('key', '=', key)
        .execute();
      await service.signInWithPassword({ email: 'a@lulea.se', password: PASSWORD, ip: '10.0.0.5' });
      expect((await throttleRow(key))?.locked_until).toBeNull();
      await service.signInWithPassword({ email: 'b@lulea.se', password: PASSWORD, ip: '10.0.0.5' });
      expect(near((await throttleRow(key))?.locked_until, Date.now() + 15 * MINUTE)).toBe(true);
      expect(
        await service.signInWithPassword({ email: 'reader@lulea.se', password: PASSWORD, ip: '10.0.0.5' }),
      ).toMatchObject({
        reason: 'throttled',
      });
      // Another IP still signs in.
      expect(
        (await service.signInWithPassword({ email: 'reader@lulea.se', password: PASSWORD, ip: '10.0.0.6' }))
          .ok,
      ).toBe(true);
    });

    it('waits for the later of two locks, and ignores a lock that is over', async () => {
      const soon = new Date(Date.now() + 2 * MINUTE).toISOString();
      const later = new Date(Date.now() + 9 * MINUTE).toISOString();
      const over = new Date(Date.now() - MINUTE).toISOString();
      const set = async (key: string, until: string) => {
        await temp.store.repositories.signInThrottle.fail(key, new Date().toISOString(), '2000');
        await temp.store.repositories.signInThrottle.lock(key, until);
      };
      /** The seconds a refused sign-in (the right password) says to wait. */
      const retryAfter = async (email: string, ip: string) =>
        ((await service.signInWithPassword({ email, password: PASSWORD, ip })) as { retryAfterS: number })
          .retryAfterS;
      await set('account:reader@lulea.se', soon);
      await set('ip:10.0.0.7', later);
      expect(await retryAfter('reader@lulea.se', '10.0.0.7')).toBeGreaterThan(9 * 60 - 10);
      // The other way round: the account's lock (checked first) is the later one.
      await set('account:second@lulea.se', later);
      await set('ip:10.0.0.10', soon);
      expect(await retryAfter('second@lulea.se', '10.0.0.10')).toBeGreaterThan(9 * 60 - 10);
      await set('account:lonely@lulea.se', over);
      await set('ip:10.0.0.8', soon);
      const other = await retryAfter('lonely@lulea.se', '10.0.0.8');
      expect(other).toBeLessThanOrEqual(120);
      expect(other).toBeGreaterThan(100);
      // Both locks over: signs in.
      await set('account:lonely@lulea.se', over);
      await set('ip:10.0.0.9', new Date(Date.now() - 2 * MINUTE).toISOString());
      expect(
        (await service.signInWithPassword({ email: 'lonely@lulea.se', password: PASSWORD, ip: '10.0.0.9' }))
          .ok,
      ).toBe(true);
    });

    it('starts a new session window after 15 minutes', async () => {
      const key = 'account:window@lulea.se';
      const repo = temp.store.repositories.signInThrottle;
      const old = new Date(Date.now() - 20 * MINUTE).toISOString();
      for (let i = 0; i < 9; i++) await repo.fail(key, old, '2000');
      await service.signInWithPassword({ email: 'window@lulea.se', password: PASSWORD, ip: '10.0.0.10' });
      const row = await throttleRow(key);
      expect(row?.failures).toBe(1);
      expect(row?.locked_until).toBeNull();
      expect(near(row?.window_started_at, Date.now())).toBe(true);
    });

    it("gives a live session's actor with every membership, and nothing for a timed-out one", async () => {
      const id = await addSessionRow(temp.store, 'reader');
      expect(await service.sessionActor(id)).toEqual({
        userId: 'reader',
        label: 'reader@lulea.se',
        via: 'session',
        memberships: [
          { organisationId: '1280', role: 'strategist' },
          { organisationId: '2580', role: 'reader' },
        ],
        global: [],
        stage: 'full',
        sessionHash: hashSecret(id),
      });
      const lonely = await addSessionRow(temp.store, 'lonely', { stage: 'enrol' });
      const alone = await service.sessionActor(lonely);
      expect([alone?.memberships, alone?.stage]).toEqual([[], 'enrol']);
      expect(await service.sessionActor('unknown')).toBeNull();
      const now = Date.now();
      const expired = await addSessionRow(temp.store, 'reader', { expires: new Date(now - 1000) });
      const idle = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 31 * MINUTE) });
      const almostIdle = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 29 * MINUTE) });
      const disabled = await addSessionRow(temp.store, 'gone');
      expect(await service.sessionActor(expired)).toBeNull();
      expect(await service.sessionActor(idle)).toBeNull();
      expect(await service.sessionActor(disabled)).toBeNull();
      expect(await service.sessionActor(almostIdle)).not.toBeNull();
    });

    it('deletes sessions that ran out or timed out (with their IP and browser) when a session begins', async () => {
      const now = Date.now();
      const expired = await addSessionRow(temp.store, 'reader', { expires: new Date(now - 1000) });
      const idle = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 31 * MINUTE) });
      const almostIdle = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 29 * MINUTE) });
      const started = await service.startSession('admin', 'full', 'password', '10.0.0.9', 'Firefox');
      expect(await sessionRow(expired)).toBeUndefined();
      expect(await sessionRow(idle)).toBeUndefined();
      expect((await sessionRow(almostIdle))?.user_id).toBe('reader');
      expect(await sessionRow(started)).toMatchObject({
        user_id: 'admin',
        ip: '10.0.0.9',
        user_agent: 'Firefox',
      });
    });

    it('writes last_seen_at at most once a minute', async () => {
      const now = Date.now();
      const recent = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 30_000) });
      const older = await addSessionRow(temp.store, 'reader', { lastSeen: new Date(now - 5 * MINUTE) });
      const recentBefore = (await sessionRow(recent))?.last_seen_at;
      await service.sessionActor(recent);
      await service.sessionActor(older);
      expect((await sessionRow(recent))?.last_seen_at).toBe(recentBefore);
      expect(near((await sessionRow(older))?.last_seen_at, Date.now())).toBe(true);
    });

    it('promotes a session to a new id at the higher stage, keeping how it was begun', async () => {
      const oidc = await addSessionRow(temp.store, 'reader', { stage: 'second-factor', method: 'oidc' });
      const actor = (await service.sessionActor(oidc)) as SessionActor;
      const promoted = await service.promote(actor, 'full', '10.0.0.11', 'ua');
      expect(promoted).not.toBe(oidc);
      expect(await sessionRow(oidc)).toBeUndefined();
      expect(await sessionRow(promoted)).toMatchObject({
        user_id: 'reader',
        stage: 'full',
        method: 'oidc',
        ip: '10.0.0.11',
        user_agent: 'ua',
      });
      // A session already gone is promoted as a password session.
      const gone = await service.promote(actor, 'full', null);
      expect(await sessionRow(gone)).toMatchObject({ method: 'password', ip: null });
    });

    it('signs out: the session ends, and the actor (if any) is audited', async () => {
      const id = await addSessionRow(temp.store, 'reader');
      const actor = await service.sessionActor(id);
      await service.signOut(id, actor, '10.0.0.12');
      expect(await sessionRow(id)).toBeUndefined();
      const anonymous = await addSessionRow(temp.store, 'reader');
      await service.signOut(anonymous, null, '10.0.0.12');
      expect(await sessionRow(anonymous)).toBeUndefined();
      expect((await audit()).map((r) => [r.actor, r.action, r.outcome, r.ip])).toEqual([
        ['reader@lulea.se', 'sign-out', 'ok', '10.0.0.12'],
      ]);
    });

    it("gives an API token's actor, marks it used, and refuses a token that ran out or was revoked", async () => {
      const live = await addTokenRow(temp.store, 'reader', {
        expires: new Date(Date.now() + MINUTE).toISOString(),
      });
      const actor = await service.tokenActor(live.token, '10.0.0.13');
      expect(actor).toEqual({
        userId: 'reader',
        label: 'reader@lulea.se',
        via: 'api-token',
        tokenId: live.id,
        memberships: [
          { organisationId: '1280', role: 'strategist' },
          { organisationId: '2580', role: 'reader' },
        ],
        global: [],
      });
      const used = await db()
        .selectFrom('api_token')
        .select('last_used_at')
        .where('id', '=', live.id)
        .executeTakeFirst();
      expect(near(used?.last_used_at, Date.now())).toBe(true);
      expect(await audit()).toEqual([]);
      const expired = await addTokenRow(temp.store, 'reader', {
        expires: new Date(Date.now() - 1000).toISOString(),
      });
      const revoked = await addTokenRow(temp.store, 'reader', { revoked: new Date().toISOString() });
      const disabled = await addTokenRow(temp.store, 'gone');
      for (const t of [expired, revoked, disabled])
        expect(await service.tokenActor(t.token, null)).toBeNull();
      expect(await service.tokenActor('etb_nothing', '10.0.0.14')).toBeNull();
      expect(
        (await audit()).map((r) => [
          r.actor,
          r.actor_user_id,
          r.action,
          r.outcome,
          r.target_type,
          r.target_id,
          r.detail,
        ]),
      ).toEqual([
        ['reader@lulea.se', 'reader', 'token.use', 'refused', 'api-token', expired.id, { reason: 'expired' }],
        ['reader@lulea.se', 'reader', 'token.use', 'refused', 'api-token', revoked.id, { reason: 'revoked' }],
        ['gone@lulea.se', 'gone', 'token.use', 'refused', 'api-token', disabled.id, { reason: 'disabled' }],
        ['unknown token', null, 'token.use', 'refused', null, null, { reason: 'unknown' }],
      ]);
      for (const t of [expired, revoked, disabled]) {
        const row = await db()
          .selectFrom('api_token')
          .select('last_used_at')
          .where('id', '=', t.id)
          .executeTakeFirst();
        expect(row?.last_used_at).toBeNull();
      }
    });
  });
}
