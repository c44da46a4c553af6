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
import { FollowupService, type IndicatorFollowup } from './followup.service.js';
import { importOwnValuesCsv, OwnValueError, setOwnValues } from './own-values.js';
import { importPlanFile } from './plan.service.js';
import { readPlanFile } from './plan-file.js';
import { computeTrend, type SeriesPoint } from './trend.js';

const lulea = HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '';
// Without ../shared the suites below are skipped, but vitest still collects their bodies.
const om98 = HAS_FULL_DATA
  ? readPlanFile(lulea).doc!.nodes[0]!.indicators!.find((i) => i.code === 'ÖM.9.8')
  : undefined;
const published = om98?.published ?? {};

function series(byPeriod: Record<string, number>): SeriesPoint[] {
  return Object.entries(byPeriod).map(([period, value]) => ({ period, value }));
}

describeFullData("trend methods on Luleå's published ÖM.9.8 series (2015–2024)", () => {
  const total = series(published.T ?? {});
  const trend = (method: 'regression' | 'baseline_latest' | 'last_two') =>
    computeTrend(total, method, { direction: 'higher' })!;

  it('regression 2015–2024: about flat, slightly up', () => {
    const t = trend('regression');
    expect(t).toMatchObject({ from: '2015', to: '2024', n: 10, movement: 'up', direction: 'better' });
    expect(t.slope).toBeGreaterThan(0);
    expect(t.slope).toBeLessThan(1); // percentage points a year, on a level around 46
  });

  it('baseline 2015 → latest: down', () => {
    expect(trend('baseline_latest')).toMatchObject({
      from: '2015',
      to: '2024',
      change: -4,
      direction: 'worse',
    });
  });

  it('last two periods: a sharp drop', () => {
    const t = trend('last_two');
    expect(t).toMatchObject({ from: '2023', to: '2024', change: -27, direction: 'worse' });
    expect(t.relative_change!).toBeLessThan(-0.4);
  });

  it('a lower-is-better indicator reads the same movement the other way; a small change is unchanged', () => {
    expect(computeTrend(total, 'last_two', { direction: 'lower' })!.direction).toBe('better');
    const flat = series({ 2020: 50, 2021: 51 });
    expect(computeTrend(flat, 'last_two', { direction: 'higher' })).toMatchObject({
      movement: 'flat',
      direction: 'unchanged',
    });
  });
});

