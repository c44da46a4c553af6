/** The rules behind the CLI and the admin pages: what is refused, and that a refusal writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { AccountError, AccountService } from './account.service.js';
import { passwordProblem } from './password.js';
import { parseLifetime } from './token.service.js';

describe('passwords (NIST 800-63B)', () => {
  it('wants 12 characters, counts characters not bytes, and has no composition rules', () => {
    expect(passwordProblem('elva tecken')).toBe('too-short');
    expect(passwordProblem('åäöåäöåäöåä')).toBe('too-short');
    expect(passwordProblem('åäöåäöåäöåäö')).toBeNull();
    expect(passwordProblem('all lower case words')).toBeNull();
    expect(passwordProblem('x'.repeat(257))).toBe('too-long');
  });
  it('refuses common, repeated, sequential and context passwords', () => {
    for (const p of [
      'password1234',
      'qwertyuiop123',
      'QWERTYUIOP123'.toLowerCase(),
      'aaaaaaaaaaaa',
      '123456789012',
      'abcdefghijklm',
    ])
      expect(passwordProblem(p), p).toBe('common');
    expect(passwordProblem('etablera is great', {})).toBe('context');
    expect(passwordProblem('my name is kerstin!', { email: 'kerstin@lulea.se' })).toBe('context');
  });
});

describe('token lifetimes', () => {
  it('reads 12h, 90d, 2w and never, and names a bad one', () => {
    expect(parseLifetime('12h')).toBe(12 * 3_600_000);
    expect(parseLifetime('90d')).toBe(90 * 86_400_000);
    expect(parseLifetime('2w')).toBe(14 * 86_400_000);
    expect(parseLifetime('never')).toBeNull();
    for (const bad of ['0d', '90', 'd', '1y', ' 9d'])
      expect(() => parseLifetime(bad), bad).toThrow(AccountError);
  });
});

for (const dialect of DIALECTS) {
  describe(`account rules (${dialect})`, () => {
    let temp: TempStore;
    let accounts: AccountService;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      accounts = new AccountService(temp.store.repositories);
      await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
      await accounts.addOrganisation(null, { id: 'af-norrbotten', name: 'Arbetsförmedlingen Norrbotten' });
    });
    afterAll(async () => {
      await temp?.destroy();
    });
    const count = async (table: 'app_user' | 'organisation' | 'membership' | 'audit_log') =>
      (await temp.store.db.selectFrom(table).selectAll().execute()).length;

    it('gives codes their kind: 4 digits a kommun, a slug a partner; refuses other codes and kinds', async () => {
      const rows = await temp.store.db.selectFrom('organisation').selectAll().orderBy('id').execute();
      expect(rows.map((r) => [r.id, r.kind])).toEqual([
        ['2580', 'kommun'],
        ['af-norrbotten', 'partner'],
      ]);
      const before = await count('audit_log');
      await expect(accounts.addOrganisation(null, { id: '2580' })).rejects.toThrow(/exists already/);
      await expect(accounts.addOrganisation(null, { id: 'Bad Code!' })).rejects.toThrow(/Organisation code/);
      await expect(accounts.addOrganisation(null, { id: 'skane', kind: 'county' })).rejects.toThrow(
        /kind "county"/,
      );
      expect(await count('organisation')).toBe(2);
      expect(await count('audit_log')).toBe(before);
    });

    it('holds one role per organisation: a second add changes it, audited with before and after', async () => {
      await accounts.addUser(null, { email: 'a@lulea.se', organisationId: '2580', role: 'reader' });
      await accounts.addUser(null, { email: 'A@Lulea.se', organisationId: '2580', role: 'strategist' });
      await accounts.addUser(null, {
        email: 'a@lulea.se',
        organisationId: 'af-norrbotten',
        role: 'reporter',
      });
      const memberships = await temp.store.db
        .selectFrom('membership')
        .select(['organisation_id', 'role'])
        .orderBy('organisation_id')
        .execute();
      expect(memberships).toEqual([
        { organisation_id: '2580', role: 'strategist' },
        { organisation_id: 'af-norrbotten', role: 'reporter' },
      ]);
      const change = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'role.set')
        .where('organisation_id', '=', '2580')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(JSON.parse(change.detail)).toMatchObject({ before: 'reader', after: 'strategist' });
    });

    it('refuses a bad e-mail, role, password or organisation without writing anything', async () => {
      const before = [await count('app_user'), await count('membership'), await count('audit_log')];
      const add = (over: Record<string, string>) =>
        accounts.addUser(null, { email: 'b@lulea.se', organisationId: '2580', role: 'reader', ...over });
      await expect(add({ email: 'not-an-address' })).rejects.toThrow(/not an e-mail address/);
      await expect(add({ role: 'superuser' })).rejects.toThrow(/Role "superuser"/);
      await expect(add({ password: 'short' })).rejects.toThrow(/at least 12/);
      await expect(add({ organisationId: '0000' })).rejects.toThrow(/No organisation 0000/);
      await expect(accounts.disableUser(null, 'nobody@lulea.se')).rejects.toThrow(/No user/);
      expect([await count('app_user'), await count('membership'), await count('audit_log')]).toEqual(before);
    });

    it('uses a one-time link once: a second use, an expired link and a wrong code are refused', async () => {
      const { user } = await accounts.addUser(null, {
        email: 'link@lulea.se',
        organisationId: '2580',
        role: 'reader',
      });
      const link = await accounts.invitationLink(null, user.id, 'https://x.example');
      const code = link.split('/').pop() as string;
      await expect(accounts.useLink(code, 'invitation', 'password1234', null)).rejects.toThrow(/common/);
      await accounts.useLink(code, 'invitation', 'a sunny day in luleå', null);
      await expect(accounts.useLink(code, 'invitation', 'another long password', null)).rejects.toThrow(
        /not valid/,
      );
      await expect(accounts.useLink('nonsense', 'invitation', 'another long password', null)).rejects.toThrow(
        /not valid/,
      );
      const reset = (await accounts.oneTimeLink(null, user.id, 'reset', '')).split('/').pop() as string;
      await temp.store.db
        .updateTable('account_link')
        .set({ expires_at: new Date(Date.now() - 1).toISOString() })
        .where('purpose', '=', 'reset')
        .execute();
      await expect(accounts.useLink(reset, 'reset', 'another long password', null)).rejects.toThrow(
        /not valid/,
      );
    });
  });
}
