/**
 * The Dialogue rules through the real API on both databases: a code votes once (per pair, per dot
 * ballot), a closed round refuses votes, rules cannot change after opening, a hidden idea stops
 * appearing in pairs, a merge keeps the votes, dot votes are counted exactly; another organisation's
 * dialogue is a 404; answers and the report back follow the plan's approved follow-up.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliResult } from '../../../../test/support/cli.js';
import { DIALECTS } from '../../../../test/support/dialects.js';
import { type DialogueWorld, seedDialogueWorld } from '../../../../test/support/dialogue.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { Random } from '../../../demo/random.js';
import { buildApp } from '../../app.js';

for (const dialect of DIALECTS) {
  describe(`Dialogue API (${dialect})`, () => {
    let temp: TempStore;
    let app: Awaited<ReturnType<typeof buildApp>>;
    let world: DialogueWorld;
    let dialogue: number;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      world = await seedDialogueWorld(temp.store);
      app = await buildApp({
        store: temp.store,
        settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
      });
    });
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    const send = (
      method: 'GET' | 'POST' | 'PATCH',
      url: string,
      payload?: object,
      h?: { authorization: string },
    ) => app.inject({ method, url, headers: h ?? {}, ...(payload ? { payload } : {}) });
    const post = (url: string, payload: object, h?: { authorization: string }) =>
      send('POST', url, payload, h);
    const ideas = async (n: number, prefix: string) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await post(`/api/dialogues/${dialogue}/ideas`, {
          text: `${prefix} ${i + 1}`,
          language: 'sv',
        });
        expect(res.statusCode, res.body).toBe(201);
        ids.push(res.json().id);
      }
      return ids;
    };
    const round = async (body: object) => {
      const res = await post(`/api/dialogues/${dialogue}/rounds`, body, world.lulea);
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as number;
    };
    const codes = async (roundId: number, count: number) => {
      const res = await post(`/api/rounds/${roundId}/codes`, { count }, world.lulea);
      expect(res.statusCode, res.body).toBe(200);
      return res.json().codes as string[];
    };
    const open = (roundId: number) => post(`/api/rounds/${roundId}/open`, {}, world.lulea);
    const results = async (roundId: number) => {
      const res = await send('GET', `/api/rounds/${roundId}/results`);
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as {
        votes: number;
        results: Array<{ idea: number; score: number; dots?: number; wins?: number }>;
      };
    };

    it('creates a dialogue linked to a plan; another organisation gets a 404', async () => {
      const res = await post(
        '/api/dialogues',
        {
          title: 'Vårt Luleå',
          organisation: '2580',
          plan: world.planId,
          purpose: 'Idéer för integrationsprogrammet',
        },
        world.lulea,
      );
      expect(res.statusCode, res.body).toBe(201);
      dialogue = res.json().id;
      expect((await send('GET', `/api/dialogues/${dialogue}`, undefined, world.malmo)).statusCode).toBe(404);
      expect(
        (await post('/api/dialogues', { title: 'x', organisation: '2580' }, world.malmo)).statusCode,
      ).toBe(404);
      const mine = await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea);
      expect(mine.json().phases).toEqual([expect.objectContaining({ phase: 'collect' })]);
      // Writes need a credential: no token, no dialogue.
      expect((await post('/api/dialogues', { title: 'x', organisation: '2580' })).statusCode).toBe(401);
    });

    it('keeps an idea as written in its language; staff add a Swedish rendering marked as theirs', async () => {
      const res = await post(`/api/dialogues/${dialogue}/ideas`, {
        text: 'مقهى لغة في المكتبة',
        language: 'ar',
      });
      expect(res.statusCode, res.body).toBe(201);
      const id = res.json().id;
      const bad = await post(`/api/dialogues/${dialogue}/ideas`, { text: 'x', language: 'de' });
      expect(bad.statusCode).toBe(400);
      expect(
        (
          await post(
            `/api/ideas/${id}/edit`,
            { text_sv: 'Språkcafé på biblioteket', node: world.areas.language },
            world.lulea,
          )
        ).statusCode,
      ).toBe(200);
      expect((await post(`/api/ideas/${id}/edit`, { text_sv: 'x' }, world.malmo)).statusCode).toBe(404);
      const idea = (await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea))
        .json()
        .ideas.find((i: { id: number }) => i.id === id);
      expect(idea).toMatchObject({
        text: 'مقهى لغة في المكتبة',
        language: 'ar',
        text_sv: 'Språkcafé på biblioteket',
        text_sv_by: 'strateg@lulea.se',
        node: world.areas.language,
      });
    });

    it('locks the rules when a round opens', async () => {
      await ideas(3, 'Låsidé');
      const r = await round({ method: 'dots', dots: 5, max_per_idea: 2 });
      expect((await send('PATCH', `/api/rounds/${r}`, { dots: 3 }, world.lulea)).statusCode).toBe(200);
      expect((await open(r)).statusCode).toBe(200);
      const locked = await send('PATCH', `/api/rounds/${r}`, { dots: 10 }, world.lulea);
      expect(locked.statusCode).toBe(409);
      expect(locked.json().code).toBe('rulesLocked');
      expect((await open(r)).statusCode).toBe(409);
      const rules = (await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea))
        .json()
        .rounds.find((x: { id: number }) => x.id === r);
      expect(rules).toMatchObject({ dots: 3, max_per_idea: 2, state: 'open' });
    });

    it('lets a code vote once per round (dots) and once per pair (pairwise); a closed round refuses votes', async () => {
      const ids = await ideas(4, 'Röstidé');
      const dots = await round({ method: 'dots', dots: 3, max_per_idea: 2 });
      const [code, other] = await codes(dots, 2);
      expect((await post(`/api/rounds/${dots}/votes`, { code, ideas: [ids[0]] })).statusCode).toBe(409); // not open
      await open(dots);
      expect(
        (await post(`/api/rounds/${dots}/votes`, { code, ideas: [ids[0], ids[0], ids[0]] })).json().code,
      ).toBe('tooManyDots');
      expect(
        (await post(`/api/rounds/${dots}/votes`, { code, ideas: [ids[0], ids[1], ids[2], ids[3]] })).json()
          .code,
      ).toBe('tooManyDots');
      expect(
        (await post(`/api/rounds/${dots}/votes`, { code: 'AAAA-AAAA', ideas: [ids[0]] })).statusCode,
      ).toBe(403);
      expect(
        (await post(`/api/rounds/${dots}/votes`, { code, ideas: [ids[0], ids[0], ids[1]] })).statusCode,
      ).toBe(201);
      const again = await post(`/api/rounds/${dots}/votes`, { code: code!.toLowerCase(), ideas: [ids[2]] });
      expect(again.statusCode).toBe(409);
      expect(again.json().code).toBe('alreadyVoted');

      const pairwise = await round({ method: 'pairwise' });
      const [p] = await codes(pairwise, 1);
      // A code of one round is no code in another.
      expect(
        (await post(`/api/rounds/${pairwise}/votes`, { code: other, winner: ids[0], loser: ids[1] }))
          .statusCode,
      ).toBe(403);
      await open(pairwise);
      const pair = await send('GET', `/api/rounds/${pairwise}/pair?code=${p}`);
      expect(pair.statusCode, pair.body).toBe(200);
      const { left, right } = pair.json();
      expect(left.id).not.toBe(right.id);
      expect(
        (await post(`/api/rounds/${pairwise}/votes`, { code: p, winner: left.id, loser: right.id }))
          .statusCode,
      ).toBe(201);
      const twice = await post(`/api/rounds/${pairwise}/votes`, {
        code: p,
        winner: right.id,
        loser: left.id,
      });
      expect(twice.statusCode).toBe(409);

      expect((await post(`/api/rounds/${dots}/close`, {}, world.lulea)).statusCode).toBe(200);
      const late = await post(`/api/rounds/${dots}/votes`, { code: other, ideas: [ids[0]] });
      expect(late.statusCode).toBe(409);
      expect(late.json().code).toBe('roundClosed');
      expect((await results(dots)).results.find((x) => x.idea === ids[0])!.dots).toBe(2);
    });

    it('stops showing a hidden idea in pairs and refuses votes on it; the hiding is audited with its reason', async () => {
      const ids = await ideas(3, 'Doldidé');
      const r = await round({ method: 'pairwise' });
      const [code] = await codes(r, 1);
      await open(r);
      const hidden = ids[0]!;
      const hide = await post(
        `/api/ideas/${hidden}/hide`,
        { reason: 'Personuppgifter i texten' },
        world.lulea,
      );
      expect(hide.statusCode, hide.body).toBe(200);
      const seen = new Set<number>();
      for (let i = 0; i < 40; i++) {
        const res = await send('GET', `/api/rounds/${r}/pair?code=${code}`);
        if (res.statusCode === 204) break;
        const { left, right } = res.json();
        seen.add(left.id);
        seen.add(right.id);
        expect(
          (await post(`/api/rounds/${r}/votes`, { code, winner: left.id, loser: right.id })).statusCode,
        ).toBe(201);
      }
      expect(seen.size).toBeGreaterThan(2);
      expect(seen.has(hidden)).toBe(false);
      const other = [...seen][0]!;
      expect((await post(`/api/rounds/${r}/votes`, { code, winner: hidden, loser: other })).json().code).toBe(
        'ideaNotInRound',
      );
      const audit = await temp.store.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'dialogue.idea.hide')
        .execute();
      expect(audit.map((a) => JSON.parse(a.detail).reason)).toContain('Personuppgifter i texten');
    });

    it('keeps the votes when a duplicate is merged (pairwise and dots), and the links follow', async () => {
      const [a, b, c] = await ideas(3, 'Dubblett');
      const pairwise = await round({ method: 'pairwise' });
      const dots = await round({ method: 'dots', dots: 2, max_per_idea: 2 });
      const pc = await codes(pairwise, 3);
      const dc = await codes(dots, 3);
      await open(pairwise);
      await open(dots);
      // a beats c three times; b gets the dots.
      for (const code of pc)
        expect((await post(`/api/rounds/${pairwise}/votes`, { code, winner: a, loser: c })).statusCode).toBe(
          201,
        );
      for (const code of dc)
        expect(
          (
            await post(`/api/rounds/${dots}/votes`, {
              code,
              ideas: [
                { idea: a, dots: 1 },
                { idea: b, dots: 1 },
              ],
            })
          ).statusCode,
        ).toBe(201);
      await post(
        `/api/ideas/${a}/answer`,
        { answer: 'delvis', reason: 'r', decided_by: 'KS', actions: [world.actions.cafe] },
        world.lulea,
      );
      const merge = await post(`/api/ideas/${a}/merge`, { into: b }, world.lulea);
      expect(merge.statusCode, merge.body).toBe(200);
      const pr = await results(pairwise);
      expect(pr.results.find((x) => x.idea === a)).toBeUndefined();
      expect(pr.results.find((x) => x.idea === b)!.wins).toBe(3);
      expect(pr.votes).toBe(3);
      expect((await results(dots)).results.find((x) => x.idea === b)!.dots).toBe(6);
      const report = (await send('GET', `/api/dialogues/${dialogue}/report`)).json();
      const kept = report.ideas.find((i: { id: number }) => i.id === b);
      expect(kept.actions.map((x: { id: number }) => x.id)).toEqual([world.actions.cafe]);
      expect(kept.merged.map((m: { id: number }) => m.id)).toEqual([a]);
    });

    it('counts dot votes exactly (200 simulated participants)', async () => {
      const ids = await ideas(12, 'Prickidé');
      const r = await round({ method: 'dots', dots: 5, max_per_idea: 3 });
      const list = await codes(r, 200);
      await open(r);
      const random = new Random(16);
      const expected = new Map<number, number>();
      for (const code of list) {
        const ballot = new Map<number, number>();
        let left = 1 + Math.floor(random.next() * 5);
        while (left > 0) {
          const idea = ids[Math.floor(random.next() * ids.length)]!;
          if ((ballot.get(idea) ?? 0) >= 3) continue;
          ballot.set(idea, (ballot.get(idea) ?? 0) + 1);
          left--;
        }
        for (const [idea, n] of ballot) expected.set(idea, (expected.get(idea) ?? 0) + n);
        const body = { code, ideas: [...ballot].map(([idea, dots]) => ({ idea, dots })) };
        expect((await post(`/api/rounds/${r}/votes`, body)).statusCode).toBe(201);
      }
      const res = await results(r);
      expect(res.votes).toBe(200);
      for (const id of ids) expect(res.results.find((x) => x.idea === id)!.dots).toBe(expected.get(id) ?? 0);
      const order = res.results.filter((x) => ids.includes(x.idea)).map((x) => x.score);
      expect(order).toEqual([...order].sort((p, q) => q - p));
    });

    it('hides counts of an open round that says so, except from staff', async () => {
      const r = await round({ method: 'dots', dots: 1, hide_counts: true });
      await open(r);
      expect((await send('GET', `/api/rounds/${r}/results`)).json().code).toBe('countsHidden');
      expect((await send('GET', `/api/rounds/${r}/results`, undefined, world.lulea)).statusCode).toBe(200);
      await post(`/api/rounds/${r}/close`, {}, world.lulea);
      expect((await send('GET', `/api/rounds/${r}/results`)).statusCode).toBe(200);
    });

    it('takes ideas during a pairwise round that allows them, and later voters see them', async () => {
      const r = await round({ method: 'pairwise', allow_ideas: true });
      const [code, later] = await codes(r, 2);
      await open(r);
      const added = await post(`/api/dialogues/${dialogue}/ideas`, {
        text: 'Läxhjälp på somaliska',
        language: 'sv',
        code,
      });
      expect(added.statusCode, added.body).toBe(201);
      const id = added.json().id;
      let shown = false;
      for (let i = 0; i < 60 && !shown; i++) {
        const res = await send('GET', `/api/rounds/${r}/pair?code=${later}`);
        const { left, right } = res.json();
        shown = left.id === id || right.id === id;
        await post(`/api/rounds/${r}/votes`, { code: later, winner: left.id, loser: right.id });
      }
      expect(shown).toBe(true);
    });

    it('answers an idea and reports the action status and progress from the approved follow-up', async () => {
      const [id] = await ideas(1, 'Mentorer');
      const answer = await post(
        `/api/ideas/${id}/answer`,
        {
          answer: 'genomfors',
          reason: 'Ingår i programmet',
          decided_by: 'Kommunstyrelsen',
          actions: [world.actions.mentors],
        },
        world.lulea,
      );
      expect(answer.statusCode, answer.body).toBe(200);
      const malmo = await post(
        `/api/ideas/${id}/answer`,
        { answer: 'delvis', reason: 'x', decided_by: 'y' },
        world.malmo,
      );
      expect(malmo.statusCode).toBe(404);
      const before = (await send('GET', `/api/dialogues/${dialogue}/report`))
        .json()
        .ideas.find((i: { id: number }) => i.id === id);
      expect(before).toMatchObject({
        answer: 'genomfors',
        reason: 'Ingår i programmet',
        decided_by: 'Kommunstyrelsen',
      });
      expect(before.actions[0]).toMatchObject({
        id: world.actions.mentors,
        status: 'ej_paborjad',
        progress: null,
      });
      // The follow-up round reports progress; only once approved does the public page show it.
      const entry = {
        kind: 'action',
        item_id: world.actions.mentors,
        period: '2025',
        action_status: 'paborjad',
        progress: 40,
      };
      expect((await post(`/api/plans/${world.planId}/followup`, entry, world.lulea)).statusCode).toBeLessThan(
        300,
      );
      for (const to of ['ready', 'approved'])
        expect(
          (
            await post(
              `/api/plans/${world.planId}/followup/state`,
              { kind: 'action', item_id: world.actions.mentors, period: '2025', to },
              world.lulea,
            )
          ).statusCode,
        ).toBeLessThan(300);
      const after = (await send('GET', `/api/dialogues/${dialogue}/report`))
        .json()
        .ideas.find((i: { id: number }) => i.id === id);
      expect(after.actions[0]).toMatchObject({ status: 'paborjad', progress: 40, period: '2025' });
    });

    it('imports workshop notes from CSV whole, or refuses the file with each line at fault', async () => {
      const dir = temp.env.ETABLERA_DATA_DIR;
      const bad = join(dir, 'bad.csv');
      writeFileSync(
        bad,
        'table,idea,language\nBord 1,Fler praktikplatser,sv\nBord 2,,sv\nBord 3,Idé,de\nBord 4\n',
      );
      const before = (await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea)).json().ideas
        .length;
      const refused = await cliResult(['dialogue', 'import-notes', String(dialogue), bad], { env: temp.env });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('bad.csv:3: the idea is empty');
      expect(refused.stderr).toContain('bad.csv:4: "de" is not a language');
      expect(refused.stderr).toContain('bad.csv:5: expected table,idea[,language]');
      expect(
        (await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea)).json().ideas.length,
      ).toBe(before);
      const good = join(dir, 'good.csv');
      writeFileSync(
        good,
        'Bord 1,Fler praktikplatser\nBord 1,"Samhällsorientering, på kvällstid",sv\nBord 2,Більше мовних кафе,uk\n',
      );
      const done = await cliResult(['dialogue', 'import-notes', String(dialogue), good], { env: temp.env });
      expect(done.stderr).toBe('');
      expect(done.stdout).toContain('imported 3 ideas from 2 tables');
      const all = (await send('GET', `/api/dialogues/${dialogue}`, undefined, world.lulea)).json().ideas;
      expect(all.slice(-3)).toEqual([
        expect.objectContaining({
          text: 'Fler praktikplatser',
          language: 'sv',
          table: 'Bord 1',
          source: 'import',
        }),
        expect.objectContaining({ text: 'Samhällsorientering, på kvällstid', table: 'Bord 1' }),
        expect.objectContaining({ text: 'Більше мовних кафе', language: 'uk', table: 'Bord 2' }),
      ]);
      expect(
        (await cliResult(['dialogue', 'import-notes', '999999', good], { env: temp.env })).stderr,
      ).toContain('no dialogue 999999');
    });
  });
}
