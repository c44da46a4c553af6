/**
 * The incentive ladder over HTTP on both databases: the ladder saved as data by the Process admin (a
 * bad rule refused naming it, another organisation 404), a proposal from the rules that changes nothing
 * until a case worker confirms it, each confirmation audited, a confirmation without a proposal refused
 * (409, nothing written), a rule change mid-year that leaves earlier confirmations intact, the person
 * seeing their ladder and what the next level needs in their language, no proposals for a restricted
 * person, and 404 for another organisation's people.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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

const ladderV1 = {
  levels: [
    {
      level: 1,
      name: 'Plan klar',
      rule: { var: 'plan.made' },
      needs: { sv: 'Du har en plan.', so: 'Waxaad leedahay qorshe.' },
      rewards: [{ kind: 'meeting', text: 'Samtal' }],
    },
    {
      level: 2,
      name: 'Sfi-kurs klar',
      rule: { '>=': [{ var: 'done.sfi' }, 1] },
      needs: { sv: 'En sfi-kurs klar.', so: 'Koorso sfi ah oo la dhammeeyay.' },
      rewards: [{ kind: 'certificate' }],
    },
    {
      level: 3,
      name: 'Två steg',
      rule: { '>=': [{ doneWithin: [90] }, 2] },
      needs: { sv: 'Två steg klara inom 90 dagar.' },
    },
  ],
};

for (const dialect of DIALECTS) {
  describe(`the incentive ladder over HTTP (${dialect})`, () => {
    let temp: TempStore;
    let app: FastifyInstance;
    let users: Awaited<ReturnType<typeof seedProcessUsers>>;
    let as: (who: ProcessUser) => ReturnType<typeof api>;
    let personId: string;

    const confirmations = async () =>
      temp.store.db.selectFrom('audit_log').selectAll().where('action', '=', 'ladder.confirm').execute();

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      as = (who) => api(app, users[who].token);
      personId = (
        await as('caseworker')('POST', '/api/people', {
          organisation: '2580',
          name: 'Faduma',
          language: 'so',
        })
      ).json().id;
      await linkNewcomer(temp.store, personId, users.newcomer.userId);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('saves the ladder as data (Process admin), refusing a bad rule by name; others get 404', async () => {
      expect((await as('caseworker')('GET', '/api/organisations/2580/ladder')).json().current).toBeNull();
      const bad: [unknown, string][] = [
        [{ levels: [{ ...ladderV1.levels[0], rule: { teleport: [1] } }] }, 'levels[0].rule'],
        [{ levels: [{ ...ladderV1.levels[0], rule: { var: 'person.name' } }] }, 'levels[0].rule'],
        [{ levels: [{ ...ladderV1.levels[0], rule: 'true' }] }, 'levels[0].rule'],
      ];
      for (const [body, parameter] of bad) {
        const res = await as('processAdmin')('PUT', '/api/organisations/2580/ladder', body);
        expect(res.statusCode, parameter).toBe(400);
        expect(res.json()).toMatchObject({ code: 'invalidRule', parameter });
      }
      const skipped = await as('processAdmin')('PUT', '/api/organisations/2580/ladder', {
        levels: [{ ...ladderV1.levels[1], level: 2 }],
      });
      expect(skipped.json()).toMatchObject({ parameter: 'levels[0].level' });
      const past = await as('processAdmin')('PUT', '/api/organisations/2580/ladder', {
        ...ladderV1,
        validFrom: '2020-01-01',
      });
      expect(past.json()).toMatchObject({ parameter: 'validFrom' });
      const saved = await as('processAdmin')('PUT', '/api/organisations/2580/ladder', ladderV1);
      expect(saved.statusCode).toBe(200);
      expect(saved.json().current.levels.map((l: { name: string }) => l.name)).toEqual([
        'Plan klar',
        'Sfi-kurs klar',
        'Två steg',
      ]);
      expect((await as('caseworker')('PUT', '/api/organisations/2580/ladder', ladderV1)).statusCode).toBe(
        404,
      );
      for (const who of ['otherOrg', 'otherOrgAdmin'] as const) {
        expect((await as(who)('GET', '/api/organisations/2580/ladder')).statusCode).toBe(404);
        expect((await as(who)('PUT', '/api/organisations/2580/ladder', ladderV1)).statusCode).toBe(404);
      }
      expect(
        await temp.store.db
          .selectFrom('audit_log')
          .select('id')
          .where('action', '=', 'ladder.update')
          .execute(),
      ).toHaveLength(1);
    });

    it('proposes a step up from the rules; nothing changes until a case worker confirms (audited)', async () => {
      const before = (await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json();
      expect(before).toMatchObject({ level: null, proposal: null, next: { level: 1, name: 'Plan klar' } });
      await as('caseworker')('PUT', `/api/people/${personId}/plan`, {
        goal: { kind: 'occupation', label: 'Barnskötare' },
        steps: [{ type: 'sfi', level: 'B', status: 'done', doneOn: '2026-10-01' }],
      });
      const proposed = (await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json();
      expect(proposed).toMatchObject({ level: null, proposal: { level: 1, name: 'Plan klar' } });
      // Reading again changes nothing: a proposal is not a step.
      expect((await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json().level).toBeNull();
      expect(await temp.store.db.selectFrom('person_ladder_step').selectAll().execute()).toHaveLength(0);
      // Only the proposed level can be confirmed.
      const wrong = await as('caseworker')('POST', `/api/people/${personId}/ladder/confirmations`, {
        level: 2,
      });
      expect(wrong.statusCode).toBe(409);
      expect(wrong.json().code).toBe('noProposal');
      expect(await confirmations()).toHaveLength(0);
      const one = await as('caseworker')('POST', `/api/people/${personId}/ladder/confirmations`, {
        level: 1,
      });
      expect(one.statusCode).toBe(201);
      expect(one.json()).toMatchObject({
        level: { level: 1 },
        proposal: { level: 2, name: 'Sfi-kurs klar' },
      });
      const two = await as('caseworker')('POST', `/api/people/${personId}/ladder/confirmations`, {
        level: 2,
      });
      expect(two.json()).toMatchObject({ level: { level: 2, name: 'Sfi-kurs klar' }, proposal: null });
      const entries = await confirmations();
      expect(entries).toHaveLength(2);
      for (const e of entries) {
        expect(e.actor_user_id).toBe(users.caseworker.userId);
        expect(JSON.parse(e.detail)).toMatchObject({ part: 'ladder', via: 'caseworker' });
      }
      // The person cannot confirm their own level.
      expect(
        (await as('newcomer')('POST', `/api/people/${personId}/ladder/confirmations`, { level: 3 }))
          .statusCode,
      ).toBe(404);
    });

    it('applies a rule change from its day and leaves earlier confirmations intact', async () => {
      const v1 = (await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json();
      const changed = {
        levels: [
          { ...ladderV1.levels[0], name: 'Plan upprättad' },
          { ...ladderV1.levels[1], name: 'Sfi C klar', rule: { '>=': [{ var: 'sfi.level' }, 3] } },
          { ...ladderV1.levels[2], rule: { '>=': [{ doneWithin: [90] }, 1] } },
        ],
      };
      const saved = await as('processAdmin')('PUT', '/api/organisations/2580/ladder', changed);
      expect(saved.json().versions).toHaveLength(2);
      const after = (await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json();
      // The confirmations keep their names and the version whose rules proposed them.
      expect(after.confirmations).toEqual(v1.confirmations);
      expect(after.confirmations.map((c: { name: string }) => c.name)).toEqual([
        'Plan klar',
        'Sfi-kurs klar',
      ]);
      expect(after.ladder.version).not.toBe(v1.ladder.version);
      // The new rule for level 3 (one step within 90 days) proposes it now.
      expect(after.proposal).toEqual({ level: 3, name: 'Två steg' });
    });

    it('shows the person their ladder and what the next level needs in their language', async () => {
      const own = await as('newcomer')('GET', `/api/people/${personId}/ladder`);
      expect(own.statusCode).toBe(200);
      expect(own.json().level.level).toBe(2);
      expect(own.json().ladder.levels[0].needs).toBe('Waxaad leedahay qorshe.');
      expect(own.json().next.needs).toBe('Två steg klara inom 90 dagar.');
    });

    it("prints the certificate of a confirmed level as a tagged PDF in Swedish and the person's language", async () => {
      const res = await as('newcomer')('GET', `/api/people/${personId}/ladder/certificate.pdf?level=2`);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('application/pdf');
      const file = join(mkdtempSync(join(tmpdir(), 'cert-')), 'c.pdf');
      writeFileSync(file, res.rawPayload);
      expect(execFileSync('pdfinfo', [file]).toString()).toMatch(/Tagged:\s+yes/);
      const text = execFileSync('pdftotext', [file, '-']).toString();
      expect(text).toContain('Intyg');
      expect(text).toContain('Faduma');
      expect(text).toContain('Sfi-kurs klar');
      expect(text).toContain('Shahaado');
      expect(
        (await as('caseworker')('GET', `/api/people/${personId}/ladder/certificate.pdf?level=3`)).statusCode,
      ).toBe(404);
      expect(
        (await as('otherOrg')('GET', `/api/people/${personId}/ladder/certificate.pdf?level=2`)).statusCode,
      ).toBe(404);
    }, 60_000);

    it('proposes nothing for a restricted person', async () => {
      await as('caseworker')('PUT', `/api/people/${personId}/restriction`, { restricted: true });
      const res = (await as('caseworker')('GET', `/api/people/${personId}/ladder`)).json();
      expect(res).toMatchObject({ restricted: true, proposal: null });
      expect(
        (await as('caseworker')('POST', `/api/people/${personId}/ladder/confirmations`, { level: 3 }))
          .statusCode,
      ).toBe(409);
      await as('caseworker')('PUT', `/api/people/${personId}/restriction`, { restricted: false });
    });

    it("answers 404 for another organisation's people, writing nothing", async () => {
      const steps = await temp.store.db.selectFrom('person_ladder_step').selectAll().execute();
      for (const who of ['otherOrg', 'otherOrgAdmin', 'colleague'] as const) {
        expect((await as(who)('GET', `/api/people/${personId}/ladder`)).statusCode).toBe(404);
        expect(
          (await as(who)('POST', `/api/people/${personId}/ladder/confirmations`, { level: 3 })).statusCode,
        ).toBe(404);
      }
      expect(await temp.store.db.selectFrom('person_ladder_step').selectAll().execute()).toEqual(steps);
    });
  });
}
