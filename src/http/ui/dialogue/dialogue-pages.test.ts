/**
 * The Dialogue staff pages (/dialog…) on both databases, through plain form posts with CSRF as a
 * browser without JavaScript sends them: create a dialogue, type in a workshop table's notes, hide an
 * idea with a reason and merge a duplicate (both audited), answer an idea and link it to an action
 * (then the public "Vad hände med våra förslag?" page shows it), make a round, open it and print
 * codes with QR codes. Another organisation's strategist gets a 404; a signed-out visitor is sent to
 * sign in; a post without the CSRF token or with an unknown operation changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from '../../../../test/support/accounts.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { type DialogueWorld, seedDialogueWorld } from '../../../../test/support/dialogue.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { buildApp } from '../../app.js';

for (const dialect of DIALECTS) {
  describe(`Dialogue staff pages (${dialect})`, () => {
    let temp: TempStore;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let world: DialogueWorld;
    let lulea: Browser;
    let dialogue: number;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      world = await seedDialogueWorld(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
      lulea = new Browser(app, temp.store);
      await lulea.signIn('strateg@lulea.se');
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const ideaRows = () =>
      temp.store.db
        .selectFrom('dialogue_idea')
        .selectAll()
        .where('dialogue_id', '=', dialogue)
        .orderBy('id')
        .execute();
    const audited = async (action: string) =>
      (await temp.store.db.selectFrom('audit_log').select('action').where('action', '=', action).execute())
        .length;

    it('sends a signed-out visitor to sign in', async () => {
      const res = await new Browser(app).get('/dialog');
      expect(res.statusCode).toBe(303);
      expect(String(res.headers.location)).toContain('/logga-in');
    });

    it('creates a dialogue linked to the plan from the list page', async () => {
      const list = await lulea.get('/dialog');
      expect(list.statusCode, list.body).toBe(200);
      expect(list.body).toContain('Integrationsprogram'); // the plan to link to
      const res = await lulea.post('/dialog', {
        title: 'Framtidsverkstad 2027',
        organisation: '2580',
        purpose: 'Idéer om arbete och språk',
        plan: String(world.planId),
      });
      expect(res.statusCode, res.body).toBe(303);
      const match = /^\/dialog\/(\d+)\?klart=ok$/.exec(String(res.headers.location));
      expect(match).not.toBeNull();
      dialogue = Number(match![1]);
      const page = await lulea.get(`/dialog/${dialogue}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('Framtidsverkstad 2027');
      expect((await lulea.get('/dialog')).body).toContain('Framtidsverkstad 2027');
      expect(await audited('dialogue.create')).toBe(1);
    });

    it('takes a workshop table’s notes, one idea a line, kept as written', async () => {
      const res = await lulea.post(`/dialog/${dialogue}`, {
        op: 'workshop',
        table: 'Bord 3',
        language: 'sv',
        notes: 'Fler språkcaféer på kvällstid\r\n\r\nMentorer från arbetslivet\nSpråkcafé på kvällarna\n',
      });
      expect(res.statusCode, res.body).toBe(303);
      expect(String(res.headers.location)).toBe(`/dialog/${dialogue}?klart=ok`);
      const rows = await ideaRows();
      expect(rows.map((r) => [r.text, r.source, r.table_label])).toEqual([
        ['Fler språkcaféer på kvällstid', 'workshop', 'Bord 3'],
        ['Mentorer från arbetslivet', 'workshop', 'Bord 3'],
        ['Språkcafé på kvällarna', 'workshop', 'Bord 3'],
      ]);
      const page = (await lulea.get(`/dialog/${dialogue}`)).body;
      for (const r of rows) expect(page).toContain(r.text);
      expect(page).toContain('Bord 3');
    });

    it('hides an idea with a reason and merges a duplicate; both are audited', async () => {
      const [cafe, mentors, duplicate] = await ideaRows();
      const hidden = await lulea.post(`/dialog/${dialogue}`, {
        op: 'hide',
        idea: String(mentors!.id),
        reason: 'Namnger en enskild person',
      });
      expect(hidden.statusCode).toBe(303);
      const merged = await lulea.post(`/dialog/${dialogue}`, {
        op: 'merge',
        idea: String(duplicate!.id),
        into: String(cafe!.id),
      });
      expect(merged.statusCode).toBe(303);
      const rows = await ideaRows();
      expect(rows[1]!.hidden_at).not.toBeNull();
      expect(rows[1]!.hidden_reason).toBe('Namnger en enskild person');
      expect(rows[2]!.merged_into).toBe(cafe!.id);
      const page = (await lulea.get(`/dialog/${dialogue}`)).body;
      expect(page).toContain('Namnger en enskild person');
      expect(await audited('dialogue.idea.hide')).toBe(1);
      expect(await audited('dialogue.idea.merge')).toBe(1);
      // Merging into an idea of no dialogue is refused with a message, nothing changes.
      const bad = await lulea.post(`/dialog/${dialogue}`, {
        op: 'merge',
        idea: String(cafe!.id),
        into: '999999',
      });
      expect(String(bad.headers.location)).toMatch(/fel=/);
      expect((await ideaRows())[0]!.merged_into).toBeNull();
    });

    it('answers an idea, links it to an action, and the public page shows both', async () => {
      const [cafe] = await ideaRows();
      const res = await lulea.post(`/dialog/${dialogue}`, {
        op: 'answer',
        idea: String(cafe!.id),
        answer: 'genomfors',
        reason: 'Ingår i språkcaféets utökning',
        decided_by: 'Arbetsmarknadsnämnden',
        actions: String(world.actions.cafe),
      });
      expect(res.statusCode, res.body).toBe(303);
      expect(String(res.headers.location)).toBe(`/dialog/${dialogue}?klart=ok#idea-${cafe!.id}`);
      expect(await audited('dialogue.idea.answer')).toBe(1);
      const report = await new Browser(app).get(`/forslag/${dialogue}`);
      expect(report.statusCode).toBe(200);
      expect(report.body).toContain('Fler språkcaféer på kvällstid');
      expect(report.body).toContain('Ingår i språkcaféets utökning');
      expect(report.body).toContain('Arbetsmarknadsnämnden');
      // The hidden idea is not on the public page.
      expect(report.body).not.toContain('Mentorer från arbetslivet');
      // An answer outside the four is refused.
      const bad = await lulea.post(`/dialog/${dialogue}`, {
        op: 'answer',
        idea: String(cafe!.id),
        answer: 'kanske',
        reason: 'x',
        decided_by: 'y',
      });
      expect(String(bad.headers.location)).toMatch(/fel=invalid/);
    });

    it('makes a round, opens it and prints participant codes with QR codes', async () => {
      const made = await lulea.post(`/dialog/${dialogue}`, {
        op: 'round',
        method: 'dots',
        title: 'Prioritera på mötet',
        dots: '5',
        max_per_idea: '2',
      });
      expect(made.statusCode).toBe(303);
      const round = await temp.store.db
        .selectFrom('dialogue_round')
        .selectAll()
        .where('dialogue_id', '=', dialogue)
        .executeTakeFirstOrThrow();
      expect([round.method, round.state, round.dots, round.max_per_idea]).toEqual(['dots', 'draft', 5, 2]);
      const opened = await lulea.post(`/dialog/${dialogue}`, { op: 'open', round: String(round.id) });
      expect(opened.statusCode).toBe(303);
      const page = await lulea.get(`/dialog/${dialogue}`);
      const sheet = await lulea.post(`/dialog/${dialogue}/omgang/${round.id}/koder`, { count: '3' });
      expect(sheet.statusCode, sheet.body).toBe(200);
      expect(page.body).toContain('Prioritera på mötet');
      const codes = await temp.store.db
        .selectFrom('dialogue_code')
        .select('code')
        .where('round_id', '=', round.id)
        .execute();
      expect(codes).toHaveLength(3);
      // Stored without the hyphen, printed as ABCD-EFGH.
      for (const { code } of codes) expect(sheet.body).toContain(`${code.slice(0, 4)}-${code.slice(4)}`);
      expect(sheet.body.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
      expect(await audited('dialogue.round.codes')).toBe(1);
      // Too many codes at once: a message, none made.
      const tooMany = await lulea.post(`/dialog/${dialogue}/omgang/${round.id}/koder`, { count: '0' });
      expect(String(tooMany.headers.location)).toMatch(/fel=invalid/);
    });

    it('refuses a post without the CSRF token and an unknown operation', async () => {
      const before = (await ideaRows()).length;
      const noToken = await lulea.post(
        `/dialog/${dialogue}`,
        { op: 'workshop', table: '1', notes: 'Utan token' },
        { csrf: false },
      );
      expect(noToken.statusCode).toBe(403);
      const unknown = await lulea.post(`/dialog/${dialogue}`, { op: 'radera-allt' });
      expect(String(unknown.headers.location)).toBe(`/dialog/${dialogue}?fel=invalid`);
      expect((await ideaRows()).length).toBe(before);
    });

    it("answers another organisation's strategist with a 404", async () => {
      const malmo = new Browser(app, temp.store);
      await malmo.signIn('strateg@malmo.se');
      expect((await malmo.get(`/dialog/${dialogue}`)).statusCode).toBe(404);
      expect((await malmo.get('/dialog')).body).not.toContain('Framtidsverkstad 2027');
      const post = await malmo.post(`/dialog/${dialogue}`, { op: 'workshop', table: '1', notes: 'Intrång' });
      expect(post.statusCode).toBe(404);
      expect((await ideaRows()).map((r) => r.text)).not.toContain('Intrång');
    });
  });
}
