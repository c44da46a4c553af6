/**
 * API tokens on the repositories: what is stored (the hash only, the name, the expiry), what is shown
 * once, the refusals, listing and revoking, and the audit row of each change.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addOrganisationRow, addUserRow } from '../../test/support/account-rows.js';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { AccountError } from './account.service.js';
import type { Actor } from './actor.js';
import { hashSecret } from './secrets.js';
import { parseLifetime, TOKEN_PREFIX, TokenService } from './token.service.js';

const ADMIN: Actor = {
  userId: 'admin',
  label: 'admin@lulea.se',
  via: 'session',
  memberships: [{ organisationId: '2580', role: 'admin' }],
  global: [],
};

for (const dialect of DIALECTS) {
  describe(`TokenService (${dialect})`, () => {
    let temp: TempStore;
    let tokens: TokenService;
    let since = 0;
    const audit = async () =>
      (
        await temp.store.db
          .selectFrom('audit_log')
          .select(['actor', 'actor_user_id', 'action', 'outcome', 'target_type', 'target_id', 'detail'])
          .where('id', '>', since)
          .orderBy('id')
          .execute()
      ).map((r) => ({ ...r, detail: JSON.parse(r.detail) }));
    const stored = (id: string) =>
      temp.store.db.selectFrom('api_token').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      tokens = new TokenService(temp.store.repositories);
      await addOrganisationRow(temp.store, '2580');
      await addUserRow(temp.store, 'admin@lulea.se', [['2580', 'admin']]);
      await addUserRow(temp.store, 'script@lulea.se', [['2580', 'reader']]);
      await addUserRow(temp.store, 'other@lulea.se', [['2580', 'reader']]);
      await addUserRow(temp.store, 'gone@lulea.se', [['2580', 'reader']], { status: 'disabled' });
    });
    afterAll(async () => {
      await temp?.destroy();
    });
    beforeEach(async () => {
      const last = await temp.store.db
        .selectFrom('audit_log')
        .select('id')
        .orderBy('id', 'desc')
        .limit(1)
        .executeTakeFirst();
      since = Number(last?.id ?? 0);
    });

    it('creates a token: shown once with its prefix, stored as its hash, with name and expiry, audited', async () => {
      const before = Date.now();
      const { token, info } = await tokens.create(ADMIN, {
        email: ' Script@Lulea.se ',
        name: '  nightly export  ',
        lifetimeMs: 3_600_000,
      });
      expect(TOKEN_PREFIX).toBe('etb_');
      expect(token.startsWith('etb_')).toBe(true);
      expect(token.length).toBe(TOKEN_PREFIX.length + 43);
      const row = await stored(info.id);
      expect(row).toMatchObject({
        user_id: 'script',
        name: 'nightly export',
        token_hash: hashSecret(token),
        revoked_at: null,
        last_used_at: null,
      });
      expect(Math.abs(Date.parse(row.created_at) - before)).toBeLessThan(5_000);
      expect(Date.parse(row.expires_at ?? '') - Date.parse(row.created_at)).toBe(3_600_000);
      expect(info).toEqual({
        id: row.id,
        name: 'nightly export',
        created: row.created_at,
        expires: row.expires_at,
        revoked: null,
        lastUsed: null,
      });
      expect(await audit()).toEqual([
        {
          actor: 'admin@lulea.se',
          actor_user_id: 'admin',
          action: 'token.create',
          outcome: 'ok',
          target_type: 'api-token',
          target_id: row.id,
          detail: { user: 'script@lulea.se', name: 'nightly export', expires: row.expires_at },
        },
      ]);
    });

    it('names a token "token" when no name is given, cuts a long name, and may never expire', async () => {
      const plain = await tokens.create(null, { email: 'script@lulea.se', lifetimeMs: null });
      expect(plain.info).toMatchObject({ name: 'token', expires: null });
      const blank = await tokens.create(null, { email: 'script@lulea.se', name: '   ', lifetimeMs: null });
      expect(blank.info.name).toBe('token');
      const long = await tokens.create(null, {
        email: 'script@lulea.se',
        name: 'n'.repeat(150),
        lifetimeMs: null,
      });
      expect((await stored(long.info.id)).name).toBe('n'.repeat(100));
      expect((await audit()).map((r) => [r.actor, r.actor_user_id, r.detail.expires])).toEqual([
        ['system', null, null],
        ['system', null, null],
        ['system', null, null],
      ]);
    });

    it('refuses an unknown or a disabled user, writing nothing', async () => {
      const count = async () => (await temp.store.db.selectFrom('api_token').select('id').execute()).length;
      const before = await count();
      const unknown = await tokens
        .create(ADMIN, { email: 'nobody@lulea.se', lifetimeMs: null })
        .catch((e) => e);
      expect(unknown).toBeInstanceOf(AccountError);
      expect(unknown).toMatchObject({
        message: 'No user nobody@lulea.se',
        statusCode: 404,
        code: 'not-found',
      });
      const disabled = await tokens
        .create(ADMIN, { email: 'gone@lulea.se', lifetimeMs: null })
        .catch((e) => e);
      expect(disabled).toMatchObject({
        message: 'User gone@lulea.se is disabled',
        statusCode: 409,
        code: 'disabled',
      });
      expect(await count()).toBe(before);
      expect(await audit()).toEqual([]);
    });

    it("lists a user's tokens newest first, and revokes only that user's live token", async () => {
      const first = await tokens.create(null, { email: 'other@lulea.se', name: 'first', lifetimeMs: null });
      await temp.store.db
        .updateTable('api_token')
        .set({ created_at: '2026-01-01T00:00:00.000Z' })
        .where('id', '=', first.info.id)
        .execute();
      const second = await tokens.create(null, { email: 'other@lulea.se', name: 'second', lifetimeMs: null });
      expect((await tokens.list('other')).map((t) => t.name)).toEqual(['second', 'first']);
      since = Number(
        (
          await temp.store.db
            .selectFrom('audit_log')
            .select('id')
            .orderBy('id', 'desc')
            .limit(1)
            .executeTakeFirstOrThrow()
        ).id,
      );
      // Another user's token is not found for this one.
      await expect(tokens.revoke(ADMIN, 'script', first.info.id)).rejects.toMatchObject({
        message: 'No such active token',
        statusCode: 404,
        code: 'not-found',
      });
      await tokens.revoke(ADMIN, 'other', first.info.id);
      expect((await stored(first.info.id)).revoked_at).not.toBeNull();
      expect((await stored(second.info.id)).revoked_at).toBeNull();
      const listed = await tokens.list('other');
      expect(listed.find((t) => t.id === first.info.id)?.revoked).toBe(
        (await stored(first.info.id)).revoked_at,
      );
      // Revoked once only.
      await expect(tokens.revoke(ADMIN, 'other', first.info.id)).rejects.toBeInstanceOf(AccountError);
      expect(await audit()).toEqual([
        {
          actor: 'admin@lulea.se',
          actor_user_id: 'admin',
          action: 'token.revoke',
          outcome: 'ok',
          target_type: 'api-token',
          target_id: first.info.id,
          detail: {},
        },
      ]);
    });
  });
}

describe('token lifetimes', () => {
  it('reads hours, days and weeks of up to five digits, and nothing else', () => {
    expect(parseLifetime('never')).toBeNull();
    expect(parseLifetime('1h')).toBe(3_600_000);
    expect(parseLifetime('99999w')).toBe(99_999 * 604_800_000);
    expect(() => parseLifetime('100000d')).toThrow('--expires "100000d": use e.g. 90d, 12h, 2w or never');
    expect(() => parseLifetime('9dd')).toThrow(AccountError);
    expect(() => parseLifetime('x9d')).toThrow(AccountError);
    expect(() => parseLifetime('0h')).toThrow('--expires "0h" must be longer than zero');
    expect(() => parseLifetime('00w')).toThrow('must be longer than zero');
  });
});
