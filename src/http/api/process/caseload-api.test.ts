/**
 * The caseload over HTTP and as a page, on both databases: the case worker sees the open people
 * assigned to them — the one with an overdue step and a follow-up due first — and each listed person
 * is one audit entry; an unassigned colleague sees none of them, another organisation's case worker
 * none either; the Process admin gets the organisation's counts with no name and no id in them, and
 * anyone else 404 for that summary.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  type ProcessUser,
  type ProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { addDays } from '../../../domain/process/plan/caseload.js';
import { swedishToday } from '../../../domain/process/plan/caseload.service.js';

for (const dialect of DIALECTS) {
  describe(`the caseload (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: ProcessUsers;
    let as: (who: ProcessUser) => ReturnType<typeof api>;
    const ids: Record<string, string> = {};
    const today = swedishToday();

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      as = (who) => api(app, users[who].token);
      const create = async (who: ProcessUser, organisation: string, name: string) =>
        (await as(who)('POST', '/api/people', { organisation, name, language: 'sv' })).json().id as string;
      ids.late = await create('caseworker', '2580', 'Leyla Late');
      ids.calm = await create('caseworker', '2580', 'Carl Calm');
      ids.none = await create('caseworker', '2580', 'Nadia Noplan');
      ids.other = await create('otherOrg', '1280', 'Olle Malmö');
      const put = (id: string, steps: unknown[]) =>
        as('caseworker')('PUT', `/api/people/${id}/plan`, {
          goal: { kind: 'occupation', label: 'Barnskötare' },
          steps,
        });
      expect(
        (
          await put(ids.late as string, [
            { id: 's1', type: 'sfi', level: 'B', due: addDays(today, -3), status: 'started' },
            { id: 's2', type: 'praktik', title: 'Förskola', due: addDays(today, 5) },
            { id: 's3', type: 'course', due: addDays(today, -30), status: 'done' },
          ])
        ).statusCode,
      ).toBe(200);
      await put(ids.calm as string, [{ id: 'c1', type: 'jobSearch', due: addDays(today, 40) }]);
      await as('caseworker')('POST', `/api/people/${ids.late}/notes`, {
        text: 'Ring om praktiken',
        followUpOn: addDays(today, -1),
      });
      await as('caseworker')('POST', `/api/people/${ids.calm}/notes`, {
        text: 'Senare',
        followUpOn: addDays(today, 3),
      });
      await as('otherOrg')('PUT', `/api/people/${ids.other}/plan`, {
        steps: [{ type: 'sfi', due: addDays(today, -3) }],
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it("lists the case worker's own people, most urgent first, auditing each", async () => {
      const before = await temp.store.db.selectFrom('audit_log').select('id').execute();
      const res = await as('caseworker')('GET', '/api/caseload');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body.today).toBe(today);
      expect(body.people.map((p: { name: string }) => p.name)).toEqual([
        'Leyla Late',
        'Carl Calm',
        'Nadia Noplan',
      ]);
      expect(body.people[0]).toMatchObject({
        personId: ids.late,
        planState: 'open',
        planVersion: 1,
        goal: 'Barnskötare',
        level: 0,
        overdue: [{ id: 's1', type: 'sfi', title: 'B', due: addDays(today, -3) }],
        dueSoon: [{ id: 's2', type: 'praktik', title: 'Förskola', due: addDays(today, 5) }],
        followUpsDue: [{ on: addDays(today, -1) }],
      });
      expect(body.people[1]).toMatchObject({ overdue: [], dueSoon: [], followUpsDue: [] });
      expect(body.people[2]).toMatchObject({ planState: 'none', planVersion: 0 });
      expect(body.summary).toMatchObject({ people: 3, stepsOverdue: 1, followUpsDue: 1 });
      const entries = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('id', 'not in', before.length ? before.map((b) => b.id) : [-1])
        .execute();
      const reads = entries.filter((e) => e.action === 'person.read');
      expect(reads).toHaveLength(3);
      expect(reads.every((e) => JSON.parse(e.detail as string).part === 'caseload')).toBe(true);
      // With the caller's address (app.inject's is 127.0.0.1).
      expect(reads.map((e) => e.ip)).toEqual(['127.0.0.1', '127.0.0.1', '127.0.0.1']);
    });

    it('shows an unassigned colleague and another organisation none of them', async () => {
      expect((await as('colleague')('GET', '/api/caseload')).json().people).toEqual([]);
      const other = (await as('otherOrg')('GET', '/api/caseload')).json();
      expect(other.people.map((p: { name: string }) => p.name)).toEqual(['Olle Malmö']);
      expect((await as('newcomer')('GET', '/api/caseload')).json().people).toEqual([]);
    });

    it('lists a person lent to a colleague by a temporary access, marked and audited with its reason, until it expires', async () => {
      const lend = await as('caseworker')('POST', `/api/people/${ids.calm}/temporary-access`, {
        user: users.colleague.userId,
        reason: 'Semester v. 32',
        hours: 2,
      });
      expect(lend.statusCode).toBe(201);
      const before = await temp.store.db.selectFrom('audit_log').select('id').execute();
      const res = (await as('colleague')('GET', '/api/caseload')).json();
      expect(res.people.map((p: { name: string }) => p.name)).toEqual(['Carl Calm']);
      expect(res.people[0].lentUntil).toBe(lend.json().expiresAt);
      const entries = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where(
          'id',
          'not in',
          before.map((b) => b.id),
        )
        .where('action', '=', 'person.read')
        .execute();
      expect(entries.map((e) => JSON.parse(e.detail as string))).toEqual([
        { part: 'caseload', via: 'temporary', reason: 'Semester v. 32' },
      ]);
      // The own case worker's list is unchanged and says nothing of a loan.
      const own = (await as('caseworker')('GET', '/api/caseload')).json();
      expect(own.people.map((p: { lentUntil: string | null }) => p.lentUntil)).toEqual([null, null, null]);
      const page = await app.inject({
        url: '/personer/arenden',
        headers: { authorization: `Bearer ${users.colleague.token}`, accept: 'text/html' },
      });
      expect(page.body).toContain('Carl Calm');
      expect(page.body).toContain('(tillfällig åtkomst till');
      // Expired: gone from the list.
      await temp.store.db
        .updateTable('person_access_grant')
        .set({ expires_at: new Date(Date.now() - 1000).toISOString() })
        .execute();
      expect((await as('colleague')('GET', '/api/caseload')).json().people).toEqual([]);
    });

    it("gives the Process admin the organisation's counts with no names; anyone else 404", async () => {
      const res = await as('processAdmin')('GET', '/api/organisations/2580/caseload');
      expect(res.statusCode).toBe(200);
      expect(res.json().summary).toEqual({
        people: 3,
        byLevel: { '0': 3 },
        byPlanState: { none: 1, open: 2, done: 0 },
        stepsOverdue: 1,
        peopleWithOverdue: 1,
        stepsDueSoon: 1,
        followUpsDue: 1,
      });
      for (const secret of [...Object.values(ids), 'Leyla', 'Carl', 'Nadia', 'Barnskötare'])
        expect(res.body).not.toContain(secret);
      const audited = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'caseload.summary')
        .execute();
      expect(audited).toHaveLength(1);
      expect(audited[0]?.ip).toBe('127.0.0.1');
      for (const who of ['caseworker', 'otherOrgAdmin', 'orgAdmin', 'newcomer'] as const)
        expect((await as(who)('GET', '/api/organisations/2580/caseload')).statusCode, who).toBe(404);
    });

    it('shows the caseload as a page: names for the case worker, counts for the Process admin', async () => {
      const page = (who: ProcessUser) =>
        app.inject({
          method: 'GET',
          url: '/personer/arenden',
          headers: { authorization: `Bearer ${users[who].token}`, accept: 'text/html' },
        });
      const mine = await page('caseworker');
      expect(mine.statusCode).toBe(200);
      expect(mine.body).toContain('Mina ärenden');
      expect(mine.body).toContain(`href="/personer/${ids.late}/plan"`);
      expect(mine.body).toContain('Leyla Late');
      expect(mine.body).not.toContain('Olle');
      const manager = await page('processAdmin');
      expect(manager.statusCode).toBe(200);
      expect(manager.body).toContain('Luleå kommun: alla öppna ärenden i siffror');
      for (const secret of [...Object.values(ids), 'Leyla', 'Carl', 'Nadia'])
        expect(manager.body).not.toContain(secret);
      // As for the people list: a page for a permission the user lacks is refused outright.
      expect((await page('newcomer')).statusCode).toBe(403);
    });
  });
}
