/**
 * The export holds everything held about a person: every column of every table with a person's rows
 * is either exported (and present, filled, in the export of a fully recorded person) or explained in
 * EXPORTED_COLUMNS. A new column or table without that decision fails here; a table with a person_id
 * that the erasure does not clear fails too.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  CONCEPTS,
  linkNewcomer,
  type seedProcessUsers,
  startProcessApp,
} from '../../../../test/support/process.js';
import type { TempStore } from '../../../../test/support/temp-store.js';
import { PERSON_TABLES } from '../../../store/repositories/people.repository.js';
import { EXPORTED_COLUMNS } from './person-export.js';

/** The value at a path such as "person.caseworkers[].userId" (first element of a list). */
function at(document: unknown, path: string): unknown {
  let value: unknown = document;
  for (const part of path.split('.')) {
    const key = part.replace(/\[\]$/, '');
    value = (value as Record<string, unknown> | undefined)?.[key];
    if (part.endsWith('[]')) value = Array.isArray(value) ? value[0] : undefined;
  }
  return value;
}

for (const dialect of DIALECTS) {
  describe(`the export of a person (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;
    let exported: Record<string, unknown>;

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      const cw = api(app, users.caseworker.token);
      personId = (
        await cw('POST', '/api/people', {
          organisation: '2580',
          name: 'Hamid H.',
          language: 'prs',
          gender: 'M',
          contact: '070-1234567',
        })
      ).json().id;
      await cw('POST', `/api/people/${personId}/consents`, { textVersion: 'v1', legalBasis: 'art. 6.1 e' });
      await cw('PUT', `/api/people/${personId}/inventory`, {
        education: [
          { level: CONCEPTS.upperSecondary.id, field: 'unknown', country: CONCEPTS.somalia.id, years: 3 },
        ],
        work: [{ occupation: CONCEPTS.sfiTeacher.id, years: '5+', country: 'unknown' }],
        skills: [CONCEPTS.steel.id],
        languages: [
          { language: CONCEPTS.lithuanian.id, listening: 'A1', reading: 'A2', speaking: 'B1', writing: 'B2' },
        ],
        drivingLicences: [CONCEPTS.licenceAM.id],
        freeText: 'bagare',
      });
      // The individual plan and a guidance note with a follow-up marked done (issue 20).
      await cw('PUT', `/api/people/${personId}/plan`, {
        goal: { kind: 'occupation', conceptId: CONCEPTS.sfiTeacher.id, label: 'SFI-lärare' },
        steps: [{ type: 'sfi', level: 'C', status: 'started' }],
      });
      const note = (
        await cw('POST', `/api/people/${personId}/notes`, {
          text: 'praktik diskuterad',
          followUpOn: '2026-12-01',
        })
      ).json();
      await cw('POST', `/api/people/${personId}/notes/${note.id}/follow-up-done`);
      // A confirmed ladder level (the organisation's ladder: level 1 once a plan is made).
      await api(app, users.processAdmin.token)('PUT', '/api/organisations/2580/ladder', {
        levels: [{ level: 1, name: 'Plan klar', rule: { var: 'plan.made' }, needs: { sv: 'En plan' } }],
      });
      expect(
        (await cw('POST', `/api/people/${personId}/ladder/confirmations`, { level: 1 })).statusCode,
      ).toBe(201);
      await cw('POST', `/api/people/${personId}/temporary-access`, {
        user: 'cw2@lulea.se',
        reason: 'vacation cover',
        hours: 2,
      });
      // A hidden match suggestion with its reason (before the restriction, which stops matching).
      const hide = await cw('POST', `/api/people/${personId}/match-decisions`, {
        kind: 'occupation',
        target: CONCEPTS.sfiTeacher.id,
        action: 'hide',
        reason: 'vill inte undervisa',
      });
      expect(hide.statusCode).toBe(200);
      expect((await cw('PUT', `/api/people/${personId}/restriction`, { restricted: true })).statusCode).toBe(
        200,
      );
      expect((await cw('POST', `/api/people/${personId}/access-codes`)).statusCode).toBe(201);
      // As if the person had used it (the own view's flow is tested in process-pages.test.ts).
      await temp.store.db
        .updateTable('person_access_code')
        .set({ used_at: new Date().toISOString() })
        .execute();
      await cw('PUT', `/api/people/${personId}/status`, { status: 'closed' });
      await linkNewcomer(temp.store, personId, users.newcomer.userId);
      const res = await cw('GET', `/api/people/${personId}/export`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-disposition']).toContain(`person-${personId}.json`);
      exported = res.json();
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('decides every column of every table holding a person, and exports each filled', async () => {
      const tables = await temp.store.db.introspection.getTables();
      const personal = tables.filter(
        (t) => t.name === 'person' || t.columns.some((c) => c.name === 'person_id'),
      );
      expect(personal.map((t) => t.name).sort()).toEqual(Object.keys(EXPORTED_COLUMNS).sort());
      for (const table of personal) {
        expect(table.columns.map((c) => c.name).sort(), table.name).toEqual(
          Object.keys(EXPORTED_COLUMNS[table.name] ?? {}).sort(),
        );
        for (const [column, path] of Object.entries(EXPORTED_COLUMNS[table.name] ?? {})) {
          if (path.startsWith('not exported:')) continue;
          const value = at(exported, path);
          expect(value, `${table.name}.${column} → ${path}`).toBeDefined();
          expect(value, `${table.name}.${column} → ${path}`).not.toBeNull();
        }
      }
      // The erasure clears exactly these tables.
      expect([...PERSON_TABLES, 'person'].sort()).toEqual(personal.map((t) => t.name).sort());
    });

    it('holds the values as recorded, opened from their encryption', () => {
      expect(exported).toMatchObject({
        format: 'etablera-person-export/1',
        person: {
          id: personId,
          name: 'Hamid H.',
          contact: '070-1234567',
          restricted: true,
          status: 'closed',
          userId: users.newcomer.userId,
        },
        inventory: { freeText: 'bagare', skills: [CONCEPTS.steel.id], updatedBy: users.caseworker.userId },
        temporaryAccess: [{ userId: users.colleague.userId, reason: 'vacation cover' }],
        retention: { days: 730 },
      });
      expect((exported.accessLog as { part: string }[]).map((e) => e.part)).toEqual(
        expect.arrayContaining(['person', 'consent', 'inventory', 'access', 'restriction', 'status']),
      );
    });

    it('lets the person export their own record and refuses others (404)', async () => {
      expect((await api(app, users.newcomer.token)('GET', `/api/people/${personId}/export`)).statusCode).toBe(
        200,
      );
      for (const who of ['colleague', 'otherOrg', 'orgAdmin'] as const) {
        if (who === 'colleague') await temp.store.db.deleteFrom('person_access_grant').execute();
        expect((await api(app, users[who].token)('GET', `/api/people/${personId}/export`)).statusCode).toBe(
          404,
        );
      }
    });
  });
}
