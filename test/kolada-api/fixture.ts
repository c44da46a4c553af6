/**
 * A small Kolada-shaped data set for in-process API tests: a few municipalities (Swedish letters in
 * titles), KPIs, groups, OUs, municipality values and OU values, imported through the real importer.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import { importFiles } from '../../src/import/import.service.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { createTempStore, type TempStore } from '../support/temp-store.js';
import { koladaKpi } from '../support/value-files.js';

export const MUNICIPALITIES = [
  { id: '0000', title: 'Riket', type: 'L' },
  { id: '0012', title: 'Region Skåne', type: 'L' },
  { id: '0180', title: 'Stockholm', type: 'K' },
  { id: '1280', title: 'Malmö', type: 'K' },
  { id: '1281', title: 'Lund', type: 'K' },
  { id: '2584', title: 'Kiruna', type: 'K' },
];

export const KPIS = [
  kpi('N00001', 'Ålderspension, andel ÅÄÖ-test', true),
  kpi('N00002', 'Invånare totalt, antal', false),
  kpi('N00003', 'Elever i åk 9, ämnesprov', true),
];

function kpi(id: string, title: string, divided: boolean) {
  return koladaKpi(id, {
    title,
    is_divided_by_gender: divided,
    auspice: 'X',
    operating_area: 'Kommunen, övergripande',
    perspective: 'Resurser',
    publication_date: '2026-08-28',
    has_ou_data: id === 'N00003',
  });
}

export const MUNICIPALITY_GROUPS = [
  {
    id: 'G1',
    title: 'Skånska kommuner i testet',
    members: [
      { member_id: '1280', member_title: 'Malmö' },
      { member_id: '1281', member_title: 'Lund' },
    ],
  },
  {
    id: 'G2',
    title: 'Storstäder ÖVRIGA',
    members: [
      { member_id: '0180', member_title: 'Stockholm' },
      { member_id: '1280', member_title: 'Malmö' },
    ],
  },
];

export const KPI_GROUPS = [
  {
    id: 'GKPI1',
    title: 'Integration',
    members: [
      { member_id: 'N00001', member_title: 'Ålderspension' },
      { member_id: 'N00002', member_title: 'Invånare' },
    ],
  },
];

export const OUS = [
  { id: 'V15E128000101', municipality: '1280', title: 'Öresundsskolan' },
  { id: 'V15E128000102', municipality: '1280', title: 'Värnhemsskolan' },
  { id: 'V15E128100101', municipality: '1281', title: 'Katedralskolan' },
];

/** Value of (kpi, municipality, year, gender): deterministic, so tests can recompute it. */
export function fixtureValue(kpiIndex: number, municipality: string, year: number, gender: string): number {
  return (
    kpiIndex * 1000 +
    Number(municipality) / 10 +
    (year - 2000) +
    (gender === 'K' ? 0.25 : gender === 'M' ? 0.5 : 0)
  );
}

export const YEARS = [2019, 2020, 2021, 2022];

function dataItems() {
  const items = [];
  for (const [k, spec] of KPIS.entries()) {
    for (const m of MUNICIPALITIES) {
      for (const year of YEARS) {
        const genders = spec.is_divided_by_gender ? ['T', 'K', 'M'] : ['T'];
        items.push({
          kpi: spec.id,
          municipality: m.id,
          period: year,
          values: genders.map((g) => ({
            gender: g,
            count: 1,
            status: '',
            value: fixtureValue(k, m.id, year, g),
            isdeleted: false,
          })),
        });
      }
    }
  }
  return items;
}

function ouItems() {
  return OUS.flatMap((ou, i) =>
    YEARS.map((year) => ({
      kpi: 'N00003',
      ou: ou.id,
      period: year,
      values: [{ gender: 'T', count: 1, status: '', value: 10 * i + year - 2000, isdeleted: false }],
    })),
  );
}

export const DATA_ITEM_COUNT = KPIS.length * MUNICIPALITIES.length * YEARS.length;
export const OU_ITEM_COUNT = OUS.length * YEARS.length;

export async function loadFixture(store: Store): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'etablera-api-fixture-'));
  try {
    const files: Record<string, unknown[]> = {
      'municipality.json': MUNICIPALITIES,
      'kpi.json': KPIS,
      'municipality_groups.json': MUNICIPALITY_GROUPS,
      'kpi_groups.json': KPI_GROUPS,
      'ou.json': OUS,
    };
    for (const [name, values] of Object.entries(files))
      writeFileSync(join(dir, name), JSON.stringify({ values, count: values.length }));
    writeFileSync(
      join(dir, 'data.ndjson'),
      dataItems()
        .map((i) => JSON.stringify(i))
        .join('\n'),
    );
    writeFileSync(
      join(dir, 'oudata.ndjson'),
      ouItems()
        .map((i) => JSON.stringify(i))
        .join('\n'),
    );
    await importFiles(
      store,
      [...Object.keys(files), 'data.ndjson', 'oudata.ndjson'].map((f) => join(dir, f)),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * For the calling describe: a fresh store holding the fixture and the app over it (default settings,
 * in-process), made before its tests and removed after them. Read `temp` and `app` inside the tests.
 */
export function useFixtureApp(dialect: Dialect): { temp: TempStore; app: FastifyInstance } {
  const live = {} as { temp: TempStore; app: FastifyInstance };
  beforeAll(async () => {
    live.temp = await createTempStore(dialect);
    await loadFixture(live.temp.store);
    live.app = await buildApp({ store: live.temp.store, settings: loadSettings({}) });
  });
  afterAll(async () => {
    await live.app?.close();
    await live.temp?.destroy();
  });
  return live;
}
