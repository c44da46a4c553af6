/**
 * Plan's follow-up reports in the store, on both backends: the template upsert, a plan's reports in
 * order, the latest version of a period's report in its scope and language, the state machine's
 * compare-and-set, and the frozen files.
 */
import type { Insertable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import type { PlanReportTable } from '../report-schema.js';
import type { ReportRepository } from './report.repository.js';

const AT = '2026-03-01T09:00:00.000Z';

for (const dialect of DIALECTS) {
  describe(`plan reports on ${dialect}`, () => {
    let temp: TempStore;
    let reports: ReportRepository;
    let planA: number;
    let planB: number;

    const report = (plan: number, extra: Partial<Insertable<PlanReportTable>> = {}) =>
      reports.insert({
        plan_id: plan,
        organisation_id: '2580',
        period: '2025',
        scope: 'plan',
        lang: 'sv',
        version: 1,
        state: 'draft',
        template: '{"sections":[]}',
        created_by: 'u1',
        created_at: AT,
        activated_by: null,
        activated_at: null,
        approved_by: null,
        approved_at: null,
        frozen_by: null,
        frozen_at: null,
        snapshot: null,
        ...extra,
      });

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      reports = temp.store.repositories.reports;
      const plan = (lineage: string) =>
        temp.store.repositories.plans.insertPlan({
          organisation_id: '2580',
          lineage,
          version: 1,
          status: 'adopted',
          title: lineage,
          municipality_id: '2580',
          vision: null,
          decision: null,
          source: null,
          period_kind: 'ar',
          period_from: 2024,
          period_to: 2027,
          deadline_rule: '{}',
          is_public: 0,
          created_at: AT,
          adopted_at: AT,
        });
      planA = await plan('a');
      planB = await plan('b');
    }, 300_000);
    afterAll(() => temp.destroy());

    it('keeps one template per plan and replaces it whole', async () => {
      expect(await reports.template(planA)).toBeUndefined();
      await reports.saveTemplate(planA, 'first', 'u1', AT);
      await reports.saveTemplate(planB, 'of b', 'u1', AT);
      await reports.saveTemplate(planA, 'second', 'u2', '2026-03-02T09:00:00.000Z');
      expect(await reports.template(planA)).toBe('second');
      expect(await reports.template(planB)).toBe('of b');
      const row = await temp.store.db
        .selectFrom('plan_report_template')
        .selectAll()
        .where('plan_id', '=', planA)
        .executeTakeFirst();
      expect(row).toEqual({
        plan_id: planA,
        template: 'second',
        updated_by: 'u2',
        updated_at: '2026-03-02T09:00:00.000Z',
      });
    });

    it("lists a plan's reports in order without their snapshots, and finds the latest version of one", async () => {
      const v1 = await report(planA, {
        snapshot: '{"frozen":1}',
        state: 'frozen',
        frozen_by: 'u3',
        frozen_at: AT,
      });
      const v3 = await report(planA, { version: 3 });
      const v2 = await report(planA, { version: 2 });
      const en = await report(planA, { version: 4, lang: 'en' });
      const goal = await report(planA, { version: 5, scope: '17' });
      const other = await report(planA, { version: 6, period: '2024' });
      const ofB = await report(planB, { version: 7 });
      const listed = await reports.reports(planA);
      expect(listed.map((r) => r.id)).toEqual([v1, v3, v2, en, goal, other]);
      expect(listed[0]).toEqual({
        id: v1,
        plan_id: planA,
        organisation_id: '2580',
        period: '2025',
        scope: 'plan',
        lang: 'sv',
        version: 1,
        state: 'frozen',
        template: '{"sections":[]}',
        created_by: 'u1',
        created_at: AT,
        activated_by: null,
        activated_at: null,
        approved_by: null,
        approved_at: null,
        frozen_by: 'u3',
        frozen_at: AT,
      });
      expect((await reports.report(v1))?.snapshot).toBe('{"frozen":1}');
      expect(await reports.report(999_999)).toBeUndefined();
      expect((await reports.latest(planA, '2025', 'plan', 'sv'))?.id).toBe(v3);
      expect((await reports.latest(planA, '2025', 'plan', 'en'))?.id).toBe(en);
      expect((await reports.latest(planA, '2025', '17', 'sv'))?.id).toBe(goal);
      expect((await reports.latest(planA, '2024', 'plan', 'sv'))?.id).toBe(other);
      expect((await reports.latest(planB, '2025', 'plan', 'sv'))?.id).toBe(ofB);
      expect(await reports.latest(planB, '2025', 'plan', 'en')).toBeUndefined();
    });

    it('moves a report on only from the state given', async () => {
      const id = await report(planB, { period: '2026' });
      const other = await report(planB, { period: '2026', version: 2 });
      expect(await reports.advance(id, 'activated', { state: 'approved' })).toBe(false);
      expect(
        await reports.advance(id, 'draft', { state: 'activated', activated_by: 'u2', activated_at: AT }),
      ).toBe(true);
      expect(await reports.advance(id, 'draft', { state: 'activated', activated_by: 'u9' })).toBe(false);
      expect(await reports.report(id)).toMatchObject({
        state: 'activated',
        activated_by: 'u2',
        activated_at: AT,
      });
      expect(await reports.report(other)).toMatchObject({ state: 'draft', activated_by: null });
    });

    it("keeps a report's frozen files by format", async () => {
      const id = await report(planB, { period: '2027' });
      const other = await report(planB, { period: '2027', version: 2 });
      await reports.insertFile(id, 'pdf', Buffer.from('%PDF-1.7 bytes'), 'sha-pdf');
      await reports.insertFile(id, 'docx', Buffer.from([0, 1, 2]), 'sha-docx');
      await reports.insertFile(other, 'pdf', Buffer.from('other'), 'sha-other');
      expect(await reports.file(id, 'pdf')).toEqual({
        content: Buffer.from('%PDF-1.7 bytes'),
        sha256: 'sha-pdf',
      });
      expect(Buffer.isBuffer((await reports.file(id, 'docx'))?.content)).toBe(true);
      expect(await reports.file(id, 'html')).toBeUndefined();
      expect(await reports.files(id)).toEqual([
        { format: 'docx', sha256: 'sha-docx', bytes: 3 },
        { format: 'pdf', sha256: 'sha-pdf', bytes: 14 },
      ]);
      expect(await reports.files(other)).toEqual([{ format: 'pdf', sha256: 'sha-other', bytes: 5 }]);
    });

    it('runs work in one transaction, and nests into a running one', async () => {
      await expect(
        reports.transaction(async (repo) => {
          await repo.saveTemplate(planB, 'rolled back', 'u1', AT);
          expect(await repo.template(planB)).toBe('rolled back');
          await repo.transaction(async (inner) => inner.saveTemplate(planB, 'inner', 'u1', AT));
          throw new Error('stop');
        }),
      ).rejects.toThrow('stop');
      expect(await reports.template(planB)).toBe('of b');
      await reports.transaction(async (repo, trx) => {
        expect(trx.isTransaction).toBe(true);
        await repo.saveTemplate(planB, 'kept', 'u1', AT);
      });
      expect(await reports.template(planB)).toBe('kept');
    });
  });
}
