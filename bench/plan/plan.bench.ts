/**
 * Plan benchmark (npm run bench:plan [sqlite|postgres]): a plan of 300 indicators (two thirds bound
 * to Kolada KPIs of the committed fixture, with Riket and kommungrupp comparisons; a third own
 * measures) and 200 actions over 10 yearly periods, with a verdict for every node and period. Measures
 * the server time (in-process requests, p50 and p90 after a warm-up) of
 *   - the follow-up JSON   GET /api/plans/{id}/followup?period=2022   (budget p50 ≤ 50 ms)
 *   - the overview page    GET /plan/{id}?period=2022                 (budget p50 ≤ 100 ms)
 * beside the raw queries they need (the plan's rows, the period's entries, the Kolada series),
 * measured the same way in the same run.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { AccountService } from '../../src/accounts/account.service.js';
import { TokenService } from '../../src/accounts/token.service.js';
import { loadSettings } from '../../src/config/settings.js';
import { ComparisonService } from '../../src/domain/comparison/comparison.service.js';
import { FollowupService } from '../../src/domain/plan/followup.service.js';
import { writePlan } from '../../src/domain/plan/plan.service.js';
import type { ActionDoc, IndicatorDoc, NodeDoc, PlanDoc } from '../../src/domain/plan/plan-document.js';
import { buildApp } from '../../src/http/app.js';
import { ComparisonRepository } from '../../src/store/repositories/comparison.repository.js';
import { PlanRepository } from '../../src/store/repositories/plan.repository.js';
import { StoreMetaRepository } from '../../src/store/repositories/store-meta.repository.js';
import { createFixtureStore } from '../../test/support/fixture.js';
import { FIXTURE_KPIS } from '../../test/support/fixture-spec.js';
import { percentile } from '../lib/stats.js';

const dialect = process.argv[2] === 'postgres' ? 'postgres' : 'sqlite';
const RUNS = Number(process.env.PLAN_BENCH_RUNS ?? 60);
const WARMUP = 10;
const STATUSES = ['ej_paborjad', 'paborjad', 'forsenad', 'genomford', 'avford'] as const;
const LEVELS = ['uppnatt', 'troligt', 'osakert', 'inte_troligt', 'saknas'];

/** 5 goal areas × 6 goals × 2 sub-goals; 5 indicators on each of the 60 sub-goals; 200 actions. */
function benchPlan(): PlanDoc {
  let indicator = 0;
  let action = 0;
  const verdicts = (k: number) =>
    Array.from({ length: 10 }, (_, p) => ({
      period: String(2013 + p),
      level: LEVELS[(k + p) % LEVELS.length]!,
    }));
  const indicators = (): IndicatorDoc[] =>
    Array.from({ length: 5 }, (): IndicatorDoc => {
      const i = indicator++;
      if (i % 3 === 2)
        return {
          code: `I${i}`,
          title: `Eget mått ${i}`,
          direction: 'higher',
          unit: '%',
          values: {
            T: Object.fromEntries(
              Array.from({ length: 10 }, (_, p) => [String(2013 + p), 40 + ((i * 7 + p * 3) % 30)]),
            ),
          },
          targets: { '2022': 60, '2024': 70 },
        };
      return {
        code: `I${i}`,
        title: `Kolada-indikator ${i}`,
        direction: 'higher',
        kolada: { kpi: FIXTURE_KPIS[i % FIXTURE_KPIS.length]!, gender: (['T', 'K', 'M'] as const)[i % 3] },
        compare_with: i % 2 === 0 ? 'riket' : 'kommungrupp',
        trend_method: (['regression', 'baseline_latest', 'last_two'] as const)[i % 3],
        baseline: { period: '2015' },
        targets: { '2022': 50 },
      };
    });
  const actions = (n: number): ActionDoc[] =>
    Array.from({ length: n }, () => {
      const a = action++;
      return {
        code: `A${a}`,
        title: `Åtgärd ${a}`,
        status: STATUSES[a % STATUSES.length]!,
        progress: (a * 13) % 101,
      };
    });
  let k = 0;
  const nodes: NodeDoc[] = Array.from({ length: 5 }, (_, area) => ({
    code: `${area + 1}`,
    type: 'malomrade',
    title: `Målområde ${area + 1}`,
    responsible: `Förvaltning ${area + 1}`,
    verdicts: verdicts(k++),
    children: Array.from({ length: 6 }, (_, goal) => ({
      code: `${area + 1}.${goal + 1}`,
      type: 'mal',
      title: `Mål ${area + 1}.${goal + 1}`,
      verdicts: verdicts(k++),
      actions: actions(area * 6 + goal < 20 ? 7 : 6),
      children: Array.from({ length: 2 }, (_, sub) => ({
        code: `${area + 1}.${goal + 1}.${sub + 1}`,
        type: 'delmal',
        title: `Delmål ${area + 1}.${goal + 1}.${sub + 1}`,
        responsible: `Enhet ${(area * 6 + goal) % 7}`,
        verdicts: verdicts(k++),
        indicators: indicators(),
      })),
    })),
  }));
  return {
    title: 'Benchmark plan',
    organisation: '1282',
    status: 'adopted',
    periods: { kind: 'ar', from: 2013, to: 2022 },
    verdict_scale: LEVELS.map((key) => ({ key, label: key, ...(key === 'saknas' ? { missing: true } : {}) })),
    nodes,
  };
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p90: number }> {
  const times: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const start = performance.now();
    await run();
    if (i >= WARMUP) times.push(performance.now() - start);
  }
  const round = (x: number) => Number(x.toFixed(2));
  return { p50: round(percentile(times, 50)), p90: round(percentile(times, 90)) };
}

