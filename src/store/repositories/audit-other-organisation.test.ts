/**
 * An organisation's audit log, page by page, on every backend: its own entries and its members'
 * entries that belong to no organisation (sign-ins, tokens) — never the entries a member made in
 * another organisation, nor a non-member's; newest first, `before` continuing below an id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { AccountService } from '../../accounts/account.service.js';

for (const dialect of DIALECTS) {
  describe(`an organisation's audit log (${dialect})`, () => {
    let temp: TempStore;
    const ids = new Map<string, string>();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      const accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      await accounts.addOrganisation(null, { id: '0180', name: 'Stockholms kommun' });
      // Both-member works in Luleå and in Stockholm; outsider only in Stockholm.
      for (const [email, organisationId] of [
        ['both@lulea.se', '2580'],
        ['both@lulea.se', '0180'],
        ['outsider@stockholm.se', '0180'],
      ] as const) {
        const { user } = await accounts.addUser(null, { email, organisationId, role: 'strategist' });
        ids.set(email, user.id);
      }
      const entry = (action: string, email: string, organisation: string | null) =>
        temp.store.repositories.audit.append({
          at: new Date().toISOString(),
          organisation_id: organisation,
          actor_user_id: ids.get(email) ?? null,
          actor: email,
          action,
          outcome: 'ok',
          target_type: null,
          target_id: null,
          ip: null,
          detail: '{}',
        });
      await entry('test.lulea-write', 'both@lulea.se', '2580');
      await entry('test.sign-in', 'both@lulea.se', null);
      await entry('test.stockholm-write', 'both@lulea.se', '0180');
      await entry('test.outsider-sign-in', 'outsider@stockholm.se', null);
      await entry('test.outsider-lulea', 'outsider@stockholm.se', '2580');
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const actions = async (organisationId: string, before?: number, limit = 100) =>
      (await temp.store.repositories.audit.page({ organisationId, limit, ...(before ? { before } : {}) }))
        .map((r) => r.action)
        .filter((a) => a.startsWith('test.'));

    it("holds the organisation's entries and its members' entries of no organisation, nothing of another", async () => {
      expect(await actions('2580')).toEqual(['test.outsider-lulea', 'test.sign-in', 'test.lulea-write']);
      expect(await actions('0180')).toEqual([
        'test.outsider-sign-in',
        'test.stockholm-write',
        'test.sign-in',
      ]);
    });

    it('pages newest first, continuing below the last id seen without repeating it', async () => {
      const first = await temp.store.repositories.audit.page({ organisationId: '2580', limit: 1 });
      expect(first.map((r) => r.action)).toEqual(['test.outsider-lulea']);
      const rest = await temp.store.repositories.audit.page({
        organisationId: '2580',
        limit: 100,
        before: Number(first[0]!.id),
      });
      expect(rest.map((r) => r.action).filter((a) => a.startsWith('test.'))).toEqual([
        'test.sign-in',
        'test.lulea-write',
      ]);
    });
  });
}
