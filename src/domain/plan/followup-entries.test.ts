import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../test/support/plan-files.js';
import { describeFullData, HAS_FULL_DATA } from '../../../test/support/real-data.js';
import { copyRealSubset } from '../../../test/support/real-subset.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { ComparisonRepository } from '../../store/repositories/comparison.repository.js';
import { PlanRepository } from '../../store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import { ComparisonService } from '../comparison/comparison.service.js';
import { FollowupService } from './followup.service.js';
import { advanceFollowup, FollowupInputError, recordFollowup } from './followup-entries.js';
import { followupExport } from './followup-export.js';
import { importPlanFile } from './plan.service.js';

for (const dialect of DIALECTS) {
  describeFullData(`follow-up rounds (${dialect})`, () => {
    let temp: TempStore;
    let plans: PlanRepository;
    let service: FollowupService;
    let planId: number;
    let ids: { node: number; om98: number; action: number };

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      plans = new PlanRepository(temp.store.db);
      service = new FollowupService(
        plans,
        new ComparisonService(
          new ComparisonRepository(temp.store.db),
          new StoreMetaRepository(temp.store.db),
        ),
      );
      planId = await importPlanFile(
        plans,
        HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '',
        'lulea.yaml',
      );
      const c = (await plans.contents(planId))!;
      ids = {
        node: c.nodes[0]!.id,
        om98: c.indicators.find((i) => i.code === 'ÖM.9.8')!.id,
        action: c.actions[0]!.id,
      };
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const rejects = async (work: Promise<unknown>, field: string) => {
      const error = await work.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(FollowupInputError);
      expect((error as FollowupInputError).field).toBe(field);
    };

    it('draft → ready → approved with who and when; the public view shows only approved entries', async () => {
      await recordFollowup(
        plans,
        planId,
        { kind: 'node', itemId: ids.node, period: '2022', verdict: 'troligt', comment: 'Fler i arbete.' },
        'anna',
      );
      await recordFollowup(
        plans,
        planId,
        { kind: 'action', itemId: ids.action, period: '2022', actionStatus: 'forsenad', progress: 40 },
        'anna',
      );
      let f = await service.followup(planId, '2022');
      expect(f.nodes[0]?.verdict?.key).toBe('troligt');
      expect(f.nodes[0]?.followup).toMatchObject({
        state: 'draft',
        updated_by: 'anna',
        comment: 'Fler i arbete.',
      });
      expect(f.actions[0]).toMatchObject({ status: 'forsenad', progress: 40 });
      expect(f.summary.actions.forsenad).toBe(1);
      expect((await service.followup(planId, '2022', { approvedOnly: true })).nodes[0]?.verdict).toBeNull();

      await rejects(advanceFollowup(plans, planId, 'node', ids.node, '2022', 'approved', 'bo'), 'state');
      const ready = await advanceFollowup(plans, planId, 'node', ids.node, '2022', 'ready', 'anna');
      expect(ready).toMatchObject({ state: 'ready', ready_by: 'anna' });
      const approved = await advanceFollowup(plans, planId, 'node', ids.node, '2022', 'approved', 'bo');
      expect(approved).toMatchObject({ state: 'approved', ready_by: 'anna', approved_by: 'bo' });
      f = await service.followup(planId, '2022', { approvedOnly: true });
      expect(f.nodes[0]?.verdict?.key).toBe('troligt');
      expect(f.actions[0]?.status).toBe('paborjad'); // the action's entry is still a draft: not public

      // Changing an approved entry sends it back to draft; the history keeps every step.
      await recordFollowup(
        plans,
        planId,
        { kind: 'node', itemId: ids.node, period: '2022', comment: 'Rättad.' },
        'anna',
      );
      expect(await plans.followup(planId, 'node', ids.node, '2022')).toMatchObject({
        state: 'draft',
        verdict: 'troligt',
        approved_by: null,
      });
      const history = (await plans.followupChanges(planId)).filter(
        (c) => c.item_kind === 'node' && c.period === '2022',
      );
      expect(history.map((h) => JSON.parse(h.after).state)).toEqual(['draft', 'ready', 'approved', 'draft']);
      expect(JSON.parse(history[3]!.before!).state).toBe('approved');
    });

    it('an override of the computed trend needs a reason and is shown as one', async () => {
      await rejects(
        recordFollowup(
          plans,
          planId,
          { kind: 'indicator', itemId: ids.om98, period: '2022', trendOverride: 'worse' },
          'anna',
        ),
        'override_reason',
      );
      await recordFollowup(
        plans,
        planId,
        {
          kind: 'indicator',
          itemId: ids.om98,
          period: '2022',
          trendOverride: 'worse',
          overrideReason: 'Färre nyanlända 2022.',
        },
        'anna',
      );
      const i = (await service.followup(planId, '2022')).indicators.find((x) => x.id === ids.om98)!;
      expect(i.trend?.direction).toBe('better');
      expect(i.trend_override).toEqual({ direction: 'worse', reason: 'Färre nyanlända 2022.' });
      expect(i.effective_direction).toBe('worse');
    });

    it('refuses a verdict off the scale, a period outside the plan and an item of another plan', async () => {
      await rejects(
        recordFollowup(
          plans,
          planId,
          { kind: 'node', itemId: ids.node, period: '2022', verdict: 'bra' },
          'a',
        ),
        'verdict',
      );
      await rejects(
        recordFollowup(
          plans,
          planId,
          { kind: 'node', itemId: ids.node, period: '2031', verdict: 'saknas' },
          'a',
        ),
        'period',
      );
      await rejects(
        recordFollowup(plans, planId, { kind: 'node', itemId: 999999, period: '2022' }, 'a'),
        'item',
      );
      await rejects(
        recordFollowup(
          plans,
          planId,
          { kind: 'action', itemId: ids.action, period: '2022', progress: 140 },
          'a',
        ),
        'progress',
      );
      // "Bedömning saknas" is a verdict like any other.
      await recordFollowup(
        plans,
        planId,
        { kind: 'node', itemId: ids.node, period: '2021', verdict: 'saknas' },
        'a',
      );
      expect((await service.followup(planId, '2021')).nodes[0]?.verdict).toMatchObject({
        key: 'saknas',
        missing: true,
      });
    });

    it('exports the follow-up in the IATI-like results shape', async () => {
      const out = followupExport(await service.followup(planId, '2022'));
      expect(out.format).toBe('etablera-followup/1');
      expect(out.period).toEqual({ label: '2022', 'period-start': '2022-01-01', 'period-end': '2022-12-31' });
      const result = out.results[0]!;
      expect(result.verdict?.code).toBe('troligt');
      const ind = result.indicators.find((i) => i.ref === 'ÖM.9.8')!;
      expect(ind.ascending).toBe(true);
      expect(ind.source).toMatchObject({ note: 'Källa: Kolada' });
      expect(ind.period.map((p) => p['period-start'])).toContain('2015-01-01');
      expect(Math.round(ind.period.find((p) => p['period-start'] === '2022-01-01')!.actual!.value!)).toBe(49);
      expect(result.actions[0]?.status).toBe('forsenad');
    });
  });
}
