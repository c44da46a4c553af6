/**
 * API tokens on every backend: creating and revoking one each leave an audit entry naming the token,
 * and a user can revoke only their own live token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { AccountError, AccountService } from './account.service.js';
import type { Actor } from './actor.js';
import { TokenService } from './token.service.js';

for (const dialect of DIALECTS) {
  describe(`API tokens (${dialect})`, () => {
    let temp: TempStore;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      await accounts.addUser(null, { email: 'owner@lulea.se', organisationId: '2580', role: 'strategist' });
      await accounts.addUser(null, { email: 'other@lulea.se', organisationId: '2580', role: 'strategist' });
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const entries = (action: string, tokenId: string) =>
      temp.store.db
        .selectFrom('audit_log')
        .select(['actor', 'actor_user_id', 'target_type', 'target_id', 'outcome'])
        .where('action', '=', action)
        .where('target_id', '=', tokenId)
        .execute();

    it('audits the creation and the revocation of a token, each naming the token and who did it', async () => {
      const tokens = new TokenService(temp.store.repositories);
      const owner = await temp.store.repositories.accounts.userByEmail('owner@lulea.se');
      const actor: Actor = {
        userId: owner!.id,
        label: 'owner@lulea.se',
        via: 'session',
        memberships: [{ organisationId: '2580', role: 'strategist' }],
        global: [],
      };
      const { info } = await tokens.create(actor, {
        email: 'owner@lulea.se',
        name: 'skript',
        lifetimeMs: null,
      });
      expect(await entries('token.create', info.id)).toEqual([
        {
          actor: 'owner@lulea.se',
          actor_user_id: owner!.id,
          target_type: 'api-token',
          target_id: info.id,
          outcome: 'ok',
        },
      ]);
      expect(await entries('token.revoke', info.id)).toEqual([]);

      await tokens.revoke(actor, owner!.id, info.id);
      expect(await entries('token.revoke', info.id)).toEqual([
        {
          actor: 'owner@lulea.se',
          actor_user_id: owner!.id,
          target_type: 'api-token',
          target_id: info.id,
          outcome: 'ok',
        },
      ]);
      expect((await tokens.list(owner!.id))[0]?.revoked).not.toBeNull();

      // Revoked already: a second revocation is refused and audits nothing more.
      await expect(tokens.revoke(actor, owner!.id, info.id)).rejects.toThrow(AccountError);
      expect(await entries('token.revoke', info.id)).toHaveLength(1);
    });

    it("refuses to revoke another user's token and leaves it live, unaudited", async () => {
      const tokens = new TokenService(temp.store.repositories);
      const other = await temp.store.repositories.accounts.userByEmail('other@lulea.se');
      const owner = await temp.store.repositories.accounts.userByEmail('owner@lulea.se');
      const { info } = await tokens.create(null, { email: 'owner@lulea.se', lifetimeMs: 3_600_000 });
      await expect(tokens.revoke(null, other!.id, info.id)).rejects.toThrow(AccountError);
      expect((await tokens.list(owner!.id)).find((t) => t.id === info.id)?.revoked).toBeNull();
      expect(await entries('token.revoke', info.id)).toEqual([]);
    });
  });
}
