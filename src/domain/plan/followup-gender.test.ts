/**
 * An indicator that reads women's (or men's) values is compared with women's (men's) values too:
 * Riket's own value for that gender, and the unweighted mean of the comparison group's members for
 * that gender. On the committed fixture, both backends.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createFixtureStore } from '../../../test/support/fixture.js';
import type { TempStore } from '../../../test/support/temp-store.js';
import { ComparisonRepository } from '../../store/repositories/comparison.repository.js';
import { PlanRepository } from '../../store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import { ComparisonService } from '../comparison/comparison.service.js';
import { FollowupService, type IndicatorFollowup } from './followup.service.js';
import { importPlanFile } from './plan.service.js';

const PLAN = `plan:
  title: "Kön i jämförelsen (test)"
  organisation: "1282"
  periods: {kind: ar, from: 2018, to: 2022}
  nodes:
    - code: "1"
      type: mal
      title: "Fler kvinnor i arbete"
      indicators:
        - {code: "1.1", title: "Kvinnor mot riket", direction: higher, unit: "%", kolada: {kpi: N00700, gender: K}, compare_with: riket}
        - {code: "1.2", title: "Kvinnor mot kommungruppen", direction: higher, unit: "%", kolada: {kpi: N00700, gender: K}, compare_with: kommungrupp}
        - {code: "1.3", title: "Män mot kommungruppen", direction: higher, unit: "%", kolada: {kpi: N00700, gender: M}, compare_with: kommungrupp}
`;

for (const dialect of DIALECTS) {
  describe(`follow-up comparisons by gender (${dialect})`, () => {
    let temp: TempStore;
    let indicators: IndicatorFollowup[];
    const value = async (municipality: string, gender: string, period: number) =>
      (
        await sql<{ value: number | null }>`select value from value where kpi_id = 'N00700'
          and municipality_id = ${municipality} and gender = ${gender} and period = ${period}`.execute(
          temp.store.db,
        )
      ).rows[0]?.value ?? null;

    beforeAll(async () => {
      temp = await createFixtureStore(dialect);
      const plans = new PlanRepository(temp.store.db);
      const planId = await importPlanFile(plans, PLAN, 'plan.yaml');
      const comparison = new ComparisonService(
        new ComparisonRepository(temp.store.db),
        new StoreMetaRepository(temp.store.db),
      );
      indicators = (await new FollowupService(plans, comparison).followup(planId, '2022')).indicators;
    });
    afterAll(() => temp?.destroy());

    it("compares with Riket's own value of the indicator's gender", async () => {
      const riket = indicators.find((i) => i.code === '1.1')!.comparison!;
      expect(riket.kind).toBe('riket');
      expect(riket.values.find((v) => v.period === '2022')?.value).toBe(await value('0000', 'K', 2022));
      expect(await value('0000', 'K', 2022)).not.toBe(await value('0000', 'T', 2022));
    });

    it("compares with the group's mean of the indicator's gender", async () => {
      for (const [code, gender] of [
        ['1.2', 'K'],
        ['1.3', 'M'],
      ] as const) {
        const group = indicators.find((i) => i.code === code)!.comparison!;
        expect(group.kind).toBe('kommungrupp');
        const members = (
          await temp.store.db
            .selectFrom('municipality_group_member')
            .select('municipality_id')
            .where('group_id', '=', group.group_id!)
            .execute()
        ).map((m) => m.municipality_id);
        const present = (await Promise.all(members.map((m) => value(m, gender, 2022)))).filter(
          (v): v is number => v !== null,
        );
        const mean = present.reduce((a, b) => a + b, 0) / present.length;
        expect(present.length, code).toBeGreaterThan(3);
        expect(group.values.find((v) => v.period === '2022')?.value, code).toBeCloseTo(mean, 9);
      }
    });
  });
}
