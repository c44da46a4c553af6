/**
 * The Process admin's inventory settings page on both databases: hiding sections (gone from the
 * interview and the person's summary), turning the health question on with a legal basis (and off
 * again), refused for a case worker and for another organisation's admin, each change one audit entry.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  keyLine,
  type ProcessUser,
  seedConcepts,
  seedProcessUsers,
} from '../../../../test/support/process.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { PeopleRepository } from '../../../store/repositories/people.repository.js';
import { buildApp } from '../../app.js';

for (const dialect of DIALECTS) {
  describe(`inventory settings (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let personId: string;

    const page = (who: ProcessUser, url: string) =>
      app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${users[who].token}`, accept: 'text/html' },
      });
    const post = (who: ProcessUser, form: Record<string, string | string[]>) => {
      const body = new URLSearchParams();
      for (const [k, v] of Object.entries(form)) for (const x of [v].flat()) body.append(k, x);
      return app.inject({
        method: 'POST',
        url: '/personer/installningar',
        headers: {
          authorization: `Bearer ${users[who].token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: body.toString(),
      });
    };
    const settingsAudit = () =>
      temp.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'process.settings').execute();

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await seedConcepts(temp.store);
      users = await seedProcessUsers(temp.store);
      await new PeopleRepository(temp.store.db).setLegalBasis('2580', 'art. 6.1 e');
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keyLine('k1') }),
      });
      const cw = api(app, users.caseworker.token);
      personId = (await cw('POST', '/api/people', { organisation: '2580', name: 'P', language: 'so' })).json()
        .id;
      await cw('POST', `/api/people/${personId}/consents`, {});
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('shows every section asked and the health question off by default; linked for the admin only', async () => {
      const res = await page('processAdmin', '/personer/installningar');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Inställningar för kartläggningen');
      expect(res.body.match(/name="ask"[^>]*checked/g)?.length).toBe(9);
      expect(res.body).toContain('Frågan är avstängd (standard).');
      expect((await page('processAdmin', '/personer')).body).toContain('/personer/installningar');
      expect((await page('caseworker', '/personer')).body).not.toContain('/personer/installningar');
    });

    it('hides sections and turns the health question on with a basis; one audit entry', async () => {
      const before = (await settingsAudit()).length;
      const ask = [
        'education',
        'work',
        'skills',
        'languages',
        'licences',
        'goals',
        'constraints',
        'freeText',
      ];
      const res = await post('processAdmin', {
        organisation: '2580',
        ask,
        healthBasis: 'SoL 4 kap. <script>x</script>',
      });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toContain('klart=settings');
      const repo = new PeopleRepository(temp.store.db);
      expect(await repo.hiddenSections('2580')).toEqual(['digital']);
      expect(await repo.healthBasis('2580')).toBe('SoL 4 kap. <script>x</script>');
      const audit = await settingsAudit();
      expect(audit.length).toBe(before + 1);
      expect(JSON.parse(String(audit.at(-1)?.detail)).hiddenSections).toEqual(['digital']);

      const shown = await page('processAdmin', '/personer/installningar');
      expect(shown.body).toContain('SoL 4 kap. &lt;script');
      expect(shown.body).not.toContain('<script>x</script>');
      // The interview no longer offers the hidden section, and asks the health question.
      const interview = await page('caseworker', `/personer/${personId}/inventering/constraints`);
      expect(interview.statusCode).toBe(200);
      expect(interview.body).not.toContain(`/personer/${personId}/inventering/digital"`);
      expect(interview.body).toContain('name="health"');
      const cw = api(app, users.caseworker.token);
      expect(
        (await cw('PUT', `/api/people/${personId}/inventory`, { health: 'ryggbesvär' })).statusCode,
      ).toBe(200);
    });

    it('turns the health question off again (empty basis): a new answer is refused', async () => {
      await post('processAdmin', { organisation: '2580', ask: ['education', 'work'], healthBasis: '' });
      expect(await new PeopleRepository(temp.store.db).healthBasis('2580')).toBeNull();
      const cw = api(app, users.caseworker.token);
      const res = await cw('PUT', `/api/people/${personId}/inventory`, { health: 'annat' });
      expect(res.statusCode).toBe(422);
      expect(res.json().parameter).toBe('health');
    });

    it('refuses a case worker (403), another organisation’s admin (404) and a bad section', async () => {
      expect((await page('caseworker', '/personer/installningar')).statusCode).toBe(403);
      expect((await post('caseworker', { organisation: '2580', ask: ['work'] })).statusCode).toBe(403);
      const before = (await settingsAudit()).length;
      expect((await post('otherOrgAdmin', { organisation: '2580', ask: ['work'] })).statusCode).toBe(404);
      const all = await post('processAdmin', { organisation: '2580' });
      expect(all.statusCode).toBe(303);
      expect(decodeURIComponent(all.headers.location as string)).toContain('fel=');
      expect((await settingsAudit()).length).toBe(before);
    });
  });
}
