/**
 * Process's people tables, on every backend. First which people a case worker's list holds
 * (`peopleFor`): those assigned to them and those lent to them by a temporary access that is still
 * live — not those whose access has ended, nor those of an organisation where they are no case
 * worker. Then each query's filters, order and boundaries (`expires_at > now` at `now` itself), the
 * upserts that keep what they should, and erasure.
 */
import type { Insertable, Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrganisationRow, addSessionRow, addUserRow } from '../../../test/support/account-rows.js';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { PersonTable } from '../process-schema.js';
import type { Database } from '../schema.js';
import { type PERSON_TABLES, PeopleRepository } from './people.repository.js';

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

const T = (minute: number) => `2026-06-01T12:${String(minute).padStart(2, '0')}:00.000Z`;

function personRow(id: string, extra: Partial<Insertable<PersonTable>> = {}): Insertable<PersonTable> {
  return {
    id,
    organisation_id: '2580',
    audit_ref: `ref-${id}`,
    language: 'sv',
    name_sealed: `name-${id}`,
    contact_sealed: null,
    user_id: null,
    status: 'open',
    restricted: 0,
    created_at: NOW,
    closed_at: null,
    ...extra,
  };
}

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

for (const dialect of DIALECTS) {
  describe(`the people repository's rows (${dialect})`, () => {
    let temp: TempStore;
    let people: PeopleRepository;
    let db: Kysely<Database>;

    const grant = (person: string, user: string, expiresAt: string, reason = `reason-${person}`) =>
      people.insertGrant({
        person_id: person,
        user_id: user,
        reason_sealed: reason,
        granted_by: 'user-admin',
        granted_at: T(0),
        expires_at: expiresAt,
      });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      db = temp.store.db;
      people = new PeopleRepository(db);
    }, 300_000);
    afterAll(async () => {
      await temp?.destroy();
    });

    it('reads, inserts and updates one person by id', async () => {
      await people.insertPerson(personRow('p-a'));
      await people.insertPerson(personRow('p-b'));
      await people.updatePerson('p-a', { status: 'closed', closed_at: T(5), restricted: 1 });
      expect(await people.person('p-a')).toMatchObject({
        id: 'p-a',
        status: 'closed',
        closed_at: T(5),
        restricted: 1,
      });
      expect(await people.person('p-b')).toMatchObject({
        id: 'p-b',
        status: 'open',
        closed_at: null,
        restricted: 0,
      });
      expect(await people.person('p-none')).toBeUndefined();
    });

    it('replaces case workers: removes the gone, adds the new, keeps the kept with their date', async () => {
      await people.replaceCaseworkers('cw-p', ['u1'], T(1));
      await people.replaceCaseworkers('cw-p', ['u1', 'u2'], T(2));
      await people.replaceCaseworkers('cw-other', ['u1', 'u3'], T(1));
      expect(await people.caseworkers('cw-p')).toEqual([
        { person_id: 'cw-p', user_id: 'u1', assigned_at: T(1) },
        { person_id: 'cw-p', user_id: 'u2', assigned_at: T(2) },
      ]);
      await people.replaceCaseworkers('cw-p', ['u4', 'u2'], T(3));
      // Ordered by the time assigned: u2 kept from minute 2, u4 added at minute 3; u1 gone.
      expect(await people.caseworkers('cw-p')).toEqual([
        { person_id: 'cw-p', user_id: 'u2', assigned_at: T(2) },
        { person_id: 'cw-p', user_id: 'u4', assigned_at: T(3) },
      ]);
      // Another person's case workers are untouched, u1 included.
      expect((await people.caseworkers('cw-other')).map((c) => c.user_id).sort()).toEqual(['u1', 'u3']);
      await people.replaceCaseworkers('cw-p', [], T(4));
      expect(await people.caseworkers('cw-p')).toEqual([]);
      expect((await people.caseworkers('cw-other')).map((c) => c.user_id).sort()).toEqual(['u1', 'u3']);
    });

    it("gives the user's live grants for the person: not ended ones, not another user's or person's", async () => {
      await grant('g-p', 'u-g', T(31), 'later');
      await grant('g-p', 'u-g', T(30), 'at-now');
      await grant('g-p', 'u-g', T(29), 'ended');
      await grant('g-p', 'u-other', T(40), 'other-user');
      await grant('g-other', 'u-g', T(40), 'other-person');
      const live = await people.liveGrants('g-p', 'u-g', T(30));
      expect(live.map((g) => g.reason_sealed)).toEqual(['later']);
      expect(live[0]).toMatchObject({
        person_id: 'g-p',
        user_id: 'u-g',
        granted_by: 'user-admin',
        expires_at: T(31),
      });
      expect((await people.liveGrants('g-p', 'u-g', T(28))).map((g) => g.reason_sealed).sort()).toEqual([
        'at-now',
        'ended',
        'later',
      ]);
      // Every grant of the person, in the order given.
      expect((await people.grants('g-p')).map((g) => g.reason_sealed)).toEqual([
        'later',
        'at-now',
        'ended',
        'other-user',
      ]);
    });

    it("lists a person's consents in the order recorded", async () => {
      for (const [person, version] of [
        ['c-p', 'v2'],
        ['c-other', 'v9'],
        ['c-p', 'v1'],
      ])
        await people.insertConsent({
          person_id: person as string,
          text_version: version as string,
          language: 'sv',
          legal_basis: 'consent',
          acknowledged_at: T(1),
          recorded_by: 'u1',
        });
      expect((await people.consents('c-p')).map((c) => c.text_version)).toEqual(['v2', 'v1']);
    });

    it('keeps the first save of an inventory and updates the rest', async () => {
      expect(await people.inventory('i-p')).toBeUndefined();
      await people.saveInventory({
        person_id: 'i-p',
        inventory_sealed: 'first',
        updated_at: T(1),
        updated_by: 'u1',
        first_saved_at: null,
      });
      await people.saveInventory({
        person_id: 'i-other',
        inventory_sealed: 'other',
        updated_at: T(9),
        updated_by: 'u9',
        first_saved_at: T(0),
      });
      expect(await people.inventory('i-p')).toEqual({
        person_id: 'i-p',
        inventory_sealed: 'first',
        updated_at: T(1),
        updated_by: 'u1',
        first_saved_at: T(1),
      });
      await people.saveInventory({
        person_id: 'i-p',
        inventory_sealed: 'second',
        updated_at: T(2),
        updated_by: 'u2',
        first_saved_at: null,
      });
      expect(await people.inventory('i-p')).toEqual({
        person_id: 'i-p',
        inventory_sealed: 'second',
        updated_at: T(2),
        updated_by: 'u2',
        first_saved_at: T(1),
      });
      expect(await people.inventory('i-other')).toMatchObject({
        inventory_sealed: 'other',
        first_saved_at: T(0),
      });
    });

    it('finds an active member of the organisation by id or e-mail (any case), with the role', async () => {
      await addOrganisationRow(temp.store, 'org-m');
      await addOrganisationRow(temp.store, 'org-n');
      await addUserRow(temp.store, 'anna@example.se', [['org-m', 'caseworker']]);
      await addUserRow(temp.store, 'bo@example.se', [['org-n', 'caseworker']]);
      await addUserRow(temp.store, 'cai@example.se', [['org-m', 'caseworker']], { status: 'disabled' });
      const anna = { user_id: 'anna', email: 'anna@example.se', role: 'caseworker' };
      expect(await people.memberOf('org-m', 'anna')).toEqual(anna);
      expect(await people.memberOf('org-m', 'Anna@Example.SE')).toEqual(anna);
      expect(await people.memberOf('org-m', 'bo')).toBeUndefined();
      expect(await people.memberOf('org-m', 'bo@example.se')).toBeUndefined();
      expect(await people.memberOf('org-m', 'cai')).toBeUndefined();
      expect(await people.memberOf('org-m', 'nobody')).toBeUndefined();
      expect(await people.emails(['anna', 'bo', 'nobody'])).toEqual(
        new Map([
          ['anna', 'anna@example.se'],
          ['bo', 'bo@example.se'],
        ]),
      );
      expect(await people.emails([])).toEqual(new Map());
    });

    it('lists people newest first, an admin organisation whole beside a case worker organisation', async () => {
      await people.insertPerson(personRow('pf-admin-old', { organisation_id: 'pf-a', created_at: T(1) }));
      await people.insertPerson(personRow('pf-admin-new', { organisation_id: 'pf-a', created_at: T(3) }));
      await people.insertPerson(personRow('pf-cw-assigned', { organisation_id: 'pf-c', created_at: T(2) }));
      await people.insertPerson(personRow('pf-cw-lent', { organisation_id: 'pf-c', created_at: T(4) }));
      await people.insertPerson(personRow('pf-cw-others', { organisation_id: 'pf-c', created_at: T(5) }));
      await people.insertPerson(personRow('pf-elsewhere', { organisation_id: 'pf-x', created_at: T(6) }));
      await people.replaceCaseworkers('pf-cw-assigned', ['pf-u'], T(0));
      await people.replaceCaseworkers('pf-cw-others', ['pf-someone'], T(0));
      await people.replaceCaseworkers('pf-elsewhere', ['pf-u'], T(0));
      await grant('pf-cw-lent', 'pf-u', T(59));
      await grant('pf-cw-others', 'pf-someone', T(59));
      expect(ids(await people.peopleFor(['pf-a'], ['pf-c'], 'pf-u', T(30)))).toEqual([
        'pf-cw-lent',
        'pf-admin-new',
        'pf-cw-assigned',
        'pf-admin-old',
      ]);
      expect(ids(await people.peopleFor(['pf-a'], [], 'pf-u', T(30)))).toEqual([
        'pf-admin-new',
        'pf-admin-old',
      ]);
      expect(ids(await people.peopleFor([], ['pf-c'], 'pf-u', T(30)))).toEqual([
        'pf-cw-lent',
        'pf-cw-assigned',
      ]);
      expect(await people.peopleFor([], [], 'pf-u', T(30))).toEqual([]);
    });

    it('gives the caseload: open people assigned to the user in the organisations, oldest first', async () => {
      await people.insertPerson(personRow('cl-new', { organisation_id: 'cl-a', created_at: T(3) }));
      await people.insertPerson(personRow('cl-old', { organisation_id: 'cl-b', created_at: T(1) }));
      await people.insertPerson(
        personRow('cl-closed', { organisation_id: 'cl-a', created_at: T(2), status: 'closed' }),
      );
      await people.insertPerson(personRow('cl-elsewhere', { organisation_id: 'cl-x', created_at: T(2) }));
      await people.insertPerson(personRow('cl-others', { organisation_id: 'cl-a', created_at: T(2) }));
      for (const p of ['cl-new', 'cl-old', 'cl-closed', 'cl-elsewhere'])
        await people.replaceCaseworkers(p, ['cl-u'], T(0));
      await people.replaceCaseworkers('cl-others', ['cl-v'], T(0));
      expect(ids(await people.assignedTo('cl-u', ['cl-a', 'cl-b']))).toEqual(['cl-old', 'cl-new']);
      expect(await people.assignedTo('cl-u', [])).toEqual([]);
      expect(ids(await people.openPeopleOf('cl-a'))).toEqual(['cl-others', 'cl-new']);
    });

    it('gives the people lent to the user: live, open, in the organisations, not assigned, with the longest grant', async () => {
      await people.insertPerson(personRow('ln-two', { organisation_id: 'ln-a', created_at: T(2) }));
      await people.insertPerson(personRow('ln-one', { organisation_id: 'ln-a', created_at: T(1) }));
      await people.insertPerson(personRow('ln-ended', { organisation_id: 'ln-a', created_at: T(1) }));
      await people.insertPerson(
        personRow('ln-closed', { organisation_id: 'ln-a', created_at: T(1), status: 'closed' }),
      );
      await people.insertPerson(personRow('ln-elsewhere', { organisation_id: 'ln-x', created_at: T(1) }));
      await people.insertPerson(personRow('ln-assigned', { organisation_id: 'ln-a', created_at: T(1) }));
      await people.insertPerson(personRow('ln-others', { organisation_id: 'ln-a', created_at: T(1) }));
      await people.insertPerson(personRow('ln-unlent', { organisation_id: 'ln-a', created_at: T(1) }));
      // Inserted longest first, so only the order by expiry makes the longest win.
      await grant('ln-two', 'ln-u', T(50), 'long');
      await grant('ln-two', 'ln-u', T(40), 'short');
      await grant('ln-one', 'ln-u', T(31), 'one');
      await grant('ln-ended', 'ln-u', T(30), 'ended');
      await grant('ln-closed', 'ln-u', T(45));
      await grant('ln-elsewhere', 'ln-u', T(45));
      await grant('ln-assigned', 'ln-u', T(45));
      await grant('ln-others', 'ln-v', T(45));
      await people.replaceCaseworkers('ln-assigned', ['ln-u'], T(0));
      await people.replaceCaseworkers('ln-unlent', ['ln-v'], T(0));
      const lent = await people.lentTo('ln-u', ['ln-a'], T(30));
      expect(lent.map((p) => [p.id, p.lent_until, p.grant_reason_sealed])).toEqual([
        ['ln-one', T(31), 'one'],
        ['ln-two', T(50), 'long'],
      ]);
      expect(lent[0]).toMatchObject({ organisation_id: 'ln-a', name_sealed: 'name-ln-one', status: 'open' });
      expect(await people.lentTo('ln-u', [], T(30))).toEqual([]);
      expect(await people.lentTo('ln-nobody', ['ln-a'], T(30))).toEqual([]);
      expect(await people.lentTo('ln-u', ['ln-a'], T(50))).toEqual([]);
    });

    it("finds the person of a newcomer's account", async () => {
      await people.insertPerson(personRow('ou-p', { user_id: 'ou-user' }));
      expect((await people.personOfUser('ou-user'))?.id).toBe('ou-p');
      expect(await people.personOfUser('ou-nobody')).toBeUndefined();
    });

    it('writes a section once per person and updates who changed it and what', async () => {
      const section = {
        person_id: 's-p',
        section: 'work',
        updated_at: T(1),
        updated_by: 'u1',
        by_person: 0,
        changed_fields: '["a"]',
      };
      await people.saveSection(section);
      await people.saveSection({ ...section, section: 'language' });
      await people.saveSection({ ...section, person_id: 's-other' });
      await people.saveSection({
        ...section,
        updated_at: T(2),
        updated_by: 'u2',
        by_person: 1,
        changed_fields: '["b"]',
      });
      const rows = await people.sections('s-p');
      expect(rows.sort((a, b) => a.section.localeCompare(b.section))).toEqual([
        { ...section, section: 'language' },
        { ...section, updated_at: T(2), updated_by: 'u2', by_person: 1, changed_fields: '["b"]' },
      ]);
    });

    it('takes a live, unused access code once; not an unknown, used or expired one', async () => {
      const code = (
        hash: string,
        person: string,
        createdAt: string,
        expiresAt: string,
        usedAt: string | null = null,
      ) =>
        people.insertAccessCode({
          code_hash: hash,
          person_id: person,
          created_by: 'u1',
          created_at: createdAt,
          expires_at: expiresAt,
          used_at: usedAt,
        });
      await code('h-live', 'ac-p', T(2), T(31));
      await code('h-at-now', 'ac-p', T(1), T(30));
      await code('h-used', 'ac-p', T(3), T(40), T(5));
      await code('h-other', 'ac-other', T(0), T(40));
      expect((await people.accessCodes('ac-p')).map((c) => c.code_hash)).toEqual([
        'h-at-now',
        'h-live',
        'h-used',
      ]);
      expect(await people.takeAccessCode('h-unknown', T(30))).toBeUndefined();
      expect(await people.takeAccessCode('h-used', T(30))).toBeUndefined();
      expect(await people.takeAccessCode('h-at-now', T(30))).toBeUndefined();
      expect(await people.takeAccessCode('h-live', T(30))).toEqual({
        code_hash: 'h-live',
        person_id: 'ac-p',
        created_by: 'u1',
        created_at: T(2),
        expires_at: T(31),
        used_at: null,
      });
      expect(await people.takeAccessCode('h-live', T(30))).toBeUndefined();
      const after = new Map((await people.accessCodes('ac-p')).map((c) => [c.code_hash, c.used_at]));
      expect(after).toEqual(
        new Map([
          ['h-at-now', null],
          ['h-live', T(30)],
          ['h-used', T(5)],
        ]),
      );
      expect((await people.accessCodes('ac-other'))[0]?.used_at).toBeNull();
    });

    it('gives a code taken twice at once to one taker only', async () => {
      await people.insertAccessCode({
        code_hash: 'h-race',
        person_id: 'ac-race',
        created_by: 'u1',
        created_at: T(1),
        expires_at: T(59),
        used_at: null,
      });
      // Both reads may see the code unused; only the update that finds it unused may hand it out.
      const takes = await Promise.all([
        people.takeAccessCode('h-race', T(30)),
        people.takeAccessCode('h-race', T(31)),
      ]);
      expect(takes.filter((t) => t !== undefined).map((t) => t?.code_hash)).toEqual(['h-race']);
    });

    it("lists a person's match decisions in the order made", async () => {
      for (const [person, target] of [
        ['md-p', 't2'],
        ['md-other', 't9'],
        ['md-p', 't1'],
      ])
        await db
          .insertInto('match_decision')
          .values({
            person_id: person as string,
            kind: 'job',
            target_id: target as string,
            action: 'hide',
            reason_sealed: null,
            decided_by: 'u1',
            decided_at: T(1),
          })
          .execute();
      expect((await people.matchDecisions('md-p')).map((d) => d.target_id)).toEqual(['t2', 't1']);
    });

    it("keeps an organisation's Process settings, each change leaving the others", async () => {
      expect(await people.setting('st-a')).toBeUndefined();
      expect(await people.hiddenSections('st-a')).toEqual([]);
      expect(await people.healthBasis('st-a')).toBeNull();
      expect(await people.retentionDays('st-a')).toBe(730);
      expect(await people.legalBasis('st-a')).toBeNull();
      expect(await people.retentionAction('st-a')).toBe('erase');
      await people.setSetting('st-a', { hidden_sections: '["health","work"]' });
      expect(await people.setting('st-a')).toEqual({
        hidden_sections: '["health","work"]',
        health_basis: null,
      });
      expect(await people.retentionDays('st-a')).toBe(730);
      await people.setSetting('st-a', { health_basis: 'art. 9.2 g' });
      expect(await people.hiddenSections('st-a')).toEqual(['health', 'work']);
      expect(await people.healthBasis('st-a')).toBe('art. 9.2 g');
      await people.setLegalBasis('st-a', 'public task');
      await people.setRetentionDays('st-a', 365);
      await people.setRetentionAction('st-a', 'pseudonymise');
      await people.setLegalBasis('st-a', 'public task, SFS 2017:584');
      expect(await people.legalBasis('st-a')).toBe('public task, SFS 2017:584');
      expect(await people.retentionDays('st-a')).toBe(365);
      expect(await people.retentionAction('st-a')).toBe('pseudonymise');
      expect(await people.setting('st-a')).toEqual({
        hidden_sections: '["health","work"]',
        health_basis: 'art. 9.2 g',
      });
      await people.setSetting('st-a', { hidden_sections: null });
      expect(await people.hiddenSections('st-a')).toEqual([]);
      // Each setter alone makes the row, with the default retention period.
      await people.setLegalBasis('st-b', 'consent');
      await people.setRetentionAction('st-c', 'pseudonymise');
      await people.setRetentionDays('st-d', 90);
      await people.setSetting('st-e', { health_basis: 'x' });
      expect([
        await people.retentionDays('st-b'),
        await people.retentionDays('st-c'),
        await people.retentionDays('st-d'),
        await people.retentionDays('st-e'),
      ]).toEqual([730, 730, 90, 730]);
      expect([
        await people.legalBasis('st-b'),
        await people.retentionAction('st-c'),
        await people.legalBasis('st-d'),
      ]).toEqual(['consent', 'pseudonymise', null]);
      expect(await people.retentionAction('st-b')).toBe('erase');
    });

    it('lists closed cases with their closing time and the settings of their organisation', async () => {
      await people.insertPerson(
        personRow('cc-set', { organisation_id: 'cc-a', status: 'closed', closed_at: T(1) }),
      );
      await people.insertPerson(
        personRow('cc-default', { organisation_id: 'cc-b', status: 'closed', closed_at: T(2) }),
      );
      await people.insertPerson(personRow('cc-open', { organisation_id: 'cc-a' }));
      await people.insertPerson(personRow('cc-undated', { organisation_id: 'cc-a', status: 'closed' }));
      await people.setRetentionDays('cc-a', 100);
      await people.setRetentionAction('cc-a', 'pseudonymise');
      const cases = (await people.closedCases()).filter((c) => c.id.startsWith('cc-'));
      expect(cases.sort((a, b) => a.id.localeCompare(b.id))).toEqual([
        {
          id: 'cc-default',
          organisation_id: 'cc-b',
          closed_at: T(2),
          retention_days: null,
          retention_action: null,
        },
        {
          id: 'cc-set',
          organisation_id: 'cc-a',
          closed_at: T(1),
          retention_days: 100,
          retention_action: 'pseudonymise',
        },
      ]);
    });

    it('writes outcomes, and nothing for none', async () => {
      await people.insertOutcomes([]);
      await people.insertOutcomes([
        {
          id: 'o1',
          organisation_id: 'oc-a',
          subject: 's1',
          event: 'case_opened',
          detail: null,
          month: '2026-05',
        },
        {
          id: 'o2',
          organisation_id: 'oc-a',
          subject: 's1',
          event: 'step_done',
          detail: 'course',
          month: '2026-06',
        },
      ]);
      const rows = await db
        .selectFrom('person_outcome')
        .selectAll()
        .where('organisation_id', '=', 'oc-a')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.id, r.event, r.detail, r.month])).toEqual([
        ['o1', 'case_opened', null, '2026-05'],
        ['o2', 'step_done', 'course', '2026-06'],
      ]);
    });

    it("erases a person's rows in every table and their newcomer account, not a real user's account", async () => {
      await addOrganisationRow(temp.store, 'er-org');
      const newcomer = await addUserRow(temp.store, 'er-newcomer@newcomer.invalid', [['er-org', 'newcomer']]);
      await addSessionRow(temp.store, newcomer);
      const staff = await addUserRow(temp.store, 'er-staff@example.se', [['er-org', 'caseworker']]);
      await addSessionRow(temp.store, staff);
      await people.insertPerson(personRow('er-p', { user_id: newcomer }));
      await people.insertPerson(personRow('er-q', { user_id: staff }));
      await people.insertPerson(personRow('er-keep'));
      for (const person of ['er-p', 'er-q', 'er-keep']) {
        await people.replaceCaseworkers(person, ['u1'], T(0));
        await grant(person, 'u1', T(59));
        await people.saveInventory({
          person_id: person,
          inventory_sealed: 'x',
          updated_at: T(1),
          updated_by: 'u1',
          first_saved_at: null,
        });
        await people.saveSection({
          person_id: person,
          section: 'work',
          updated_at: T(1),
          updated_by: 'u1',
          by_person: 0,
          changed_fields: '[]',
        });
        await people.insertConsent({
          person_id: person,
          text_version: 'v1',
          language: 'sv',
          legal_basis: 'b',
          acknowledged_at: T(1),
          recorded_by: 'u1',
        });
      }
      const countOf = async (table: (typeof PERSON_TABLES)[number], person: string) =>
        Number(
          (
            await db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('person_id', '=', person)
              .executeTakeFirstOrThrow()
          ).n,
        );
      await people.erase('er-p');
      await people.erase('er-q');
      expect(await people.person('er-p')).toBeUndefined();
      expect(await people.person('er-q')).toBeUndefined();
      expect(await people.person('er-keep')).toBeDefined();
      for (const table of [
        'person_caseworker',
        'person_access_grant',
        'person_consent',
        'person_inventory',
        'person_inventory_section',
      ] as const) {
        expect([table, await countOf(table, 'er-p'), await countOf(table, 'er-q')]).toEqual([table, 0, 0]);
        expect([table, await countOf(table, 'er-keep')]).toEqual([table, 1]);
      }
      const userIds = (
        await db.selectFrom('app_user').select('id').where('id', 'in', [newcomer, staff]).execute()
      ).map((u) => u.id);
      expect(userIds).toEqual([staff]);
      const sessions = await db
        .selectFrom('user_session')
        .select('user_id')
        .where('user_id', 'in', [newcomer, staff])
        .execute();
      expect(sessions.map((s) => s.user_id)).toEqual([staff]);
      const members = await db
        .selectFrom('membership')
        .select('user_id')
        .where('user_id', 'in', [newcomer, staff])
        .execute();
      expect(members.map((m) => m.user_id)).toEqual([staff]);
      // A person whose account is gone already, one without an account, and one unknown, erase without error.
      await people.insertPerson(personRow('er-gone-account', { user_id: 'er-no-such-user' }));
      await people.erase('er-gone-account');
      expect(await people.person('er-gone-account')).toBeUndefined();
      await people.erase('er-keep');
      await people.erase('er-unknown');
      expect(await people.person('er-keep')).toBeUndefined();
    });
  });
}