for (const dialect of DIALECTS) {
  describeFullData(`follow-up on the real data (${dialect})`, () => {
    let temp: TempStore;
    let plans: PlanRepository;
    let service: FollowupService;
    let comparison: ComparisonService;
    let planId: number;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      plans = new PlanRepository(temp.store.db);
      comparison = new ComparisonService(
        new ComparisonRepository(temp.store.db),
        new StoreMetaRepository(temp.store.db),
      );
      service = new FollowupService(plans, comparison);
      planId = await importPlanFile(plans, lulea, 'lulea.yaml');
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    const indicator = async (period: string, code: string): Promise<IndicatorFollowup> =>
      (await service.followup(planId, period)).indicators.find((i) => i.code === code)!;

    it("ÖM.9.8 (N00973, Luleå 2580) gives, rounded, Luleå's published series for 2015–2022", async () => {
      const f = await indicator('2022', 'ÖM.9.8');
      expect(f.kolada).toEqual({ kpi: 'N00973', municipality: '2580', gender: 'T' });
      expect(f.source_note).toBe('Källa: Kolada');
      const years = ['2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022'];
      expect(f.values.map((v) => v.period)).toEqual(years);
      const rounded = (
        rows: { period: string; T: number | null; K: number | null; M: number | null }[],
        g: 'T' | 'K' | 'M',
      ) => Object.fromEntries(rows.map((r) => [r.period, Math.round(r[g]!)]));
      const pick = (s: Record<string, number>) => Object.fromEntries(years.map((y) => [y, s[y]]));
      expect(rounded(f.values, 'T')).toEqual(pick(published.T!));
      expect(rounded(f.values, 'K')).toEqual(pick(published.K!));
      expect(rounded(f.values, 'M')).toEqual(pick(published.M!));
      expect(rounded(f.riket!, 'T')).toEqual(pick(published.riket!));
      expect(f.comparison).toMatchObject({ kind: 'riket', computed_by: 'kolada' });
    });

    it("Riket is Kolada's own 0000 value, not a mean Etablera computes", async () => {
      const f = await indicator('2022', 'ÖM.9.8');
      const riket2021 = f.riket!.find((r) => r.period === '2021')!.T!;
      const years = await comparison.yearValues([{ kpi: 'N00973', period: 2021 }]);
      const { kommunIds } = await comparison.catalog();
      const mean = years.get('N00973:2021')!.meanOf(kommunIds).value!;
      expect(riket2021).toBe(years.get('N00973:2021')!.value('0000'));
      expect(Math.abs(riket2021 - mean)).toBeGreaterThan(0.5);
    });

    it('computes the chosen trend method on the Kolada series up to the period', async () => {
      const f = await indicator('2022', 'ÖM.9.8');
      expect(f.trend).toMatchObject({ method: 'regression', from: '2015', to: '2022', n: 8 });
      const at2021 = await indicator('2021', 'ÖM.9.8');
      expect(at2021.values.at(-1)?.period).toBe('2021');
      expect(at2021.trend?.to).toBe('2021');
    });

    it("compares with the SKR kommungrupp as Etablera's mean of its members (Position's reference groups)", async () => {
      const text = lulea.replace(
        '{code: "ÖM.9.6", title: "Andel gymnasieelever med examen inom fyra år, folkbokförda i kommunen", direction: higher, unit: "%", kolada: {kpi: N17461, municipality: "2580", gender: T}, compare_with: riket}',
        '{code: "ÖM.9.6", title: "Andel gymnasieelever med examen inom fyra år, folkbokförda i kommunen", direction: higher, unit: "%", kolada: {kpi: N17461, municipality: "2580", gender: T}, compare_with: kommungrupp}',
      );
      expect(text).not.toBe(lulea);
      const id = await importPlanFile(plans, text, 'lulea-kommungrupp.yaml');
      const f = (await service.followup(id, '2022')).indicators.find((i) => i.code === 'ÖM.9.6')!;
      expect(f.comparison?.kind).toBe('kommungrupp');
      expect(f.comparison?.computed_by).toBe('etablera');
      expect(f.comparison?.group_id).toMatch(/^G9278\d|G9279\d$/);
      const last = f.comparison!.values.at(-1)!;
      const { reference } = await comparison.resolveReference('2580', f.comparison!.group_id!, []);
      const years = await comparison.yearValues([{ kpi: 'N17461', period: Number(last.period) }]);
      expect(last.value).toBeCloseTo(years.get(`N17461:${last.period}`)!.meanOf(reference.members).value!, 9);
    });

    it('gives the verdict of the period, action status and the summary line', async () => {
      const f = await service.followup(planId, '2020');
      expect(f.nodes[0]?.verdict).toMatchObject({ key: 'osakert', label: 'Osäkert om målet kan nås' });
      expect(f.nodes[0]?.verdict?.icon).toBeTruthy();
      expect(f.actions[0]?.status).toBe('paborjad');
      expect(f.summary.indicators.total).toBe(8);
      const { positive, negative, unchanged, without_trend } = f.summary.indicators;
      expect(positive + negative + unchanged + without_trend).toBe(8);
      expect(positive).toBe(f.indicators.filter((i) => i.trend?.direction === 'better').length);
      expect(f.summary.by_area).toHaveLength(1);
      expect(f.summary.by_responsible[0]?.responsible).toBe('Arbetsmarknads- och utbildningsförvaltningen');
      expect((await service.followup(planId, '2021')).nodes[0]?.verdict).toBeNull();
    });

    it('own measures: values from CSV and the API, refused whole when any row is wrong', async () => {
      const csv = 'indicator,period,value,gender\nÖM.9.4,2020,4.8,T\nÖM.9.4,2021,4.2\n';
      expect(await importOwnValuesCsv(plans, planId, csv, 'v.csv', 'test')).toBe(2);
      await setOwnValues(
        plans,
        (await indicator('2021', 'ÖM.9.4')).id,
        [{ period: '2022', value: 3.9 }],
        'api',
      );
      const f = await indicator('2022', 'ÖM.9.4');
      expect(f.values.map((v) => [v.period, v.T])).toEqual([
        ['2019', 5.1],
        ['2020', 4.8],
        ['2021', 4.2],
        ['2022', 3.9],
      ]);
      expect(f.trend?.direction).toBe('better'); // direction lower, values falling
      const bad = 'indicator,period,value\nÖM.9.4,2023,1\nÖM.9.4,20x3,1\nÖM.9.8,2023,1\n';
      const error = await importOwnValuesCsv(plans, planId, bad, 'bad.csv', 'test').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OwnValueError);
      expect((error as Error).message).toMatch(/^bad\.csv:3: bad period "20x3"/m);
      expect((error as Error).message).toMatch(/^bad\.csv:4: indicator ÖM\.9\.8 reads Kolada N00973/m);
      expect((await indicator('2023', 'ÖM.9.4')).values.at(-1)?.period).toBe('2022');
    });
  });
}
