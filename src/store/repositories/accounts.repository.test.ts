/**
 * The accounts and API token repositories: organisations and users in order, an organisation's users,
 * memberships set, changed and removed, a user changed; tokens by hash with their user, listed newest
 * first, marked used, revoked once and only by their user.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addTokenRow, addUserRow } from '../../../test/support/account-rows.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { hashSecret } from '../../accounts/secrets.js';

for (const dialect of DIALECTS) {
  describe(`accounts and API tokens (${dialect})`, () => {
    let temp: TempStore;
    const accounts = () => temp.store.repositories.accounts;
    const tokens = () => temp.store.repositories.apiTokens;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      for (const id of ['2580', '0180', '1280']) await addOrganisationRow(temp.store, id);
      await addUserRow(temp.store, 'cecilia@x.se', [
        ['2580', 'reader'],
        ['0180', 'admin'],
      ]);
      await addUserRow(temp.store, 'adam@x.se', [['2580', 'strategist']]);
      await addUserRow(temp.store, 'bodil@x.se');
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('lists organisations by id and users by e-mail, one row per membership', async () => {
      expect((await accounts().organisations()).map((o) => o.id)).toEqual(['0180', '1280', '2580']);
      expect((await accounts().organisation('1280'))?.name).toBe('Org 1280');
      expect(await accounts().organisation('9999')).toBeUndefined();
      // The user's own columns, not the membership's of the same name (created_at; none for bodil).
      const T0 = '2026-01-01T00:00:00.000Z';
      expect(
        (await accounts().users()).map((u) => [u.id, u.email, u.created_at, u.organisation_id, u.role]),
      ).toEqual([
        ['adam', 'adam@x.se', T0, '2580', 'strategist'],
        ['bodil', 'bodil@x.se', T0, null, null],
        ['cecilia', 'cecilia@x.se', T0, '0180', 'admin'],
        ['cecilia', 'cecilia@x.se', T0, '2580', 'reader'],
      ]);
      expect((await accounts().users('2580')).map((u) => [u.email, u.role])).toEqual([
        ['adam@x.se', 'strategist'],
        ['cecilia@x.se', 'reader'],
      ]);
      expect((await accounts().userByEmail('adam@x.se'))?.id).toBe('adam');
      expect(await accounts().userByEmail('ADAM@x.se')).toBeUndefined();
      expect((await accounts().user('bodil'))?.email).toBe('bodil@x.se');
    });

    it('sets one role per organisation, changes it, and removes a membership', async () => {
      await accounts().setRole('bodil', '1280', 'reader', '2026-03-01T00:00:00.000Z');
      await accounts().setRole('bodil', '0180', 'caseworker', '2026-03-01T00:00:00.000Z');
      await accounts().setRole('bodil', '1280', 'strategist', '2026-04-01T00:00:00.000Z');
      expect(
        (await accounts().memberships('bodil')).map((m) => [m.organisation_id, m.role, m.created_at]),
      ).toEqual([
        ['0180', 'caseworker', '2026-03-01T00:00:00.000Z'],
        ['1280', 'strategist', '2026-03-01T00:00:00.000Z'],
      ]);
      expect((await accounts().membership('bodil', '1280'))?.role).toBe('strategist');
      expect(await accounts().membership('bodil', '2580')).toBeUndefined();
      await accounts().removeMembership('bodil', '1280');
      expect((await accounts().memberships('bodil')).map((m) => m.organisation_id)).toEqual(['0180']);
      expect((await accounts().memberships('cecilia')).map((m) => m.organisation_id)).toEqual([
        '0180',
        '2580',
      ]);
    });

    it('changes only the user asked for', async () => {
      await accounts().updateUser('adam', { display_name: 'Adam', status: 'disabled' });
      expect(await accounts().user('adam')).toMatchObject({
        display_name: 'Adam',
        status: 'disabled',
        email: 'adam@x.se',
      });
      expect(await accounts().user('bodil')).toMatchObject({ display_name: null, status: 'active' });
    });

    it('finds a token by its hash with its user, lists them newest first, marks use, revokes once', async () => {
      const older = await addTokenRow(temp.store, 'cecilia', { id: 'older' });
      await temp.store.db
        .updateTable('api_token')
        .set({ created_at: '2025-01-01T00:00:00.000Z' })
        .where('id', '=', 'older')
        .execute();
      const newer = await addTokenRow(temp.store, 'cecilia', { id: 'newer' });
      await addTokenRow(temp.store, 'bodil', { id: 'bodils' });
      expect(await tokens().byHash(hashSecret(older.token))).toMatchObject({
        id: 'older',
        user_id: 'cecilia',
        email: 'cecilia@x.se',
        status: 'active',
      });
      expect(await tokens().byHash(hashSecret('etb_none'))).toBeUndefined();
      expect((await tokens().ofUser('cecilia')).map((t) => t.id)).toEqual(['newer', 'older']);
      await tokens().markUsed('newer', '2026-05-05T00:00:00.000Z');
      expect((await tokens().ofUser('cecilia')).map((t) => t.last_used_at)).toEqual([
        '2026-05-05T00:00:00.000Z',
        null,
      ]);
      expect(await tokens().revoke('bodil', 'newer', '2026-05-06T00:00:00.000Z')).toBe(false);
      expect(await tokens().revoke('cecilia', 'newer', '2026-05-06T00:00:00.000Z')).toBe(true);
      expect(await tokens().revoke('cecilia', 'newer', '2026-05-07T00:00:00.000Z')).toBe(false);
      expect((await tokens().byHash(hashSecret(newer.token)))?.revoked_at).toBe('2026-05-06T00:00:00.000Z');
      expect((await tokens().ofUser('cecilia')).map((t) => t.revoked_at)).toEqual([
        '2026-05-06T00:00:00.000Z',
        null,
      ]);
    });
  });
}
