/**
 * The restriction flag as matching and the ladder ask for it, on real stores: a restricted person, an
 * open one and an id that does not exist (nothing may be proposed for it either).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { AccountService } from '../../../accounts/account.service.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { isProcessingRestricted, ProcessingRestrictedError, restrictedPeople } from './restriction.js';

for (const dialect of DIALECTS) {
  describe(`the restriction flag (${dialect})`, () => {
    let temp: TempStore;
    const open = 'person-open';
    const restricted = 'person-restricted';
    const lifted = 'person-lifted';

    // On the repositories, without the app (mutation testing reruns this for every mutant).
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await new AccountService(temp.store.repositories).addOrganisation(null, {
        id: '2580',
        name: 'Luleå kommun',
      });
      const people = new PeopleRepository(temp.store.db);
      for (const [id, flag] of [
        [open, 0],
        [restricted, 1],
        [lifted, 1],
      ] as const)
        await people.insertPerson({
          id,
          organisation_id: '2580',
          audit_ref: `ref-${id}`,
          language: 'sv',
          name_sealed: 'sealed-name',
          contact_sealed: null,
          user_id: null,
          status: 'open',
          restricted: flag,
          created_at: new Date().toISOString(),
          closed_at: null,
        });
      await people.updatePerson(lifted, { restricted: 0 });
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('answers per person: restricted, or no such person, is true; open or lifted is false', async () => {
      expect(await isProcessingRestricted(temp.store.db, restricted)).toBe(true);
      expect(await isProcessingRestricted(temp.store.db, 'no-such-person')).toBe(true);
      expect(await isProcessingRestricted(temp.store.db, open)).toBe(false);
      expect(await isProcessingRestricted(temp.store.db, lifted)).toBe(false);
    });

    it('picks the restricted and the missing out of a batch, and nothing out of none', async () => {
      const batch = [open, restricted, 'no-such-person', lifted];
      expect([...(await restrictedPeople(temp.store.db, batch))].sort()).toEqual(
        ['no-such-person', restricted].sort(),
      );
      expect([...(await restrictedPeople(temp.store.db, [open, lifted]))]).toEqual([]);
      expect([...(await restrictedPeople(temp.store.db, []))]).toEqual([]);
    });

    it('refuses a proposal with 409 and says why', () => {
      const error = new ProcessingRestrictedError();
      expect(error).toMatchObject({
        statusCode: 409,
        message: 'The person has objected to or restricted the processing of their data: nothing is proposed',
      });
    });
  });
}
