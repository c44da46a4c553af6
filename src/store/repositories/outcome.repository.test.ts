/**
 * The outcome events' store and the own KPIs' rows, on both backends: each read's organisation filter
 * (an empty list reads nothing, no list reads all), pseudonyms written once, the first dates, events
 * replaced per subject, the own KPIs' upsert and their values written, changed and tombstoned.
 */
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { PersonTable } from '../process-schema.js';
import type { KpiTable } from '../schema.js';
import type { OutcomeRepository, OwnValueRow } from './outcome.repository.js';

const AT = '2026-04-01T08:00:00.000Z';

function personRow(id: string, organisation: string, extra: Partial<Insertable<PersonTable>> = {}) {
  return {
    id,
    organisation_id: organisation,
    audit_ref: `ref-${id}`,
    language: 'sv',
    name_sealed: 'sealed',
    contact_sealed: null,
    user_id: null,
    status: 'open' as const,
    restricted: 0,
    created_at: AT,
    closed_at: null,
    ...extra,
  };
}

const event = (subject: string, organisation: string, kind: string, detail = 0) => ({
  subject,
  organisation_id: organisation,
  gender: 'U',
  kind,
  month: '2026-03',
  detail,
});

for (const dialect of DIALECTS) {
  describe(`outcomes and own KPIs on ${dialect}`, () => {
    let temp: TempStore;
    let outcomes: OutcomeRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      outcomes = temp.store.repositories.outcomes;
      const people = temp.store.repositories.people;
      await people.insertPerson(personRow('p2', 'o-a', { gender: 'K' }));
      await people.insertPerson(personRow('p1', 'o-a'));
      await people.insertPerson(personRow('p3', 'o-b', { gender: 'M', outcome_ref: 'kept-ref' }));
    }, 300_000);
    afterAll(() => temp.destroy());

    it('reads people of the organisations asked for, none for an empty list, all for none', async () => {
      expect(await outcomes.people(['o-a'])).toEqual([
        { id: 'p1', organisation_id: 'o-a', gender: null, outcome_ref: null },
        { id: 'p2', organisation_id: 'o-a', gender: 'K', outcome_ref: null },
      ]);
      expect(await outcomes.people([])).toEqual([]);
      expect((await outcomes.people()).map((p) => p.id)).toEqual(['p1', 'p2', 'p3']);
      expect(await outcomes.person('p3')).toEqual({
        id: 'p3',
        organisation_id: 'o-b',
        gender: 'M',
        outcome_ref: 'kept-ref',
      });
      expect(await outcomes.person('nobody')).toBeUndefined();
    });

    it('writes a pseudonym only where none is set', async () => {
      await outcomes.setOutcomeRefs([
        { id: 'p1', ref: 'new-1' },
        { id: 'p3', ref: 'new-3' },
      ]);
      expect((await outcomes.people()).map((p) => [p.id, p.outcome_ref])).toEqual([
        ['p1', 'new-1'],
        ['p2', null],
        ['p3', 'kept-ref'],
      ]);
    });

    it("gives each person's first inventory save and first plan version", async () => {
      const db = temp.store.db;
      const inventory = (person: string, first: string | null, updated: string) =>
        db
          .insertInto('person_inventory')
          .values({
            person_id: person,
            inventory_sealed: 'x',
            updated_at: updated,
            updated_by: 'u',
            first_saved_at: first,
          })
          .execute();
      await inventory('p1', '2026-01-01T00:00:00.000Z', '2026-02-01T00:00:00.000Z');
      await inventory('p2', null, '2026-02-02T00:00:00.000Z');
      await inventory('p3', '2026-01-03T00:00:00.000Z', '2026-02-03T00:00:00.000Z');
      for (const [person, version, at] of [
        ['p1', 2, '2026-01-20T00:00:00.000Z'],
        ['p1', 1, '2026-01-10T00:00:00.000Z'],
        ['p1', 3, '2026-01-30T00:00:00.000Z'],
        ['p3', 1, '2026-01-05T00:00:00.000Z'],
      ] as const)
        await db
          .insertInto('person_plan_version')
          .values({
            person_id: person,
            version,
            plan_sealed: 'x',
            source: 'form',
            saved_at: at,
            saved_by: 'u',
          })
          .execute();
      const dates = await outcomes.firstDates(['p1', 'p2', 'p4']);
      expect(dates).toEqual(
        new Map([
          ['p1', { inventoryAt: '2026-01-01T00:00:00.000Z', planAt: '2026-01-10T00:00:00.000Z' }],
          ['p2', { inventoryAt: '2026-02-02T00:00:00.000Z', planAt: null }],
        ]),
      );
      expect(await outcomes.firstDates([])).toEqual(new Map());
      // A person with a plan but no inventory.
      await db
        .insertInto('person_plan_version')
        .values({
          person_id: 'p5',
          version: 1,
          plan_sealed: 'x',
          source: 'form',
          saved_at: AT,
          saved_by: 'u',
        })
        .execute();
      expect(await outcomes.firstDates(['p5'])).toEqual(new Map([['p5', { inventoryAt: null, planAt: AT }]]));
    });

    it('reads the confirmed ladder steps of the people asked for', async () => {
      for (const [person, level] of [
        ['p1', 1],
        ['p1', 2],
        ['p2', 1],
        ['p3', 3],
      ] as const)
        await temp.store.db
          .insertInto('person_ladder_step')
          .values({
            person_id: person,
            level,
            level_name: `L${level}`,
            ladder_version_id: 1,
            confirmed_by: 'u',
            confirmed_at: `2026-0${level}-01`,
          })
          .execute();
      const steps = await outcomes.ladderSteps(['p1', 'p3']);
      expect(steps.sort((a, b) => a.person_id.localeCompare(b.person_id) || a.level - b.level)).toEqual([
        { person_id: 'p1', level: 1, confirmed_at: '2026-01-01' },
        { person_id: 'p1', level: 2, confirmed_at: '2026-02-01' },
        { person_id: 'p3', level: 3, confirmed_at: '2026-03-01' },
      ]);
      expect(await outcomes.ladderSteps([])).toEqual([]);
    });

    it("replaces the subjects' events, leaving the others, and reads them by organisation", async () => {
      await outcomes.replaceEvents(
        ['s1', 's2'],
        [event('s1', 'o-a', 'case_opened'), event('s2', 'o-b', 'case_opened')],
      );
      await outcomes.replaceEvents(['s3'], [event('s3', 'o-a', 'case_opened')]);
      await outcomes.replaceEvents(
        ['s1'],
        [event('s1', 'o-a', 'level_reached', 2), event('s1', 'o-a', 'case_closed')],
      );
      const key = (e: { subject: string; kind: string; detail: number }) =>
        `${e.subject}:${e.kind}:${e.detail}`;
      expect((await outcomes.events(['o-a'])).map(key).sort()).toEqual([
        's1:case_closed:0',
        's1:level_reached:2',
        's3:case_opened:0',
      ]);
      expect(await outcomes.events([])).toEqual([]);
      expect((await outcomes.events()).map(key).sort()).toEqual([
        's1:case_closed:0',
        's1:level_reached:2',
        's2:case_opened:0',
        's3:case_opened:0',
      ]);
      expect((await outcomes.events(['o-b']))[0]).toEqual(event('s2', 'o-b', 'case_opened'));
      // A subject whose events are all gone.
      await outcomes.replaceEvents(['s2'], []);
      await outcomes.replaceEvents(['s-event-elsewhere'], [event('s9', 'o-0', 'case_opened')]);
      // Sorted: the organisation with events only comes first although it is read last.
      expect(await outcomes.organisationsWithOutcomes()).toEqual(['o-0', 'o-a', 'o-b']);
      // More events than one insert holds (80), each written once.
      const many = Array.from({ length: 81 }, (_, i) => event('s-many', 'o-many', 'step_done', i));
      await outcomes.replaceEvents(['s-many'], many);
      expect((await outcomes.events(['o-many'])).map((e) => e.detail).sort((x, y) => x - y)).toEqual(
        many.map((e) => e.detail),
      );
    });

    it('writes the own KPIs, and on a second write updates their texts and keeps them local', async () => {
      const kpi = (title: string, extra: Partial<Insertable<KpiTable>> = {}): Insertable<KpiTable> => ({
        id: 'L0001',
        title,
        description: 'about',
        is_divided_by_gender: 1,
        municipality_type: 'K',
        auspice: null,
        operating_area: 'Etablering',
        perspective: 'Resultat',
        prel_publication_date: null,
        publication_date: null,
        publ_period: '2026',
        has_ou_data: 0,
        ou_publication_date: null,
        direction: null,
        unit: 'andel',
        origin: 'local',
        ...extra,
      });
      await outcomes.upsertOwnKpis([kpi('first')]);
      await outcomes.upsertOwnKpis([
        kpi('second', {
          description: 'changed',
          is_divided_by_gender: 0,
          municipality_type: 'L',
          operating_area: 'Arbete',
          perspective: 'Process',
          publ_period: '2027',
          unit: 'antal',
        }),
      ]);
      const row = await temp.store.db
        .selectFrom('kpi')
        .selectAll()
        .where('id', '=', 'L0001')
        .executeTakeFirst();
      expect(row).toMatchObject({
        title: 'second',
        description: 'changed',
        is_divided_by_gender: 0,
        municipality_type: 'L',
        operating_area: 'Arbete',
        perspective: 'Process',
        publ_period: '2027',
        unit: 'antal',
        origin: 'local',
      });
      // Fields left out of a later write become empty (or 0), not the earlier value.
      await outcomes.upsertOwnKpis([
        {
          id: 'L0001',
          title: 'third',
          description: null,
          is_divided_by_gender: 0,
          municipality_type: null,
          auspice: null,
          operating_area: null,
          perspective: null,
          prel_publication_date: null,
          publication_date: null,
          publ_period: null,
          has_ou_data: null,
          ou_publication_date: null,
          direction: null,
          unit: null,
          origin: 'local',
        },
      ]);
      await outcomes.upsertOwnKpis([{ ...kpi('fourth'), id: 'L0002' }]);
      await outcomes.upsertOwnKpis([
        { id: 'L0002', title: 'fifth', origin: 'local' } as unknown as Insertable<KpiTable>,
      ]);
      const rows = await temp.store.db
        .selectFrom('kpi')
        .selectAll()
        .where('id', 'in', ['L0001', 'L0002'])
        .orderBy('id')
        .execute();
      for (const r of rows)
        expect(r).toMatchObject({
          description: null,
          is_divided_by_gender: 0,
          municipality_type: null,
          operating_area: null,
          perspective: null,
          publ_period: null,
          unit: null,
          origin: 'local',
        });
      expect(rows.map((r) => r.title)).toEqual(['third', 'fifth']);
    });

    it('writes own values, changes them, tombstones the gone, and reads those not deleted', async () => {
      const v = (
        municipality: string,
        period: number,
        gender: OwnValueRow['gender'],
        value: number | null,
      ): OwnValueRow => ({
        kpi_id: 'L0001',
        municipality_id: municipality,
        period,
        gender,
        value,
        status: '',
      });
      await outcomes.writeValues(
        [v('2580', 2025, 'T', 10), v('2580', 2025, 'K', 4), v('0180', 2025, 'T', 7)],
        [],
        'w1',
      );
      await temp.store.db
        .insertInto('value')
        .values({ ...v('2580', 2025, 'T', 99), kpi_id: 'N0001', count: 1, is_deleted: 0, changed_at: 'x' })
        .execute();
      await outcomes.writeValues(
        [{ ...v('2580', 2025, 'T', 11), status: 'Missing' }],
        [v('2580', 2025, 'K', 4)],
        'w2',
      );
      const sorted = (rows: OwnValueRow[]) =>
        rows.map((r) => `${r.municipality_id}/${r.gender}=${r.value}:${r.status}`).sort();
      expect(sorted(await outcomes.ownValues(['L0001'], ['2580']))).toEqual(['2580/T=11:Missing']);
      expect(sorted(await outcomes.ownValues(['L0001'], ['2580', '0180']))).toEqual([
        '0180/T=7:',
        '2580/T=11:Missing',
      ]);
      expect(await outcomes.ownValues(['L0001'], [])).toEqual([]);
      const stored = await temp.store.db
        .selectFrom('value')
        .select(['gender', 'value', 'count', 'is_deleted', 'changed_at'])
        .where('kpi_id', '=', 'L0001')
        .where('municipality_id', '=', '2580')
        .orderBy('gender')
        .execute();
      expect(stored).toEqual([
        { gender: 'K', value: null, count: 1, is_deleted: 1, changed_at: 'w2' },
        { gender: 'T', value: 11, count: 1, is_deleted: 0, changed_at: 'w2' },
      ]);
      // A tombstoned value written again is live again; another KPI's value is untouched.
      await outcomes.writeValues([v('2580', 2025, 'K', 5)], [], 'w3');
      expect(sorted(await outcomes.ownValues(['L0001'], ['2580']))).toEqual([
        '2580/K=5:',
        '2580/T=11:Missing',
      ]);
      expect(sorted(await outcomes.ownValues(['N0001'], ['2580']))).toEqual(['2580/T=99:']);
      const other = await temp.store.db
        .selectFrom('value')
        .select(['changed_at'])
        .where('kpi_id', '=', 'N0001')
        .execute();
      expect(other).toEqual([{ changed_at: 'x' }]);
    });
  });
}
