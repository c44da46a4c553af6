/**
 * The API mix: each scenario is a list of requests, each given both as an HTTP path (for the server)
 * and as the repository call behind it (the in-process baseline), so both measure the same queries.
 */
import { INTEGRATION_KPI_IDS } from '../../src/domain/integration-set.js';
import type { Store } from '../../src/store/database.js';
import type { ItemPageFilter, ValueRepository } from '../../src/store/repositories/value.repository.js';

export interface ScenarioRequest {
  path: string;
  call: (values: ValueRepository) => Promise<unknown>;
}

export interface Scenario {
  name: string;
  requests: ScenarioRequest[];
}

const CHUNK = 25;
const YEAR = 2022;

function chunks<T>(list: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

function dataRequest(filter: ItemPageFilter, page = 1, perPage = 5000): ScenarioRequest {
  const call = (values: ValueRepository) =>
    values.itemPage('municipality', filter, { limit: perPage, offset: (page - 1) * perPage });
  if (!filter.years || !(filter.kpis || filter.units)) {
    // Path forms need two of KPI, unit and year; anything else goes through v3's query form.
    const query = new URLSearchParams();
    if (filter.kpis) query.set('kpi_id', filter.kpis.join(','));
    if (filter.units) query.set('municipality_id', filter.units.join(','));
    if (filter.years) query.set('year', filter.years.join(','));
    query.set('page', String(page));
    query.set('per_page', String(perPage));
    return { path: `/v3/data?${query.toString().replace(/%2C/g, ',')}`, call };
  }
  const segments: string[] = [];
  if (filter.kpis) segments.push(`kpi/${filter.kpis.join(',')}`);
  if (filter.units) segments.push(`municipality/${filter.units.join(',')}`);
  if (filter.years) segments.push(`year/${filter.years.join(',')}`);
  const query = page === 1 && perPage === 5000 ? '' : `?page=${page}&per_page=${perPage}`;
  return {
    path: `/v3/data/${segments.join('/')}${query}`,
    call,
  };
}

/** Builds the mix from what the store holds (Skåne's members, KPIs with values). */
export async function buildScenarios(store: Store): Promise<Scenario[]> {
  const skane = (
    await store.db
      .selectFrom('municipality_group_member')
      .select('municipality_id')
      .where('group_id', '=', 'G33621')
      .orderBy('municipality_id')
      .execute()
  ).map((r) => r.municipality_id);
  const withValues = new Set(
    (
      await store.db
        .selectFrom('value')
        .select('kpi_id')
        .distinct()
        .where('kpi_id', 'in', [...INTEGRATION_KPI_IDS])
        .execute()
    ).map((r) => r.kpi_id),
  );
  const integrationWithValues = INTEGRATION_KPI_IDS.filter((id) => withValues.has(id));
  const kpis25 = integrationWithValues.slice(0, 25);
  const years8 = Array.from({ length: 8 }, (_, i) => YEAR - 7 + i);

  // Paging: walk the integration KPIs' values for all municipalities and years, 1,000 items a page,
  // until 20,000 values have been read.
  const pagingFilter: ItemPageFilter = { kpis: kpis25 };
  const { ValueRepository } = await import('../../src/store/repositories/value.repository.js');
  const repository = new ValueRepository(store.db);
  const paging: ScenarioRequest[] = [];
  let seen = 0;
  for (let page = 1; seen < 20_000; page++) {
    const result = await repository.itemPage('municipality', pagingFilter, {
      limit: 1000,
      offset: (page - 1) * 1000,
    });
    paging.push(dataRequest(pagingFilter, page, 1000));
    seen += result.records.length;
    if (!result.hasMore) break;
  }

  return [
    {
      name: 'ranking: N01951, 2022, all municipalities',
      requests: [dataRequest({ kpis: ['N01951'], years: [YEAR] })],
    },
    {
      name: `integration set (${INTEGRATION_KPI_IDS.length} KPIs in chunks of 25), 1282, 2022`,
      requests: chunks(INTEGRATION_KPI_IDS, CHUNK).map((kpis) =>
        dataRequest({ kpis, units: ['1282'], years: [YEAR] }),
      ),
    },
    {
      name: `25 KPIs × ${skane.length} municipalities × 8 years (municipalities in chunks of 25)`,
      requests: chunks(skane, CHUNK).map((units) => dataRequest({ kpis: kpis25, units, years: years8 })),
    },
    {
      name: 'group mean: N01951, G33621 (33 members), all years',
      requests: [
        {
          path: '/v3/data/kpi/N01951/municipality/G33621',
          call: (values) => values.groupMeans({ groups: ['G33621'], kpis: ['N01951'] }),
        },
      ],
    },
    {
      name: `paging through ${seen.toLocaleString('en')} values (${paging.length} pages of 1,000 items)`,
      requests: paging,
    },
  ];
}
