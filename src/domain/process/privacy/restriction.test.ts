/**
 * The restriction flag as matching and the ladder ask for it, on real stores: a restricted person, an
 * open one and an id that does not exist (nothing may be proposed for it either).
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { api, type ProcessUsers, startProcessApp } from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { isProcessingRestricted, ProcessingRestrictedError, restrictedPeople } from './restriction.js';

for (const dialect of DIALECTS) {
  describe(`the restriction flag (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: ProcessUsers;
    let open: string;
    let restricted: string;
    let lifted: string;

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      const cw = api(app, users.caseworker.token);
      const create = async (name: string) =>
        (await cw('POST', '/api/people', { organisation: '2580', name, language: 'sv' })).json().id as string;
      open = await create('Open');
      restricted = await create('Restricted');
      lifted = await create('Lifted');
      for (const [id, flag] of [
        [restricted, true],
        [lifted, true],
        [lifted, false],
      ] as const)
        expect((await cw('PUT', `/api/people/${id}/restriction`, { restricted: flag })).statusCode).toBe(200);
      // A ceiling, not a timing: under mutation testing on a loaded machine the setup (migrations, seven
      // password hashes) took over a minute.
    }, 300_000);
    afterAll(async () => {
      await app?.close();
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