const temp = await createFixtureStore(dialect);
try {
  const repo = new PlanRepository(temp.store.db);
  const doc = benchPlan();
  const planId = await repo.transaction((trx) =>
    writePlan(trx, doc, { lineage: randomUUID(), version: 1, now: new Date() }),
  );
  const contents = (await repo.contents(planId))!;
  const accounts = new AccountService(temp.store.repositories);
  await accounts.addOrganisation(null, { id: '1282' });
  await accounts.addUser(null, {
    email: 'strateg@bench.se',
    organisationId: '1282',
    role: 'strategist',
    password: 'a long walk by the sea at noon',
  });
  const { token } = await new TokenService(temp.store.repositories).create(null, {
    email: 'strateg@bench.se',
    lifetimeMs: null,
  });
  const headers = { authorization: `Bearer ${token}`, accept: 'text/html' };
  const app = await buildApp({
    store: temp.store,
    settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_RATE_LIMIT_MAX: '0' }),
  });
  const get = (url: string) => async () => {
    const res = await app.inject({ url, headers });
    if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return res;
  };
  const comparison = new ComparisonService(
    new ComparisonRepository(temp.store.db),
    new StoreMetaRepository(temp.store.db),
  );
  const kpis = [...new Set(contents.indicators.flatMap((i) => (i.kpi_id ? [i.kpi_id] : [])))];
  const raw = await timed(async () => {
    await repo.contents(planId);
    await repo.followups(planId, '2022');
    await comparison.series(kpis, ['1282', '0000'], ['T', 'K', 'M']);
  });
  const service = new FollowupService(repo, comparison);
  const computed = await timed(() => service.followup(planId, '2022'));
  const followup = await timed(get(`/api/plans/${planId}/followup?period=2022`));
  const overview = await timed(get(`/plan/${planId}?period=2022`));
  await app.close();
  console.log(
    JSON.stringify(
      {
        dialect,
        plan: {
          nodes: contents.nodes.length,
          indicators: contents.indicators.length,
          kolada: contents.indicators.filter((i) => i.kpi_id).length,
          actions: contents.actions.length,
          periods: 10,
          entries: (await repo.followups(planId)).length,
        },
        runs: RUNS,
        rawQueriesMs: raw,
        followupServiceMs: computed,
        followupJsonMs: { ...followup, budgetP50: 50 },
        overviewPageMs: { ...overview, budgetP50: 100 },
      },
      null,
      2,
    ),
  );
} finally {
  await temp.destroy();
}
