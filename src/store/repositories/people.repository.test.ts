/**
 * Which people a case worker's list holds (`peopleFor`), on every backend: those assigned to them and
 * those lent to them by a temporary access that is still live — not those whose access has ended,
 * nor those of an organisation where they are no case worker.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { PeopleRepository } from './people.repository.js';

const NOW = '2026-06-01T12:00:00.000Z';
const CASEWORKER = 'user-caseworker';

for (const dialect of DIALECTS) {
  describe(`the people a case worker lists (${dialect})`, () => {
    let temp: TempStore;
    let people: PeopleRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      people = new PeopleRepository(temp.store.db);
      for (const [id, organisation] of [
        ['assigned', '2580'],
        ['lent-live', '2580'],
        ['lent-ended', '2580'],
        ['unrelated', '2580'],
        ['other-organisation', '0180'],
      ] as const)
        await people.insertPerson({
          id,
          organisation_id: organisation,
          audit_ref: `ref-${id}`,
          language: 'sv',
          name_sealed: 'sealed-name',
          contact_sealed: null,
          user_id: null,
          status: 'open',
          restricted: 0,
          created_at: NOW,
          closed_at: null,
        });
      await people.replaceCaseworkers('assigned', [CASEWORKER], NOW);
      const grant = (person: string, expiresAt: string) =>
        people.insertGrant({
          person_id: person,
          user_id: CASEWORKER,
          reason_sealed: 'sealed-reason',
          granted_by: 'user-admin',
          granted_at: '2026-05-01T12:00:00.000Z',
          expires_at: expiresAt,
        });
      await grant('lent-live', '2026-06-01T13:00:00.000Z');
      await grant('lent-ended', '2026-06-01T11:59:59.000Z');
      await grant('other-organisation', '2026-06-02T12:00:00.000Z');
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('lists the assigned and the live-lent people of the organisation, not an ended loan', async () => {
      const listed = await people.peopleFor([], ['2580'], CASEWORKER, NOW);
      expect(listed.map((p) => p.id).sort()).toEqual(['assigned', 'lent-live']);
      // An hour later the live loan has ended too.
      const later = await people.peopleFor([], ['2580'], CASEWORKER, '2026-06-01T13:00:00.000Z');
      expect(later.map((p) => p.id)).toEqual(['assigned']);
    });

    it('lists every person of the organisations a Process admin runs', async () => {
      const listed = await people.peopleFor(['2580'], [], 'user-admin', NOW);
      expect(listed.map((p) => p.id).sort()).toEqual(['assigned', 'lent-ended', 'lent-live', 'unrelated']);
    });
  });
}
