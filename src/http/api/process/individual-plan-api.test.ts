/**
 * The individual plan and the guidance log over HTTP on both databases, with the bundled taxonomy:
 * a plan saved and read back with its version history (every read and write audited, part plan), a bad
 * document refused whole naming the field, a stale edit refused (409), a plan made from a match's next
 * steps in one action, the person reading their own plan; notes sealed at rest, listed with author and
 * time, shown to the person only where the organisation allows it; follow-ups marked done; and another
 * organisation, an unassigned colleague or another person: 404 on every route, with nothing written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  linkNewcomer,
  type ProcessUser,
  type seedProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { MatchingService } from '../../../domain/process/matching/matching.service.js';
import { IndividualPlanRepository } from '../../../store/repositories/individual-plan.repository.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';

const ID = { swedish: 'zSLA_vw2_FXN' };

for (const dialect of DIALECTS) {
  describe(`the individual plan and guidance log over HTTP (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let as: (who: ProcessUser) => ReturnType<typeof api>;
    let personId: string;
    let driver: string;

    const personAudit = async () =>
      temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('target_type', '=', 'person')
        .orderBy('id')
        .execute();

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect, { taxonomy: 'bundled' }));
      as = (who) => api(app, users[who].token);
      const model = await new MatchingService(temp.store).matchingModel();
      driver = (model.nameList.find((n) => n.label === 'Distributionsförare') as { id: string }).id;
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'Allmänt intresse');
      personId = (
        await as('caseworker')('POST', '/api/people', { organisation: '2580', name: 'Amina', language: 'so' })
      ).json().id;
      await as('caseworker')('POST', `/api/people/${personId}/consents`, {});
      const group = model.groups.get(model.names.get(driver)?.group as string) as { skills: string[] };
      const put = await as('caseworker')('PUT', `/api/people/${personId}/inventory`, {
        work: [{ occupation: driver, years: '5+', country: 'unknown' }],
        skills: group.skills.slice(0, 4),
        languages: [{ language: ID.swedish, listening: 'A2', reading: 'A2', speaking: 'A2', writing: 'A1' }],
      });
      expect(put.statusCode).toBe(200);
      await linkNewcomer(temp.store, personId, users.newcomer.userId);
    }, 240_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const plan = {
      goal: { kind: 'occupation', conceptId: 'abc_DEF_123', label: 'Busschaufför' },
      steps: [
        {
          type: 'sfi',
          title: 'Sfi kurs C',
          level: 'C',
          owner: { kind: 'partner', name: 'Komvux' },
          start: '2026-09-01',
          due: '2027-01-31',
          status: 'started',
          closes: { gates: ['language'] },
        },
        { type: 'drivingLicence', owner: { kind: 'person' }, status: 'done', doneOn: '2026-11-15' },
      ],
    };

    it('starts empty, saves versions and keeps the history, auditing every read and write', async () => {
      const empty = await as('caseworker')('GET', `/api/people/${personId}/plan`);
      expect(empty.statusCode).toBe(200);
      expect(empty.json()).toMatchObject({ version: 0, goal: null, steps: [], history: [] });
      const saved = await as('caseworker')('PUT', `/api/people/${personId}/plan`, { ...plan, basedOn: 0 });
      expect(saved.statusCode).toBe(200);
      const v1 = saved.json();
      expect(v1).toMatchObject({
        version: 1,
        source: 'edit',
        savedBy: users.caseworker.userId,
        goal: plan.goal,
        steps: [
          {
            type: 'sfi',
            level: 'C',
            owner: { kind: 'partner', name: 'Komvux' },
            status: 'started',
            doneOn: null,
          },
          {
            type: 'drivingLicence',
            owner: { kind: 'person', name: null },
            status: 'done',
            doneOn: '2026-11-15',
          },
        ],
      });
      // Step ids are kept when sent back; a second version.
      const steps = v1.steps.map((s: { status: string }, i: number) =>
        i === 0 ? { ...s, status: 'done' } : s,
      );
      const v2 = await as('caseworker')('PUT', `/api/people/${personId}/plan`, {
        goal: plan.goal,
        steps,
        basedOn: 1,
      });
      expect(v2.json()).toMatchObject({ version: 2, history: [{ version: 1 }, { version: 2 }] });
      expect(v2.json().steps[0].id).toBe(v1.steps[0].id);
      expect(v2.json().steps[0].doneOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      const old = await as('caseworker')('GET', `/api/people/${personId}/plan?version=1`);
      expect(old.json()).toMatchObject({ version: 1, steps: [{ status: 'started' }, {}] });
      expect((await as('caseworker')('GET', `/api/people/${personId}/plan?version=9`)).statusCode).toBe(404);
      const parts = (await personAudit())
        .map((e) => JSON.parse(e.detail))
        .filter((d: { part?: string }) => d.part === 'plan');
      expect(parts.map((d: { via: string }) => d.via)).toEqual(Array(4).fill('caseworker'));
    });

    it('refuses a stale edit (409) and a bad document whole, naming the field', async () => {
      const stale = await as('caseworker')('PUT', `/api/people/${personId}/plan`, { ...plan, basedOn: 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json()).toMatchObject({ code: 'planChanged', parameter: 'basedOn' });
      const cases: [unknown, string, string][] = [
        [{ steps: [{ type: 'yoga' }] }, 'steps[0].type', 'invalidChoice'],
        [{ steps: [{ type: 'sfi', due: '2027-13-01' }] }, 'steps[0].due', 'invalidChoice'],
        [
          { steps: [{ type: 'sfi', start: '2027-02-01', due: '2027-01-01' }] },
          'steps[0].due',
          'invalidChoice',
        ],
        [{ steps: [{ type: 'sfi', owner: { kind: 'partner' } }] }, 'steps[0].owner.name', 'required'],
        [{ steps: [{ type: 'sfi', mood: 'x' }] }, 'steps[0].mood', 'unknownField'],
        [{ goal: { kind: 'occupation' } }, 'goal.label', 'required'],
        [{ steps: Array.from({ length: 61 }, () => ({ type: 'other' })) }, 'steps', 'tooManyItems'],
        [{ ...plan, basedOn: -1 }, 'basedOn', 'invalidCount'],
        [{ ...plan, basedOn: 1.5 }, 'basedOn', 'invalidCount'],
        [{ ...plan, basedOn: '2' }, 'basedOn', 'invalidCount'],
      ];
      for (const [body, parameter, code] of cases) {
        const res = await as('caseworker')('PUT', `/api/people/${personId}/plan`, body);
        expect(res.statusCode, parameter).toBe(400);
        expect(res.json(), parameter).toMatchObject({ parameter, code });
      }
      expect((await as('caseworker')('GET', `/api/people/${personId}/plan`)).json().version).toBe(2);
    });

    it("makes a plan from a match's next steps in one action", async () => {
      const res = await as('caseworker')('POST', `/api/people/${personId}/plan/from-match`, {
        occupation: driver,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(body).toMatchObject({
        version: 3,
        source: `match:${driver}`,
        goal: { kind: 'occupation', conceptId: driver, label: 'Distributionsförare' },
      });
      const added = body.steps.slice(2) as { type: string; status: string; closes: { gates: string[] } }[];
      expect(added.map((s) => s.type)).toEqual(
        expect.arrayContaining(['sfi', 'drivingLicence', 'validation']),
      );
      expect(added.every((s) => s.status === 'planned')).toBe(true);
      expect(added.find((s) => s.type === 'sfi')?.closes.gates).toEqual(['language']);
      // The steps already in the plan stay.
      expect(body.steps.slice(0, 2).map((s: { type: string }) => s.type)).toEqual(['sfi', 'drivingLicence']);
    });

    it('lets the person read their own plan, not change it', async () => {
      const own = await as('newcomer')('GET', `/api/people/${personId}/plan`);
      expect(own.statusCode).toBe(200);
      expect(own.json().version).toBe(3);
      expect((await as('newcomer')('PUT', `/api/people/${personId}/plan`, plan)).statusCode).toBe(404);
    });

    it('keeps guidance notes sealed, lists them with author and time, and follows up', async () => {
      const marker = `Samtal om praktik ${Date.now()}`;
      const created = await as('caseworker')('POST', `/api/people/${personId}/notes`, {
        text: marker,
        followUpOn: '2026-12-01',
      });
      expect(created.statusCode).toBe(201);
      const { id } = created.json();
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const second = await as('caseworker')('POST', `/api/people/${personId}/notes`, {
        text: 'Nästa möte 12/1',
      });
      expect(second.statusCode).toBe(201);
      const list = await as('caseworker')('GET', `/api/people/${personId}/notes`);
      expect(list.statusCode).toBe(200);
      const notes = list.json().notes as { id: string; text: string; author: string; at: string }[];
      expect(notes).toHaveLength(2);
      expect(notes.find((n) => n.id === id)).toMatchObject({
        text: marker,
        author: 'cw@lulea.se',
        followUpOn: '2026-12-01',
        followUpDoneAt: null,
      });
      for (const n of notes)
        expect(Object.keys(n)).toEqual(expect.arrayContaining(['id', 'text', 'author', 'at']));
      // Sealed at rest: the stored value names its key and holds no marker.
      const rows = await temp.store.db.selectFrom('person_note').select('text_sealed').execute();
      for (const r of rows) {
        expect(r.text_sealed.startsWith('etb1.k1.')).toBe(true);
        expect(r.text_sealed).not.toContain('praktik');
      }
      const planRows = await temp.store.db.selectFrom('person_plan_version').select('plan_sealed').execute();
      for (const r of planRows) expect(r.plan_sealed).not.toContain('Komvux');
      const repository = new IndividualPlanRepository(temp.store.db);
      expect((await repository.dueFollowUps([personId], '2026-12-02')).map((d) => d.id)).toEqual([id]);
      const done = await as('caseworker')('POST', `/api/people/${personId}/notes/${id}/follow-up-done`);
      expect([done.statusCode, done.json()]).toEqual([200, { done: true }]);
      expect(await repository.dueFollowUps([personId], '2026-12-02')).toEqual([]);
      expect(
        (await as('caseworker')('POST', `/api/people/${personId}/notes/nope/follow-up-done`)).statusCode,
      ).toBe(404);
    });

    it('refuses bad notes naming the field', async () => {
      for (const [body, parameter] of [
        [{ text: '' }, 'text'],
        [{ text: 'x'.repeat(10_001) }, 'text'],
        [{ text: 'ok', followUpOn: 'tomorrow' }, 'followUpOn'],
        [{}, 'text'],
      ] as const) {
        const res = await as('caseworker')('POST', `/api/people/${personId}/notes`, body);
        expect(res.statusCode, JSON.stringify(body).slice(0, 40)).toBe(400);
        expect(res.json().parameter).toBe(parameter);
      }
    });

    it('shows the notes to the person only where the organisation allows it', async () => {
      expect((await as('newcomer')('GET', `/api/people/${personId}/notes`)).statusCode).toBe(404);
      expect((await as('newcomer')('POST', `/api/people/${personId}/notes`, { text: 'x' })).statusCode).toBe(
        404,
      );
      await new IndividualPlanRepository(temp.store.db).setNotesToPerson('2580', true);
      const own = await as('newcomer')('GET', `/api/people/${personId}/notes`);
      expect(own.statusCode).toBe(200);
      expect(own.json().notes).toHaveLength(2);
      await new IndividualPlanRepository(temp.store.db).setNotesToPerson('2580', false);
    });

    it('answers 404 to another organisation and an unassigned colleague on every route, writing nothing', async () => {
      const before = await personAudit();
      const versionsBefore = await temp.store.db.selectFrom('person_plan_version').select('id').execute();
      for (const who of ['otherOrg', 'otherOrgAdmin', 'colleague', 'orgAdmin'] as const)
        for (const [method, url, body] of [
          ['GET', `/api/people/${personId}/plan`],
          ['PUT', `/api/people/${personId}/plan`, plan],
          ['POST', `/api/people/${personId}/plan/from-match`, { occupation: driver }],
          ['GET', `/api/people/${personId}/notes`],
          ['POST', `/api/people/${personId}/notes`, { text: 'x' }],
        ] as const) {
          const res = await as(who)(method, url, body);
          expect(res.statusCode, `${who} ${method} ${url}`).toBe(404);
          expect(res.body).not.toContain('Komvux');
          expect(res.body).not.toContain('praktik');
        }
      expect(await personAudit()).toHaveLength(before.length);
      expect(await temp.store.db.selectFrom('person_plan_version').select('id').execute()).toHaveLength(
        versionsBefore.length,
      );
    });
  });
}
