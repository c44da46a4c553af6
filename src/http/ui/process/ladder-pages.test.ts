/**
 * The Process admin's ladder editor (/personer/stege) on both databases, without JavaScript (plain
 * form posts): the example ladder offered when there is none; a save is a new version from its date,
 * audited once (`ladder.update`); a bad rule — not JSON, an unknown fact — comes back as typed with the
 * error at the rule of the row it was typed in; a date before today is refused at the date field; a
 * rule change from a later date leaves the version that applies now, and a level confirmed under it, as
 * they were; case workers and other organisations get 404.
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

const today = () => new Date().toISOString().slice(0, 10);
const later = () => new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

for (const dialect of DIALECTS) {
  describe(`the ladder editor (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: ProcessUsers;

    const page = (who: ProcessUser, url = '/personer/stege') =>
      app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${users[who].token}`, accept: 'text/html' },
      });
    const post = (who: ProcessUser, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url: '/personer/stege',
        headers: {
          authorization: `Bearer ${users[who].token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(form).toString(),
      });
    const updates = () =>
      temp.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'ladder.update').execute();
    const twoLevels = {
      organisation: '2580',
      'level.0.name': 'Plan klar',
      'level.0.rule': '{"var": "plan.made"}',
      'level.0.needs.sv': 'Du har en plan.',
      'level.0.needs.so': 'Waxaad leedahay qorshe.',
      'level.0.reward.0.kind': 'meeting',
      'level.0.reward.0.text': 'Samtal',
      'level.1.name': 'Sfi-kurs klar',
      'level.1.rule': '{">=": [{"var": "done.sfi"}, 1]}',
      'level.1.needs.sv': 'En sfi-kurs klar.',
      'level.1.reward.0.kind': 'certificate',
      // An empty row, as the form always has: left out.
      'level.2.name': '',
      'level.2.rule': '',
      'level.2.needs.sv': '',
    };

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('offers the example ladder when there is none, to the Process admin only', async () => {
      const res = await page('processAdmin');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Organisationen har ingen stege ännu.');
      expect(res.body).toContain('value="Kartlagd"');
      expect(res.body).toContain('{&quot;var&quot;:&quot;inventory.done&quot;}');
      expect((await page('processAdmin', '/personer')).body).toContain('href="/personer/stege"');
      // Without the permission at all: 403 (the authorisation seam); a Process admin elsewhere sees only their own.
      for (const who of ['caseworker', 'otherOrg', 'newcomer'] as const)
        expect((await page(who)).statusCode, who).toBe(403);
      expect((await page('otherOrgAdmin')).body).not.toContain('2580');
      const anonymous = await app.inject({
        method: 'GET',
        url: '/personer/stege',
        headers: { accept: 'text/html' },
      });
      expect([302, 303, 401]).toContain(anonymous.statusCode);
      expect(anonymous.body).not.toContain('Kartlagd');
    });

    it('saves the form as a new version from today, audited once', async () => {
      const res = await post('processAdmin', twoLevels);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/personer/stege?organisation=2580&klart=ladder');
      const saved = (await api(app, users.caseworker.token)('GET', '/api/organisations/2580/ladder')).json();
      expect(saved.current).toMatchObject({
        validFrom: today(),
        levels: [
          {
            level: 1,
            name: 'Plan klar',
            rule: { var: 'plan.made' },
            needs: { sv: 'Du har en plan.', so: 'Waxaad leedahay qorshe.' },
            rewards: [{ kind: 'meeting', text: 'Samtal' }],
          },
          { level: 2, name: 'Sfi-kurs klar', rewards: [{ kind: 'certificate', text: null }] },
        ],
      });
      expect(await updates()).toHaveLength(1);
      const shown = await page('processAdmin', '/personer/stege?klart=ladder');
      expect(shown.body).toContain('Stegen är sparad som en ny version.');
      expect(shown.body).toContain('value="Sfi-kurs klar"');
    });

    it('comes back as typed with the error at the rule it names, saving nothing', async () => {
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ 'level.1.rule': '{">=": [{"var": "done.sfi"}, 1' }, 'level-1-rule', /not JSON/],
        [{ 'level.1.rule': '{"var": "person.name"}' }, 'level-1-rule', /unknown fact (&quot;|")person\.name/],
        [{ 'level.0.needs.sv': '' }, 'level-0-needs-sv', /levels\[0\]\.needs\.sv/],
        [{ validFrom: '2020-01-01' }, 'validFrom', /validFrom/],
      ];
      for (const [change, field, message] of cases) {
        const res = await post('processAdmin', { ...twoLevels, ...change });
        expect(res.statusCode, field).toBe(400);
        // The summary links to the field; the field says it is invalid and points at its message.
        expect(res.body).toContain(`<a href="#${field}">`);
        expect(res.body).toMatch(new RegExp(`id="${field}"[^>]*aria-invalid="true"`));
        expect(res.body).toContain(`aria-describedby="${field}-error"`);
        const error = new RegExp(`<p class="error field-error" id="${field}-error">([^<]*)</p>`).exec(
          res.body,
        );
        expect(error?.[1], field).toMatch(message);
        // What was typed is still there.
        expect(res.body).toContain('value="Sfi-kurs klar"');
        if (change['level.1.rule'])
          expect(res.body).toContain(change['level.1.rule'].replace(/"/g, '&quot;'));
      }
      // A blank row before a bad one: the error is still at the row it was typed in.
      const shifted = await post('processAdmin', {
        organisation: '2580',
        'level.0.name': '',
        'level.0.rule': '',
        'level.1.name': 'Bara en',
        'level.1.rule': '{"teleport": [1]}',
        'level.1.needs.sv': 'x',
      });
      expect(shifted.statusCode).toBe(400);
      expect(shifted.body).toContain('<a href="#level-1-rule">');
      expect(await updates()).toHaveLength(1);
    });

    it('applies a rule change from its date: what applies now and levels confirmed under it stay', async () => {
      const cw = api(app, users.caseworker.token);
      const personId = (
        await cw('POST', '/api/people', { organisation: '2580', name: 'Faduma', language: 'so' })
      ).json().id;
      await cw('PUT', `/api/people/${personId}/plan`, {
        goal: { kind: 'other', label: 'Barnskötare' },
        steps: [{ type: 'sfi', level: 'B', status: 'done', doneOn: today() }],
      });
      expect(
        (await cw('POST', `/api/people/${personId}/ladder/confirmations`, { level: 1 })).statusCode,
      ).toBe(201);
      const before = (await cw('GET', '/api/organisations/2580/ladder')).json();
      const res = await post('processAdmin', {
        ...twoLevels,
        validFrom: later(),
        'level.0.name': 'Planen är gjord',
        'level.1.rule': '{">=": [{"var": "done.sfi"}, 2]}',
      });
      expect(res.statusCode).toBe(303);
      const after = (await cw('GET', '/api/organisations/2580/ladder')).json();
      expect(after.current).toEqual(before.current);
      expect(after.upcoming).toMatchObject([
        { validFrom: later(), levels: [{ name: 'Planen är gjord' }, {}] },
      ]);
      const ladder = (await cw('GET', `/api/people/${personId}/ladder`)).json();
      expect(ladder.level).toMatchObject({ level: 1, name: 'Plan klar' });
      // Today's rules still apply: level 2 is proposed by them.
      expect(ladder.proposal).toMatchObject({ level: 2 });
      const shown = await page('processAdmin');
      expect(shown.body).toMatch(/Kommande: version \d+, gäller från/);
      // The form holds the newest version, the one the admin would change next.
      expect(shown.body).toContain('value="Planen är gjord"');
      expect(await updates()).toHaveLength(2);
    });

    it('refuses another organisation by a forged form (404) and a case worker (403), saving nothing', async () => {
      expect((await post('otherOrgAdmin', twoLevels)).statusCode).toBe(404);
      expect((await post('caseworker', twoLevels)).statusCode).toBe(403);
      expect(await updates()).toHaveLength(2);
    });
  });
}
