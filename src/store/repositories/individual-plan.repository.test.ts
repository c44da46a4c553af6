/**
 * The individual plan's store, on both backends: plan versions (latest, one, all, the latest of many
 * across the 500-id chunks), guidance notes and their due follow-ups (on the day due, not done, of the
 * people asked for), the highest ladder level, the organisation's notes setting, ladders and steps.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { IndividualPlanRepository, NoteRow } from './individual-plan.repository.js';

const version = (person: string, n: number) => ({
  person_id: person,
  version: n,
  plan_sealed: `plan ${person} v${n}`,
  source: 'form',
  saved_at: `2026-02-0${n}T10:00:00.000Z`,
  saved_by: 'u1',
});

const note = (id: string, person: string, at: string, extra: Partial<NoteRow> = {}): NoteRow => ({
  id,
  person_id: person,
  text_sealed: `text ${id}`,
  author: 'u1',
  at,
  follow_up_on: null,
  follow_up_done_at: null,
  ...extra,
});

for (const dialect of DIALECTS) {
  describe(`individual plans on ${dialect}`, () => {
    let temp: TempStore;
    let plans: IndividualPlanRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      plans = temp.store.repositories.individualPlans;
    }, 300_000);
    afterAll(() => temp.destroy());

    it("reads a person's plan versions: the latest, one by number, all oldest first", async () => {
      for (const [person, n] of [
        ['a', 2],
        ['a', 3],
        ['a', 1],
        ['b', 1],
      ] as const)
        await plans.insertVersion(version(person, n));
      expect(await plans.latest('a')).toEqual({ id: expect.any(Number), ...version('a', 3) });
      expect(await plans.latest('nobody')).toBeUndefined();
      expect((await plans.version('a', 2))?.plan_sealed).toBe('plan a v2');
      expect(await plans.version('a', 4)).toBeUndefined();
      expect(await plans.version('b', 2)).toBeUndefined();
      expect((await plans.versions('a')).map((v) => v.version)).toEqual([1, 2, 3]);
      expect((await plans.versions('b')).map((v) => v.plan_sealed)).toEqual(['plan b v1']);
    });

    it('gives the latest version of each person asked for, past a chunk of 500 ids', async () => {
      const many = Array.from({ length: 501 }, (_, i) => `many-${String(i).padStart(3, '0')}`);
      await plans.insertVersion(version('many-500', 1));
      await plans.insertVersion(version('many-500', 2));
      await plans.insertVersion(version('many-000', 1));
      const latest = await plans.latestOf(['a', 'b', 'c', ...many]);
      expect(latest.map((v) => `${v.person_id}:${v.version}`).sort()).toEqual([
        'a:3',
        'b:1',
        'many-000:1',
        'many-500:2',
      ]);
      expect(await plans.latestOf([])).toEqual([]);
    });

    it("lists a person's notes newest first (ties by id) and marks a follow-up done", async () => {
      await plans.insertNote(note('n2', 'p', '2026-03-01T10:00:00.000Z'));
      await plans.insertNote(note('n1', 'p', '2026-03-01T10:00:00.000Z'));
      await plans.insertNote(note('n3', 'p', '2026-03-02T10:00:00.000Z', { follow_up_on: '2026-03-10' }));
      await plans.insertNote(note('n4', 'q', '2026-03-03T10:00:00.000Z', { follow_up_on: '2026-03-10' }));
      expect((await plans.notes('p')).map((n) => n.id)).toEqual(['n3', 'n1', 'n2']);
      expect(await plans.note('p', 'n3')).toEqual(
        note('n3', 'p', '2026-03-02T10:00:00.000Z', { follow_up_on: '2026-03-10' }),
      );
      expect(await plans.note('p', 'n4')).toBeUndefined();
      await plans.markFollowUpDone('n3', '2026-03-09T08:00:00.000Z');
      expect((await plans.note('p', 'n3'))?.follow_up_done_at).toBe('2026-03-09T08:00:00.000Z');
      expect((await plans.note('q', 'n4'))?.follow_up_done_at).toBeNull();
    });

    it('gives the open follow-ups due on or before the day, of the people asked for, earliest first', async () => {
      const at = '2026-04-01T10:00:00.000Z';
      await plans.insertNote(note('d-late', 'd1', at, { follow_up_on: '2026-04-10' }));
      await plans.insertNote(note('d-on-day', 'd1', at, { follow_up_on: '2026-04-09' }));
      await plans.insertNote(note('d-early', 'd2', at, { follow_up_on: '2026-04-02' }));
      await plans.insertNote(note('d-done', 'd2', at, { follow_up_on: '2026-04-02', follow_up_done_at: at }));
      await plans.insertNote(note('d-none', 'd2', at));
      await plans.insertNote(note('d-other', 'd3', at, { follow_up_on: '2026-04-02' }));
      // The 501st id falls in a second chunk.
      const filler = Array.from({ length: 500 }, (_, i) => `filler-${i}`);
      expect(await plans.dueFollowUps([...filler, 'd1', 'd2'], '2026-04-09')).toEqual([
        { id: 'd-early', person_id: 'd2', follow_up_on: '2026-04-02', author: 'u1', at },
        { id: 'd-on-day', person_id: 'd1', follow_up_on: '2026-04-09', author: 'u1', at },
      ]);
      expect(await plans.dueFollowUps([], '2026-04-09')).toEqual([]);
    });

    it('gives the highest confirmed ladder level of each person with one, and the steps in order', async () => {
      const step = (person: string, level: number) => ({
        person_id: person,
        level,
        level_name: `L${level}`,
        ladder_version_id: 1,
        confirmed_by: 'u1',
        confirmed_at: `2026-05-0${level}T00:00:00.000Z`,
      });
      await plans.insertLadderStep(step('l1', 2));
      await plans.insertLadderStep(step('l1', 3));
      await plans.insertLadderStep(step('l1', 1));
      await plans.insertLadderStep(step('l2', 1));
      const filler = Array.from({ length: 500 }, (_, i) => `filler-${i}`);
      expect(await plans.ladderLevels([...filler, 'l1', 'l3'])).toEqual(new Map([['l1', 3]]));
      expect(await plans.ladderLevels(['l1', 'l2'])).toEqual(
        new Map([
          ['l1', 3],
          ['l2', 1],
        ]),
      );
      expect(await plans.ladderLevels([])).toEqual(new Map());
      const steps = await plans.ladderSteps('l1');
      expect(steps.map((s) => s.level)).toEqual([1, 2, 3]);
      expect(steps[0]).toEqual({ id: expect.any(Number), ...step('l1', 1) });
    });

    it("keeps the organisation's choice to show notes to the person", async () => {
      expect(await plans.notesToPerson('o1')).toBe(false);
      await plans.setNotesToPerson('o1', true);
      await plans.setNotesToPerson('o2', false);
      expect(await plans.notesToPerson('o1')).toBe(true);
      expect(await plans.notesToPerson('o2')).toBe(false);
      await plans.setNotesToPerson('o1', false);
      expect(await plans.notesToPerson('o1')).toBe(false);
      await plans.setNotesToPerson('o1', true);
      expect(await plans.notesToPerson('o1')).toBe(true);
      // The notes setting leaves the retention period and legal basis set before.
      await temp.store.repositories.people.setLegalBasis('o3', 'public task');
      await temp.store.repositories.people.setRetentionDays('o3', 100);
      await plans.setNotesToPerson('o3', true);
      expect(await temp.store.repositories.people.legalBasis('o3')).toBe('public task');
      expect(await temp.store.repositories.people.retentionDays('o3')).toBe(100);
      expect(await temp.store.repositories.people.retentionDays('o2')).toBe(730);
    });

    it("lists an organisation's ladders by the day they apply from, then as saved", async () => {
      const ladder = (organisation: string, validFrom: string, json: string) =>
        plans.insertLadderVersion({
          organisation_id: organisation,
          valid_from: validFrom,
          ladder_json: json,
          saved_by: 'u1',
          saved_at: '2026-01-01T00:00:00.000Z',
        });
      const later = await ladder('o1', '2026-07-01', 'later');
      const first = await ladder('o1', '2026-01-01', 'first');
      const second = await ladder('o1', '2026-01-01', 'second');
      await ladder('o2', '2025-01-01', 'other');
      expect(typeof later).toBe('number');
      const versions = await plans.ladderVersions('o1');
      expect(versions.map((v) => [v.id, v.ladder_json])).toEqual([
        [first, 'first'],
        [second, 'second'],
        [later, 'later'],
      ]);
    });
  });
}
