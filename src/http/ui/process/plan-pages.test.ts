/**
 * The individual plan's pages on both databases through real HTTP handling: the case worker changes
 * the plan with the form (a new step, a status, the goal; a version each), writes a guidance note with
 * a follow-up and marks it done; the person reads their plan in their language (Somali draft, marked
 * as a draft; Arabic right to left) and not the notes; another organisation, an unassigned colleague
 * and the person get 404 on the case worker's page and its forms, with nothing written.
 */
import ExcelJS from 'exceljs';
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

for (const dialect of DIALECTS) {
  describe(`individual plan pages (${dialect})`, () => {
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
    const post = (who: ProcessUser, url: string, form: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: {
          authorization: `Bearer ${users[who].token}`,
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams(form).toString(),
      });
    const planOf = async () =>
      (await api(app, users.caseworker.token)('GET', `/api/people/${personId}/plan`)).json();

    beforeAll(async () => {
      ({ temp, users, app } = await startProcessApp(dialect));
      personId = (
        await api(app, users.caseworker.token)('POST', '/api/people', {
          organisation: '2580',
          name: 'Hodan Zq7',
          language: 'so',
        })
      ).json().id;
      await linkNewcomer(temp.store, personId, users.newcomer.userId);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await temp?.destroy();
    });

    it('changes the plan with the form, one version per save', async () => {
      const empty = await page('caseworker', `/personer/${personId}/plan`);
      expect(empty.statusCode).toBe(200);
      expect(empty.body).toContain('Inget mål ännu.');
      const saved = await post('caseworker', `/personer/${personId}/plan`, {
        basedOn: '0',
        goalKind: 'occupation',
        goalLabel: 'Undersköterska',
        newType: 'sfi',
        newTitle: 'Sfi kurs C',
        newOwner: 'partner',
        newPartner: 'Komvux',
        newStart: '2026-09-01',
        newDue: '2027-01-31',
      });
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toContain('klart=plan');
      const v1 = await planOf();
      expect(v1).toMatchObject({
        version: 1,
        goal: { kind: 'occupation', label: 'Undersköterska' },
        steps: [
          { type: 'sfi', title: 'Sfi kurs C', owner: { kind: 'partner', name: 'Komvux' }, due: '2027-01-31' },
        ],
      });
      const stepId = v1.steps[0].id;
      await post('caseworker', `/personer/${personId}/plan`, {
        basedOn: '1',
        goalKind: 'occupation',
        goalLabel: 'Undersköterska',
        [`status.${stepId}`]: 'done',
        [`due.${stepId}`]: '2027-01-31',
      });
      const v2 = await planOf();
      expect(v2).toMatchObject({ version: 2, steps: [{ id: stepId, status: 'done' }] });
      // A stale form: refused with the reason, nothing saved.
      const stale = await post('caseworker', `/personer/${personId}/plan`, { basedOn: '1', goalLabel: 'X' });
      const reason = new URL(String(stale.headers.location), 'http://x').searchParams.get('fel');
      expect(reason).toContain('version 2');
      expect((await planOf()).version).toBe(2);
      const shown = await page('caseworker', `/personer/${personId}/plan`);
      expect(shown.body).toContain('Undersköterska');
      expect(shown.body).toContain('Sfi: Sfi kurs C');
      expect(shown.body).toContain('Version 2');
      const old = await page('caseworker', `/personer/${personId}/plan?version=1`);
      expect(old.body).toContain('Planerat');
    });

    it('records work or studies with the form (what the own KPIs count), names a missing date, and clears it', async () => {
      const before = await planOf();
      // The whole form as the page sends it: every step's status and due date too.
      const form = (version: number, extra: Record<string, string>) => ({
        basedOn: String(version),
        goalKind: 'occupation',
        goalLabel: 'Undersköterska',
        ...Object.fromEntries(
          before.steps.flatMap((st: { id: string; status: string; due: string | null }) => [
            [`status.${st.id}`, st.status],
            [`due.${st.id}`, st.due ?? ''],
          ]),
        ),
        ...extra,
      });
      const noDate = await post(
        'caseworker',
        `/personer/${personId}/plan`,
        form(before.version, { outcomeKind: 'work' }),
      );
      const reason = new URL(String(noDate.headers.location), 'http://x').searchParams.get('fel');
      expect(reason).toContain('outcome.from');
      expect((await planOf()).version).toBe(before.version);

      await post(
        'caseworker',
        `/personer/${personId}/plan`,
        form(before.version, { outcomeKind: 'work', outcomeFrom: '2026-10-01' }),
      );
      const working = await planOf();
      expect(working.outcome).toEqual({ kind: 'work', from: '2026-10-01' });
      expect(working.steps).toEqual(before.steps);
      const shown = await page('caseworker', `/personer/${personId}/plan`);
      expect(shown.body).toMatch(/<option value="work" selected[^>]*>I arbete<\/option>/);
      expect(shown.body).toContain('value="2026-10-01"');

      await post('caseworker', `/personer/${personId}/plan`, form(working.version, { outcomeKind: '' }));
      expect((await planOf()).outcome ?? null).toBeNull();
    });

    it('keeps guidance notes on the page, with a follow-up marked done', async () => {
      const res = await post('caseworker', `/personer/${personId}/anteckningar`, {
        text: 'Pratade om <b>praktik</b> Zq7Note',
        followUpOn: '2026-12-10',
      });
      expect(res.headers.location).toContain('klart=note');
      const shown = await page('caseworker', `/personer/${personId}/plan`);
      expect(shown.body).toContain('Zq7Note');
      expect(shown.body).not.toContain('<b>praktik');
      expect(shown.body).toContain('cw@lulea.se');
      expect(shown.body).toContain('Följ upp senast');
      const noteId = (await api(app, users.caseworker.token)('GET', `/api/people/${personId}/notes`)).json()
        .notes[0].id;
      const done = await post('caseworker', `/personer/${personId}/anteckningar/${noteId}/uppfoljd`, {});
      expect(done.headers.location).toContain('klart=followUp');
      expect((await page('caseworker', `/personer/${personId}/plan`)).body).toContain('Uppföljd');
      const empty = await post('caseworker', `/personer/${personId}/anteckningar`, { text: ' ' });
      expect(new URL(String(empty.headers.location), 'http://x').searchParams.get('fel')).toContain('text');
    });

    it('shows the person their plan in their language, marked as a draft, without the notes', async () => {
      const so = await page('newcomer', '/min-sida/plan?lang=so');
      expect(so.statusCode).toBe(200);
      expect(so.body).toContain('Qorshahayga');
      expect(so.body).toContain('tarjumaad qabyo');
      expect(so.body).toContain('Undersköterska');
      expect(so.body).not.toContain('Zq7Note');
      const ar = await page('newcomer', '/min-sida/plan?lang=ar');
      expect(ar.body).toMatch(/lang="ar" dir="rtl"/);
      expect(ar.body).toContain('خطتي');
      const sv = await page('newcomer', '/min-sida/plan');
      expect(sv.body).not.toContain('utkast till översättning');
      expect((await page('newcomer', '/min-sida?lang=so')).body).toContain('/min-sida/plan');
    });

    it('shows the ladder: the proposal for the case worker to confirm, the person their level and what comes next', async () => {
      await api(app, users.processAdmin.token)('PUT', '/api/organisations/2580/ladder', {
        levels: [
          { level: 1, name: 'Plan klar', rule: { var: 'plan.made' }, needs: { sv: 'En plan' } },
          {
            level: 2,
            name: 'Praktik',
            rule: { '>=': [{ var: 'started.praktik' }, 1] },
            needs: { sv: 'x', so: 'Tababar shaqo' },
          },
        ],
      });
      const shown = await page('caseworker', `/personer/${personId}/plan`);
      expect(shown.body).toContain('Reglerna föreslår nivå 1');
      const confirmed = await post('caseworker', `/personer/${personId}/stege`, { level: '1' });
      expect(confirmed.headers.location).toContain('klart=ladder');
      const again = await post('caseworker', `/personer/${personId}/stege`, { level: '2' });
      expect(new URL(String(again.headers.location), 'http://x').searchParams.get('fel')).toContain('nivå 2');
      const own = await page('newcomer', '/min-sida/plan?lang=so');
      expect(own.body).toContain('Heerka 1: Plan klar');
      expect(own.body).toContain('Tababar shaqo');
      expect(own.body).not.toContain('Bekräfta');
      expect((await post('otherOrg', `/personer/${personId}/stege`, { level: '2' })).statusCode).toBe(404);
    });

    it('answers 404 to another organisation, an unassigned colleague and the person on the case worker pages', async () => {
      const before = await planOf();
      for (const who of ['otherOrg', 'otherOrgAdmin', 'colleague', 'newcomer'] as const) {
        const res = await page(who, `/personer/${personId}/plan`);
        expect(res.statusCode, who).toBe(404);
        expect(res.body).not.toContain('Undersköterska');
        for (const url of [
          `/personer/${personId}/plan`,
          `/personer/${personId}/anteckningar`,
          `/personer/${personId}/plan/fran-matchning`,
        ])
          expect(
            (await post(who, url, { text: 'x', goalLabel: 'x', occupation: 'x' })).statusCode,
            `${who} ${url}`,
          ).toBe(404);
      }
      expect((await planOf()).version).toBe(before.version);
      expect((await page('otherOrg', '/min-sida/plan')).statusCode).toBe(403);
    });

    it('keeps a script tag or a formula typed into the plan as text: escaped on the page, neutralised in CSV and XLSX', async () => {
      // Issue 18: free text is stored as written, shown escaped, and never runs in a spreadsheet.
      const typed = '=HYPERLINK("http://x.example","y")<script>alert(1)</script>';
      const current = await planOf();
      const saved = await post('caseworker', `/personer/${personId}/plan`, {
        basedOn: String(current.version),
        goalKind: 'occupation',
        goalLabel: 'Undersköterska',
        newType: 'other',
        newTitle: typed,
        newOwner: 'person',
        newDue: '2027-06-30',
      });
      expect(saved.statusCode).toBe(303);
      expect((await planOf()).steps.map((s: { title: string }) => s.title)).toContain(typed);
      const html = (await page('caseworker', `/personer/${personId}/plan`)).body;
      expect(html).not.toContain('<script>alert(1)');
      expect(html).toContain('&lt;script>alert(1)&lt;/script>');
      const csv = (await page('caseworker', `/personer/${personId}/plan.csv`)).body;
      expect(csv).toContain(`'=HYPERLINK(""http://x.example"",""y"")<script>`);
      expect(csv).not.toMatch(/(^|[,;\n])"?=HYPERLINK/);
      const xlsx = await page('caseworker', `/personer/${personId}/plan.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const cells: unknown[] = [];
      workbook.worksheets[0]!.eachRow((row) =>
        row.eachCell((cell) => {
          cells.push(cell.type === ExcelJS.ValueType.Formula ? 'FORMULA' : cell.value);
        }),
      );
      expect(cells).toContain(`'${typed}`);
      expect(cells).not.toContain('FORMULA');
    });
  });
}
