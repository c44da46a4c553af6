/**
 * AccountService's changes one by one (account.service.test.ts has the refusals): each writes exactly
 * its rows and its audit entry (actor, organisation, target, detail), touches no other user, and its
 * one-time links live 7 days or an hour, replace older ones and end the user's sessions when used.
 * Three password hashes in all (useLink and setPassword, in one test); the rest needs none.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSessionRow } from '../../test/support/account-rows.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { AccountError, AccountService } from './account.service.js';
import { type Actor, NotFoundError } from './actor.js';
import { hashSecret } from './secrets.js';

const HOUR = 3_600_000;
const admin = (organisationId: string): Actor => ({
  userId: 'u-admin',
  label: 'admin@x.se',
  via: 'session',
  memberships: [{ organisationId, role: 'admin' }],
  global: [],
});

for (const dialect of DIALECTS) {
  describe(`account changes and their audit entries (${dialect})`, () => {
    let temp: TempStore;
    let accounts: AccountService;
    const audit = (action: string) =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id', 'organisation_id', 'target_type', 'target_id', 'detail', 'ip'])
        .where('action', '=', action)
        .orderBy('id')
        .execute()
        .then((rows) => rows.map((r) => ({ ...r, detail: JSON.parse(r.detail) as unknown })));
    /** An audit entry as who did it where, to what, with what detail (the columns most cases compare). */
    const summary = (e: Awaited<ReturnType<typeof audit>>[number]) => [
      e.actor,
      e.organisation_id,
      e.target_type,
      e.target_id,
      e.detail,
    ];
    const links = (userId: string) =>
      temp.store.db
        .selectFrom('account_link')
        .selectAll()
        .where('user_id', '=', userId)
        .orderBy('created_at')
        .execute();
    const sessions = async (userId: string) =>
      (
        await temp.store.db
          .selectFrom('user_session')
          .select('user_id')
          .where('user_id', '=', userId)
          .execute()
      ).length;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      accounts = new AccountService(temp.store.repositories);
      await temp.store.db
        .insertInto('municipality')
        .values({ id: '1280', title: 'Malmö', type: 'K' })
        .execute();
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('adds an organisation with its name given, from the municipality, or its code, and audits it', async () => {
      const before = Date.now();
      const lulea = await accounts.addOrganisation(null, { id: ' 2580 ', name: '  Luleå kommun ' });
      expect(lulea).toMatchObject({ id: '2580', kind: 'kommun', name: 'Luleå kommun' });
      expect(Date.parse(lulea.created_at)).toBeGreaterThanOrEqual(before - 1);
      expect(await accounts.addOrganisation(null, { id: '1280', name: '   ' })).toMatchObject({
        name: 'Malmö',
        kind: 'kommun',
      });
      expect(await accounts.addOrganisation(admin('2580'), { id: 'af-nord' })).toMatchObject({
        name: 'af-nord',
        kind: 'partner',
      });
      expect(await accounts.addOrganisation(null, { id: '9999', kind: 'partner' })).toMatchObject({
        name: '9999',
        kind: 'partner',
      });
      expect((await temp.store.repositories.accounts.organisation('2580'))?.name).toBe('Luleå kommun');
      const entries = await audit('organisation.add');
      expect(
        entries.map((e) => [e.actor, e.actor_user_id, e.organisation_id, e.target_type, e.target_id]),
      ).toEqual([
        ['system', null, '2580', 'organisation', '2580'],
        ['system', null, '1280', 'organisation', '1280'],
        ['admin@x.se', 'u-admin', 'af-nord', 'organisation', 'af-nord'],
        ['system', null, '9999', 'organisation', '9999'],
      ]);
      expect(entries[0]?.detail).toEqual({ after: lulea });
      const error = await accounts.addOrganisation(null, { id: '2580' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AccountError);
      expect(error).toMatchObject({ statusCode: 409, code: 'exists' });
    });

    it('adds a user invited (no password), audits the user and the role, and a second organisation as a role only', async () => {
      const first = await accounts.addUser(admin('2580'), {
        email: ' Kim@Lulea.SE ',
        organisationId: '2580',
        role: 'reader',
        displayName: '  Kim K ',
      });
      expect(first.created).toBe(true);
      expect(first.user).toMatchObject({
        email: 'kim@lulea.se',
        display_name: 'Kim K',
        status: 'invited',
        password_hash: null,
      });
      const second = await accounts.addUser(null, {
        email: 'kim@lulea.se',
        organisationId: '1280',
        role: 'admin',
      });
      expect(second.created).toBe(false);
      expect(second.user.id).toBe(first.user.id);
      const blank = await accounts.addUser(null, {
        email: 'lo@lulea.se',
        organisationId: '2580',
        role: 'reader',
        displayName: '  ',
      });
      expect(blank.user.display_name).toBeNull();
      expect(await audit('user.add')).toEqual([
        {
          actor: 'admin@x.se',
          actor_user_id: 'u-admin',
          organisation_id: '2580',
          target_type: 'user',
          target_id: first.user.id,
          detail: { email: 'kim@lulea.se' },
          ip: null,
        },
        expect.objectContaining({ target_id: blank.user.id, detail: { email: 'lo@lulea.se' } }),
      ]);
      const roles = await audit('role.set');
      expect(roles.slice(0, 2).map(summary)).toEqual([
        [
          'admin@x.se',
          '2580',
          'user',
          first.user.id,
          { email: 'kim@lulea.se', before: null, after: 'reader' },
        ],
        ['system', '1280', 'user', first.user.id, { email: 'kim@lulea.se', before: null, after: 'admin' }],
      ]);
      const error = await accounts
        .addUser(null, { email: 'x@lulea.se', organisationId: '0000', role: 'reader' })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ statusCode: 404, code: 'no-organisation' });
    });

    it('takes a 4-digit code (a kommun) or a slug (a partner), whole, and names the kinds it knows', async () => {
      for (const bad of ['7', '2580!', 'ABCD', 'Bad code-2580', '-nord', 'a', `a${'b'.repeat(63)}`])
        await expect(accounts.addOrganisation(null, { id: bad }), bad).rejects.toMatchObject({
          statusCode: 400,
          code: 'invalid',
          message: expect.stringMatching(/^Organisation code/),
        });
      expect(await accounts.addOrganisation(null, { id: 'af2580' })).toMatchObject({ kind: 'partner' });
      expect(await accounts.addOrganisation(null, { id: '2580-nord' })).toMatchObject({ kind: 'partner' });
      expect(await accounts.addOrganisation(null, { id: `a${'b'.repeat(62)}` })).toMatchObject({
        kind: 'partner',
      });
      await expect(accounts.addOrganisation(null, { id: 'skane', kind: 'county' })).rejects.toThrow(
        'Organisation kind "county": use one of kommun, region, kommunforbund, partner',
      );
      await expect(
        accounts.addUser(null, { email: 'r@lulea.se', organisationId: '2580', role: 'king' }),
      ).rejects.toThrow(
        'Role "king": use one of admin, strategist, reporter, caseworker, process-admin, reader,',
      );
    });

    it('takes an e-mail address of up to 254 characters with one @ and a dot after it', async () => {
      const add = (email: string) =>
        accounts.addUser(null, { email, organisationId: '2580', role: 'reader' });
      const long = `${'a'.repeat(254 - '@lulea.se'.length)}@lulea.se`;
      expect((await add(long)).user.email).toBe(long);
      for (const bad of [
        `a${long}`,
        'a b@lulea.se',
        'ab@lulea',
        'a@b@lulea.se',
        '@lulea.se',
        'ab@.se.',
        'a<b@x.se',
        'ab@lulea.se x',
        'ab@lulea.se,',
      ])
        await expect(add(bad), bad).rejects.toMatchObject({
          statusCode: 400,
          code: 'invalid',
          message: `"${bad}" is not an e-mail address`,
        });
    });

    it('lists users with their status, role, second factor and creation time, per organisation', async () => {
      await temp.store.db
        .updateTable('app_user')
        .set({ totp_enabled_at: '2026-01-01T00:00:00.000Z' })
        .where('email', '=', 'lo@lulea.se')
        .execute();
      const kim = await temp.store.repositories.accounts.userByEmail('kim@lulea.se');
      const malmo = await accounts.listUsers('1280');
      expect(malmo).toEqual([
        {
          email: 'kim@lulea.se',
          status: 'invited',
          organisation: '1280',
          role: 'admin',
          secondFactor: false,
          created: kim?.created_at,
        },
      ]);
      const lulea = await accounts.listUsers('2580');
      expect(lulea.map((u) => [u.email, u.role, u.secondFactor])).toEqual([
        [expect.stringMatching(/^a+@lulea\.se$/), 'reader', false],
        ['kim@lulea.se', 'reader', false],
        ['lo@lulea.se', 'reader', true],
      ]);
      expect((await accounts.listUsers()).length).toBe(4);
    });

    it('gives the members only to an admin of the organisation, and invites only a new user', async () => {
      await expect(accounts.members(admin('1280'), '2580')).rejects.toThrow(NotFoundError);
      await expect(accounts.members(admin('2580'), 'nowhere')).rejects.toThrow(NotFoundError);
      const reader: Actor = { ...admin('2580'), memberships: [{ organisationId: '2580', role: 'reader' }] };
      await expect(accounts.members(reader, '2580')).rejects.toThrow(NotFoundError);
      expect((await accounts.members(admin('1280'), '1280')).map((u) => u.email)).toEqual(['kim@lulea.se']);
      await expect(
        accounts.setMember(admin('1280'), {
          organisationId: '2580',
          email: 'new@x.se',
          role: 'reader',
          baseUrl: '',
        }),
      ).rejects.toThrow(NotFoundError);
      expect(await temp.store.repositories.accounts.userByEmail('new@x.se')).toBeUndefined();
      const added = await accounts.setMember(admin('2580'), {
        organisationId: '2580',
        email: 'new@x.se',
        role: 'strategist',
        baseUrl: 'https://etablera.example',
      });
      expect(added.invitation).toMatch(/^https:\/\/etablera\.example\/konto\/inbjudan\/[A-Za-z0-9_-]{20,}$/);
      expect((await temp.store.repositories.accounts.membership(added.user.id, '2580'))?.role).toBe(
        'strategist',
      );
      // Active users get no invitation.
      await temp.store.db
        .updateTable('app_user')
        .set({ status: 'active' })
        .where('id', '=', added.user.id)
        .execute();
      const changed = await accounts.setMember(admin('1280'), {
        organisationId: '1280',
        email: 'new@x.se',
        role: 'reader',
        baseUrl: 'https://etablera.example',
      });
      expect(changed.invitation).toBeNull();
      expect((await links(added.user.id)).length).toBe(1);
    });

    it('makes one-time links of 7 days and one hour; a newer one ends the older of its purpose only', async () => {
      const kim = (await temp.store.repositories.accounts.userByEmail('kim@lulea.se'))?.id as string;
      const lo = (await temp.store.repositories.accounts.userByEmail('lo@lulea.se'))?.id as string;
      const before = Date.now();
      const invitation = await accounts.invitationLink(admin('2580'), kim, '');
      const reset = await accounts.oneTimeLink(null, kim, 'reset', 'https://e.example');
      const loReset = await accounts.oneTimeLink(null, lo, 'reset', 'https://e.example');
      const after = Date.now();
      expect(invitation).toMatch(/^http:\/\/localhost:3000\/konto\/inbjudan\/[A-Za-z0-9_-]{20,}$/);
      expect(reset).toMatch(/^https:\/\/e\.example\/konto\/aterstall\/[A-Za-z0-9_-]{20,}$/);
      const code = (link: string) => link.split('/').pop() as string;
      const rows = await links(kim);
      const byHash = (link: string) => rows.find((r) => r.code_hash === hashSecret(code(link)));
      const life = (link: string) => {
        const row = byHash(link);
        return Date.parse(row?.expires_at ?? '') - Date.parse(row?.created_at ?? '');
      };
      expect(byHash(invitation)?.purpose).toBe('invitation');
      expect(life(invitation)).toBe(7 * 24 * HOUR);
      expect(life(reset)).toBe(HOUR);
      const created = Date.parse(byHash(reset)?.created_at ?? '');
      expect(created).toBeGreaterThanOrEqual(before);
      expect(created).toBeLessThanOrEqual(after);
      expect((await accounts.linkUser(code(invitation), 'invitation'))?.id).toBe(kim);
      expect((await accounts.linkUser(code(reset), 'reset'))?.id).toBe(kim);
      // A code answers only for its purpose.
      expect(await accounts.linkUser(code(reset), 'invitation')).toBeUndefined();

      const newer = await accounts.oneTimeLink(null, kim, 'reset', '');
      expect(await accounts.linkUser(code(reset), 'reset')).toBeUndefined();
      expect((await accounts.linkUser(code(newer), 'reset'))?.id).toBe(kim);
      expect((await accounts.linkUser(code(invitation), 'invitation'))?.id).toBe(kim);
      expect((await accounts.linkUser(code(loReset), 'reset'))?.id).toBe(lo);
      const entries = await audit('link.reset');
      expect(entries.map((e) => [e.actor, e.target_type, e.target_id])).toEqual([
        ['system', 'user', kim],
        ['system', 'user', lo],
        ['system', 'user', kim],
      ]);
      expect((await audit('link.invitation')).filter((e) => e.target_id === kim)).toEqual([
        expect.objectContaining({ actor: 'admin@x.se', actor_user_id: 'u-admin' }),
      ]);
      // A disabled user's live link opens nothing.
      await temp.store.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', lo).execute();
      expect(await accounts.linkUser(code(loReset), 'reset')).toBeUndefined();
      await temp.store.db.updateTable('app_user').set({ status: 'active' }).where('id', '=', lo).execute();
    });

    it('sets a password through a link: the user active, their sessions ended, the use audited', async () => {
      const kim = (await temp.store.repositories.accounts.userByEmail('kim@lulea.se'))?.id as string;
      const lo = (await temp.store.repositories.accounts.userByEmail('lo@lulea.se'))?.id as string;
      await addSessionRow(temp.store, kim);
      await addSessionRow(temp.store, lo);
      const link = await accounts.invitationLink(null, kim, '');
      const code = link.split('/').pop() as string;
      await expect(accounts.useLink(code, 'reset', 'a long and quiet river', null)).rejects.toMatchObject({
        statusCode: 404,
        code: 'link-invalid',
      });
      const user = await accounts.useLink(code, 'invitation', 'a long and quiet river', '10.1.2.3');
      expect(user.id).toBe(kim);
      const row = await temp.store.repositories.accounts.user(kim);
      expect(row?.status).toBe('active');
      expect(row?.password_hash).toMatch(/^\$argon2id\$/);
      expect(await sessions(kim)).toBe(0);
      expect(await sessions(lo)).toBe(1);
      expect(await audit('link.invitation.use')).toEqual([
        {
          actor: 'kim@lulea.se',
          actor_user_id: kim,
          organisation_id: null,
          target_type: 'user',
          target_id: kim,
          detail: {},
          ip: '10.1.2.3',
        },
      ]);

      // setPassword (the CLI): an invited user becomes active, a disabled one stays disabled.
      const hash = row?.password_hash as string;
      await temp.store.db.updateTable('app_user').set({ status: 'invited' }).where('id', '=', kim).execute();
      await accounts.setPassword(null, kim, 'a long and quiet river');
      expect((await temp.store.repositories.accounts.user(kim))?.status).toBe('active');
      await temp.store.db.updateTable('app_user').set({ status: 'disabled' }).where('id', '=', kim).execute();
      await accounts.setPassword(admin('2580'), kim, 'a long and quiet river');
      const disabled = await temp.store.repositories.accounts.user(kim);
      expect(disabled?.status).toBe('disabled');
      expect(disabled?.password_hash).toMatch(/^\$argon2id\$/);
      expect(disabled?.password_hash).not.toBe(hash);
      expect((await audit('user.password')).map((e) => [e.actor, e.target_type, e.target_id])).toEqual([
        ['system', 'user', kim],
        ['admin@x.se', 'user', kim],
      ]);
      await expect(accounts.setPassword(null, 'nobody', 'a long and quiet river')).rejects.toMatchObject({
        statusCode: 404,
      });
      await expect(accounts.setPassword(null, lo, 'my etablera password')).rejects.toMatchObject({
        statusCode: 422,
        code: 'password-context',
      });
    });

    it('adds a user with a password active, sets the password of a known user, refuses one built from the e-mail', async () => {
      const add = (password: string) =>
        accounts.addUser(null, {
          email: 'kerstin@lulea.se',
          organisationId: '1280',
          role: 'reader',
          password,
        });
      await expect(add('kerstin walks home')).rejects.toMatchObject({
        statusCode: 422,
        code: 'password-context',
      });
      expect(await temp.store.repositories.accounts.userByEmail('kerstin@lulea.se')).toBeUndefined();
      const { user } = await add('a long and quiet river');
      expect(user.status).toBe('active');
      expect(user.password_hash).toMatch(/^\$argon2id\$/);
      const again = await accounts.addUser(null, {
        email: 'kerstin@lulea.se',
        organisationId: '2580',
        role: 'reader',
        password: 'another long and quiet river',
      });
      expect(again.created).toBe(false);
      const stored = await temp.store.repositories.accounts.user(user.id);
      expect(stored?.password_hash).toMatch(/^\$argon2id\$/);
      expect(stored?.password_hash).not.toBe(user.password_hash);
    });

    it('lets only one of two uses of the same link at once set the password', async () => {
      const kerstin = (await temp.store.repositories.accounts.userByEmail('kerstin@lulea.se'))?.id as string;
      const code = (await accounts.oneTimeLink(null, kerstin, 'reset', '')).split('/').pop() as string;
      const results = await Promise.allSettled([
        accounts.useLink(code, 'reset', 'the first of two rivers', null),
        accounts.useLink(code, 'reset', 'the second of two rivers', null),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected');
      expect(refused?.status === 'rejected' && refused.reason).toMatchObject({
        statusCode: 409,
        code: 'link-used',
      });
      expect((await audit('link.reset.use')).filter((e) => e.target_id === kerstin)).toHaveLength(1);
    });

    it('disables a user once: sessions ended, one audit entry per membership, no other user touched', async () => {
      const kim = (await temp.store.repositories.accounts.userByEmail('kim@lulea.se'))?.id as string;
      const lo = (await temp.store.repositories.accounts.userByEmail('lo@lulea.se'))?.id as string;
      await temp.store.db.updateTable('app_user').set({ status: 'active' }).where('id', '=', kim).execute();
      await addSessionRow(temp.store, kim);
      const before = Date.now();
      const disabled = await accounts.disableUser(admin('2580'), ' KIM@lulea.se ');
      expect(disabled).toMatchObject({ id: kim, status: 'disabled' });
      const row = await temp.store.repositories.accounts.user(kim);
      expect(row?.status).toBe('disabled');
      expect(Date.parse(row?.disabled_at ?? '')).toBeGreaterThanOrEqual(before - 1);
      expect(await sessions(kim)).toBe(0);
      expect(await sessions(lo)).toBe(1);
      expect((await temp.store.repositories.accounts.user(lo))?.status).toBe('active');
      const entries = await audit('user.disable');
      expect(entries.map(summary)).toEqual([
        ['admin@x.se', '1280', 'user', kim, { email: 'kim@lulea.se' }],
        ['admin@x.se', '2580', 'user', kim, { email: 'kim@lulea.se' }],
      ]);
      await expect(accounts.disableUser(null, 'nobody@lulea.se')).rejects.toMatchObject({
        statusCode: 404,
        code: 'not-found',
      });
      // Again: nothing new.
      expect((await accounts.disableUser(null, 'kim@lulea.se')).disabled_at).toBe(row?.disabled_at);
      expect((await audit('user.disable')).length).toBe(2);
    });

    it('signs a user out everywhere, counting and auditing the sessions ended', async () => {
      const lo = (await temp.store.repositories.accounts.userByEmail('lo@lulea.se'))?.id as string;
      await addSessionRow(temp.store, lo);
      expect(await accounts.signOutEverywhere(admin('2580'), lo)).toBe(2);
      expect(await sessions(lo)).toBe(0);
      expect(await accounts.signOutEverywhere(null, lo)).toBe(0);
      expect(
        (await audit('session.end-all')).map((e) => [e.actor, e.target_type, e.target_id, e.detail]),
      ).toEqual([
        ['admin@x.se', 'user', lo, { ended: 2 }],
        ['system', 'user', lo, { ended: 0 }],
      ]);
    });
  });
}
