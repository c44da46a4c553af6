/**
 * `syncFromKolada` alone, on both backends, against a tiny scripted Kolada (a `node:http` server whose
 * replies each test sets) and a fresh store per test: what a run writes, its summary, the progress
 * and log it reports, the run and import-log records, incremental and resumed runs, OU values, KPI
 * groups, demo data, and the failures it reports or throws. No child process and no real data:
 * quick enough for mutation testing (the full-data and CLI runs are in sync.service.test.ts).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { INTEGRATION_KPI_IDS } from '../domain/integration-set.js';
import type { Store } from '../store/database.js';
import { withSyncLock } from '../store/sync-lock.js';
import { KoladaClient } from './kolada-client.js';
import {
  defaultYears,
  FIRST_YEAR,
  SyncBusyError,
  SyncDataError,
  type SyncSummary,
  syncFromKolada,
} from './sync.service.js';
import { SyncProgress, type SyncProgressSnapshot } from './sync-progress.js';

type Entry = { gender: string; value: number | null; count?: number; status?: string; isdeleted?: boolean };
type Item = { kpi: string; municipality?: string; ou?: string; period: number; values: Entry[] };

/** What the scripted Kolada serves: metadata by resource, items by route and KPI. */
interface Kolada {
  meta: Record<string, unknown[]>;
  /** Items of /data (municipality values) and /oudata (OU values) by KPI; a full reply. */
  data: Record<string, Item[]>;
  oudata: Record<string, Item[]>;
  /** Replies to from_date requests by route and KPI (else nothing changed). */
  changes: Record<string, Item[]>;
  /** Paths answered with this status and a text body instead. */
  broken: Record<string, number>;
  /** Data replies wait this long, to see how many requests are open at once. */
  delayMs: number;
}

const META = (): Record<string, unknown[]> => ({
  municipality: [
    { id: '0180', title: 'Stockholm', type: 'K' },
    { id: '1480', title: 'Göteborg', type: 'K' },
    { id: '0001', title: 'Region Stockholm', type: 'L' },
  ],
  kpi: [
    { id: 'N1', title: 'Ett', has_ou_data: false },
    { id: 'N2', title: 'Två', has_ou_data: true },
    { id: 'N3', title: 'Tre', has_ou_data: true },
  ],
  ou: [{ id: 'V15E018000101', municipality: '0180', title: 'Skolan' }],
  municipality_groups: [
    { id: 'G1', title: 'Grupp', members: [{ member_id: '0180', member_title: 'Stockholm' }] },
  ],
  kpi_groups: [
    { id: 'GK1', title: 'Första', members: [{ member_id: 'N2' }, { member_id: 'N1' }] },
    { id: 'GK2', title: 'Andra', members: [{ member_id: 'N3' }] },
  ],
});

const item = (kpi: string, municipality: string, period: number, ...values: Entry[]): Item => ({
  kpi,
  municipality,
  period,
  values,
});
const ouItem = (kpi: string, ou: string, period: number, ...values: Entry[]): Item => ({
  kpi,
  ou,
  period,
  values,
});

const DATA = (): Record<string, Item[]> => ({
  N1: [
    item('N1', '0180', 2021, { gender: 'T', value: 1 }),
    item('N1', '0180', 2022, { gender: 'T', value: 2, count: 3, status: 'B' }, { gender: 'K', value: 2.5 }),
    item('N1', '1480', 2022, { gender: 'T', value: 3 }),
    // A year not asked for and another KPI's item: never stored.
    item('N1', '1480', 2019, { gender: 'T', value: 9 }),
    item('N9', '1480', 2022, { gender: 'T', value: 9 }),
  ],
  N2: [item('N2', '0180', 2022, { gender: 'T', value: 20 })],
  N3: [item('N3', '1480', 2021, { gender: 'T', value: null })],
});

let kolada: Kolada;
let requests: string[] = [];
/** Data requests being answered now, and the most at once. */
let open = 0;
let mostOpen = 0;
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://kolada.test');
    requests.push(`${url.pathname}${url.search}`);
    const path = url.pathname.replace(/^\/v3/, '');
    const send = (status: number, body: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    const broken = kolada.broken[path];
    if (broken !== undefined) return res.writeHead(broken).end('broken');
    const values = (): unknown[] | undefined => {
      const meta = /^\/(\w+)$/.exec(path);
      if (meta) return kolada.meta[meta[1]!];
      const data = /^\/(data|oudata)\/kpi\/(\w+)\/year\/([\d,]+)$/.exec(path);
      if (!data) return undefined;
      const [, route, kpi, years] = data;
      if (url.searchParams.has('from_date')) return kolada.changes[`${route}:${kpi}`] ?? [];
      const wanted = new Set(years!.split(',').map(Number));
      // Items outside the asked years come back too, to check that the sync drops them.
      return (kolada[route as 'data' | 'oudata'][kpi!] ?? []).filter(
        (i) => wanted.has(i.period) || i.period === 2019,
      );
    };
    const found = values();
    if (found === undefined) return send(404, { error: 'not found' });
    if (!path.startsWith('/data/') || kolada.delayMs === 0)
      return send(200, { values: found, count: found.length, next_url: null });
    open++;
    mostOpen = Math.max(mostOpen, open);
    setTimeout(() => {
      open--;
      send(200, { values: found, count: found.length, next_url: null });
    }, kolada.delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v3`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

function reset(): void {
  kolada = { meta: META(), data: DATA(), oudata: {}, changes: {}, broken: {}, delayMs: 0 };
  mostOpen = 0;
  requests = [];
}

const client = () => new KoladaClient({ baseUrl: base, retries: 0, timeoutMs: 5000 });

/** A run's log, progress (every snapshot) and summary. */
async function run(
  store: Store,
  selection: Parameters<typeof syncFromKolada>[2],
  options: { full?: boolean; concurrency?: number } = {},
) {
  const logs: string[] = [];
  const progress = new SyncProgress();
  const steps: SyncProgressSnapshot[] = [];
  progress.subscribe((s) => steps.push(s));
  const summary = await syncFromKolada(store, client(), selection, {
    ...options,
    progress,
    log: (m) => logs.push(m),
  });
  return { summary, logs, steps, progress };
}

/** The values of the store's `value` (or `ou_value`) table, sorted, as text. */
async function values(store: Store, table: 'value' | 'ou_value' = 'value'): Promise<string[]> {
  const rows =
    table === 'value'
      ? await store.db
          .selectFrom('value')
          .select([
            'kpi_id',
            'municipality_id as unit',
            'period',
            'gender',
            'value',
            'count',
            'status',
            'is_deleted',
          ])
          .execute()
      : await store.db
          .selectFrom('ou_value')
          .select(['kpi_id', 'ou_id as unit', 'period', 'gender', 'value', 'count', 'status', 'is_deleted'])
          .execute();
  return rows
    .map(
      (r) =>
        `${r.kpi_id} ${r.unit} ${r.period} ${r.gender} ${r.value === null ? 'null' : Number(r.value)} ${r.count} ${r.status}${Number(r.is_deleted) === 1 ? ' deleted' : ''}`,
    )
    .sort();
}

async function runs(store: Store) {
  const rows = await store.db
    .selectFrom('sync_run' as never)
    .selectAll()
    .orderBy('id' as never)
    .execute();
  return (rows as { id: number; status: string; counts: string; finished_at: string | null }[]).map((r) => ({
    id: r.id,
    status: r.status,
    counts: JSON.parse(r.counts) as Record<string, unknown>,
    finished: r.finished_at !== null,
  }));
}

async function kpiState(store: Store, table: 'sync_kpi_state' | 'sync_ou_state' = 'sync_kpi_state') {
  const rows = await store.db
    .selectFrom(table as never)
    .selectAll()
    .orderBy('kpi_id' as never)
    .execute();
  return (rows as { kpi_id: string; high_water: string; years: string }[]).map((r) => [
    r.kpi_id,
    r.high_water,
    r.years,
  ]);
}

const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

const SUMMARY: Omit<SyncSummary, 'runId' | 'seconds'> = {
  resumed: false,
  kpis: 0,
  kpisAlreadyDone: 0,
  requests: 0,
  retries: 0,
  valuesAdded: 0,
  valuesChanged: 0,
  valuesDeleted: 0,
  ouKpis: 0,
  ouValuesAdded: 0,
  ouValuesChanged: 0,
  ouValuesDeleted: 0,
  failed: [],
  unknownKpis: [],
};

const META_REQUESTS = [
  '/v3/municipality?per_page=5000',
  '/v3/kpi?per_page=5000',
  '/v3/ou?per_page=5000',
  '/v3/municipality_groups?per_page=5000',
  '/v3/kpi_groups?per_page=5000',
];

describe('defaultYears', () => {
  it('runs from 1990 to the current year (UTC)', () => {
    expect(FIRST_YEAR).toBe(1990);
    const years = defaultYears(new Date('2024-12-31T23:30:00-02:00'));
    expect(years).toHaveLength(2025 - 1990 + 1);
    expect(years[0]).toBe(1990);
    expect(years.at(-1)).toBe(2025);
    expect(defaultYears(new Date('1990-06-01T00:00:00Z'))).toEqual([1990]);
  });
});

for (const dialect of DIALECTS) {
  describe(`syncFromKolada (${dialect})`, () => {
    let temp: TempStore | undefined;
    const fresh = async () => {
      temp = await createTempStore(dialect);
      return temp.store;
    };
    afterEach(async () => {
      await temp?.destroy();
      temp = undefined;
      reset();
    });
    reset();

    it('mirrors metadata and the values of the KPIs asked for, and reports each step', async () => {
      const store = await fresh();
      const { summary, logs, steps, progress } = await run(store, {
        kpis: ['N1', 'N2'],
        years: [2022, 2021, 2022],
        ou: false,
      });
      expect(summary).toEqual({
        ...SUMMARY,
        runId: expect.any(Number),
        seconds: expect.any(Number),
        kpis: 2,
        requests: 7,
        valuesAdded: 5,
      });
      expect(summary.seconds).toBeGreaterThanOrEqual(0);
      expect(summary.seconds).toBeLessThan(60);
      expect(requests).toEqual([
        ...META_REQUESTS,
        '/v3/data/kpi/N1/year/2021,2022?per_page=5000',
        '/v3/data/kpi/N2/year/2021,2022?per_page=5000',
      ]);
      expect(await values(store)).toEqual([
        'N1 0180 2021 T 1 1 ',
        'N1 0180 2022 K 2.5 1 ',
        'N1 0180 2022 T 2 3 B',
        'N1 1480 2022 T 3 1 ',
        'N2 0180 2022 T 20 1 ',
      ]);
      // The metadata: every resource written.
      const kpis = await store.db.selectFrom('kpi').select(['id', 'has_ou_data']).orderBy('id').execute();
      expect(kpis.map((k) => `${k.id}:${k.has_ou_data}`)).toEqual(['N1:0', 'N2:1', 'N3:1']);
      expect(
        (await store.db.selectFrom('municipality').select('id').orderBy('id').execute()).map((m) => m.id),
      ).toEqual(['0001', '0180', '1480']);
      expect((await store.db.selectFrom('ou').select('id').execute()).map((o) => o.id)).toEqual([
        'V15E018000101',
      ]);
      expect(
        (await store.db.selectFrom('municipality_group').select('id').execute()).map((g) => g.id),
      ).toEqual(['G1']);
      expect(
        (await store.db.selectFrom('kpi_group').select('id').orderBy('id').execute()).map((g) => g.id),
      ).toEqual(['GK1', 'GK2']);
      // Statistics refreshed for the synced KPIs.
      const stats = await store.db
        .selectFrom('kpi_statistic' as never)
        .select('kpi_id' as never)
        .execute();
      expect(new Set((stats as { kpi_id: string }[]).map((s) => s.kpi_id))).toEqual(new Set(['N1', 'N2']));

      expect(logs).toEqual([
        'Fetching /municipality',
        'Fetching /kpi',
        'Fetching /ou',
        'Fetching /municipality_groups',
        'Fetching /kpi_groups',
      ]);
      const startedAt = steps[0]!.startedAt;
      expect(steps.map(({ startedAt: s, ...rest }) => ({ ...rest, same: s === startedAt }))).toEqual(
        [
          ['running', 'metadata', 0, 5, 'Hämtar metadata från Kolada'],
          ['running', 'metadata', 0, 5, 'Hämtar metadata från Kolada'],
          ['running', 'metadata', 1, 5, 'Metadata: municipality (3)'],
          ['running', 'metadata', 2, 5, 'Metadata: kpi (3)'],
          ['running', 'metadata', 3, 5, 'Metadata: ou (1)'],
          ['running', 'metadata', 4, 5, 'Metadata: municipality_groups (1)'],
          ['running', 'metadata', 5, 5, 'Metadata: kpi_groups (2)'],
          ['running', 'values', 0, 2, 'Hämtar nyckeltal från Kolada'],
          ['running', 'values', 0, 2, 'Hämtar nyckeltal från Kolada'],
          ['running', 'values', 1, 2, 'Nyckeltal N1'],
          ['running', 'values', 2, 2, 'Nyckeltal N2'],
          ['done', 'values', 2, 2, 'Klart: 2 nyckeltal från Kolada'],
        ].map(([state, phase, done, total, message]) => ({ state, phase, done, total, message, same: true })),
      );
      expect(progress.snapshot().state).toBe('done');

      expect(await runs(store)).toEqual([
        {
          id: summary.runId,
          status: 'ok',
          finished: true,
          counts: {
            ...SUMMARY,
            runId: summary.runId,
            seconds: expect.any(Number),
            kpis: 2,
            requests: 7,
            valuesAdded: 5,
            failed: 0,
            unknownKpis: 0,
          },
        },
      ]);
      const [entry] = await store.repositories.importLog.recent(1);
      expect(entry).toMatchObject({
        kind: 'sync',
        source: `${base} (KPIs N1,N2, years 2021–2022)`,
        status: 'ok',
        message: null,
      });
      expect(entry!.finishedAt).not.toBeNull();
      expect(entry!.counts).toMatchObject({ kpis: 2, valuesAdded: 5, failed: 0, unknownKpis: 0 });
      expect(await kpiState(store)).toEqual([
        ['N1', yesterday(), '[2021,2022]'],
        ['N2', yesterday(), '[2021,2022]'],
      ]);
    });

    it('asks only for changes next time, applies them and deletions, and keeps the years', async () => {
      const store = await fresh();
      await run(store, { kpis: ['N1'], years: [2021, 2022], ou: false });
      await store.db
        .updateTable('sync_kpi_state' as never)
        .set({ high_water: '2026-01-15' } as never)
        .execute();
      kolada.changes['data:N1'] = [
        item(
          'N1',
          '0180',
          2022,
          { gender: 'T', value: 7, count: 3, status: 'B' },
          { gender: 'K', value: null, isdeleted: true },
        ),
        item('N1', '1480', 2021, { gender: 'M', value: 4 }),
      ];
      requests = [];
      const { summary, steps, logs } = await run(store, {
        kpis: ['N1'],
        years: [2021, 2022],
        metadata: false,
        ou: false,
      });
      expect(requests).toEqual(['/v3/data/kpi/N1/year/2021,2022?from_date=2026-01-15&per_page=5000']);
      expect(summary).toEqual({
        ...SUMMARY,
        runId: expect.any(Number),
        seconds: expect.any(Number),
        kpis: 1,
        requests: 1,
        valuesAdded: 1,
        valuesChanged: 1,
        valuesDeleted: 1,
      });
      expect(logs).toEqual([]);
      expect(steps[0]).toMatchObject({ phase: 'values', done: 0, total: 1 });
      expect(await values(store)).toEqual([
        'N1 0180 2021 T 1 1 ',
        'N1 0180 2022 K null 0  deleted',
        'N1 0180 2022 T 7 3 B',
        'N1 1480 2021 M 4 1 ',
        'N1 1480 2022 T 3 1 ',
      ]);
      expect(await kpiState(store)).toEqual([['N1', yesterday(), '[2021,2022]']]);

      // Fewer years than before: still incremental, and the state keeps the years it had.
      requests = [];
      await run(store, { kpis: ['N1'], years: [2022], metadata: false, ou: false });
      expect(requests).toEqual([`/v3/data/kpi/N1/year/2022?from_date=${yesterday()}&per_page=5000`]);
      expect(await kpiState(store)).toEqual([['N1', yesterday(), '[2021,2022]']]);

      // A year not synced before: the whole KPI again, and what is not sent any more is deleted.
      kolada.data.N1 = [
        item('N1', '0180', 2020, { gender: 'T', value: 5 }),
        item('N1', '0180', 2021, { gender: 'T', value: 1 }),
      ];
      requests = [];
      const wider = await run(store, { kpis: ['N1'], years: [2020, 2021, 2022], metadata: false, ou: false });
      expect(requests).toEqual(['/v3/data/kpi/N1/year/2020,2021,2022?per_page=5000']);
      expect(wider.summary).toMatchObject({ valuesAdded: 1, valuesChanged: 0, valuesDeleted: 3 });
      expect(await kpiState(store)).toEqual([['N1', yesterday(), '[2020,2021,2022]']]);

      // full: whole again although the years were synced.
      requests = [];
      await run(store, { kpis: ['N1'], years: [2021], metadata: false, ou: false }, { full: true });
      expect(requests).toEqual(['/v3/data/kpi/N1/year/2021?per_page=5000']);
      expect(await kpiState(store)).toEqual([['N1', yesterday(), '[2021]']]);
    });

    it('reports a KPI that fails, finishes the others, and resumes the run without redoing them', async () => {
      const store = await fresh();
      kolada.broken['/data/kpi/N2/year/2021,2022'] = 500;
      kolada.data.N3 = [
        { kpi: 'N3', municipality: '1480', period: 2021, values: [{ gender: 'X', value: 1 }] },
      ];
      const first = await run(
        store,
        { kpis: ['N1', 'N2', 'N3', 'N7'], years: [2021, 2022], ou: false },
        { concurrency: 1 },
      );
      expect(first.summary.failed).toEqual([
        { kpi: 'N2', message: expect.stringMatching(/HTTP 500/) },
        {
          kpi: 'N3',
          message: 'Kolada sent an invalid data item for N3: unknown gender "X" (expected T, K or M)',
        },
      ]);
      expect(first.summary).toMatchObject({ kpis: 4, unknownKpis: ['N7'], valuesAdded: 4, resumed: false });
      expect(first.logs.slice(5)).toEqual([
        "Not in Kolada's KPI catalogue (fetched anyway): N7",
        `N2 failed: ${first.summary.failed[0]!.message}`,
        `N3 failed: ${first.summary.failed[1]!.message}`,
      ]);
      expect(first.steps.slice(-6).map((s) => [s.state, s.done, s.message])).toEqual([
        ['running', 0, 'Hämtar nyckeltal från Kolada'],
        ['running', 1, 'Nyckeltal N1'],
        ['running', 2, 'N2 misslyckades'],
        ['running', 3, 'N3 misslyckades'],
        ['running', 4, 'Nyckeltal N7'],
        ['failed', 4, '2 nyckeltal kunde inte hämtas'],
      ]);
      const [entry] = await store.repositories.importLog.recent(1);
      expect(entry).toMatchObject({
        status: 'failed',
        message: '2 KPI(s) failed; run the same command again to retry them',
        counts: { kpis: 4, failed: 2, unknownKpis: 1, valuesAdded: 4 },
      });
      expect((await runs(store)).map((r) => r.status)).toEqual(['failed']);

      delete kolada.broken['/data/kpi/N2/year/2021,2022'];
      kolada.data.N3 = DATA().N3!;
      requests = [];
      const second = await run(
        store,
        { kpis: ['N1', 'N2', 'N3', 'N7'], years: [2021, 2022], ou: false },
        { concurrency: 1 },
      );
      expect(second.summary).toEqual({
        ...SUMMARY,
        runId: first.summary.runId,
        seconds: expect.any(Number),
        resumed: true,
        kpis: 4,
        kpisAlreadyDone: 2,
        requests: 2,
        valuesAdded: 2,
        unknownKpis: ['N7'],
      });
      expect(requests).toEqual([
        '/v3/data/kpi/N2/year/2021,2022?per_page=5000',
        '/v3/data/kpi/N3/year/2021,2022?per_page=5000',
      ]);
      expect(second.logs[0]).toMatch(
        new RegExp(
          `^Resuming sync run #${first.summary.runId} \\(started \\d{4}-\\d\\d-\\d\\dT[^;]+; 7 steps already done\\)$`,
        ),
      );
      expect(second.steps.map((s) => [s.phase, s.done, s.total])).toEqual([
        ['metadata', 0, 5],
        ['metadata', 5, 5],
        ['values', 0, 4],
        ['values', 2, 4],
        ['values', 3, 4],
        ['values', 4, 4],
        ['values', 4, 4],
      ]);
      expect(await values(store)).toContain('N3 1480 2021 T null 1 ');
      expect((await runs(store)).map((r) => r.status)).toEqual(['ok']);
      // A finished run is not resumed: the same selection starts a new one.
      const third = await run(store, { kpis: ['N1', 'N2', 'N3', 'N7'], years: [2021, 2022], ou: false });
      expect(third.summary.resumed).toBe(false);
      expect(third.summary.runId).toBeGreaterThan(first.summary.runId);
    });

    it('syncs the members of KPI groups, and refuses an unknown group after closing the run', async () => {
      const store = await fresh();
      const { summary } = await run(store, { kpiGroups: ['GK1'], years: [2022], ou: false });
      expect(summary).toMatchObject({ kpis: 2, valuesAdded: 4 });
      expect(requests.slice(5)).toEqual([
        '/v3/data/kpi/N2/year/2022?per_page=5000',
        '/v3/data/kpi/N1/year/2022?per_page=5000',
      ]);
      const [ok] = await store.repositories.importLog.recent(1);
      expect(ok!.source).toBe(`${base} (KPI groups GK1, years 2022–2022)`);

      const logs: string[] = [];
      const progress = new SyncProgress();
      const error = await syncFromKolada(
        store,
        client(),
        { kpiGroups: ['GK2', 'GX', 'GY'], years: [2022], metadata: false },
        { progress, log: (m) => logs.push(m) },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SyncDataError);
      expect((error as Error).message).toBe('unknown KPI group(s): GX, GY');
      expect(progress.snapshot()).toMatchObject({ state: 'failed', message: 'unknown KPI group(s): GX, GY' });
      const [failed] = await store.repositories.importLog.recent(1);
      expect(failed).toMatchObject({
        status: 'failed',
        message: 'unknown KPI group(s): GX, GY',
        source: `${base} (KPI groups GK2,GX,GY, years 2022–2022)`,
        counts: { kpis: 0, failed: 0, unknownKpis: 0 },
      });
      expect(failed!.finishedAt).not.toBeNull();
      expect((await runs(store)).map((r) => r.status)).toEqual(['ok', 'failed']);
    });

    it('refuses invalid metadata with the resource and the item, and an empty year list', async () => {
      const store = await fresh();
      kolada.meta.kpi = [{ id: 'N1', title: 'Ett' }, { id: 'N2' }];
      const error = await syncFromKolada(store, client(), { kpis: ['N1'], years: [2022] }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SyncDataError);
      expect((error as Error).message).toBe(
        'Kolada sent an invalid kpi object (values[1]): "title" is missing',
      );
      expect(await store.db.selectFrom('kpi').select('id').execute()).toEqual([]);
      expect((await runs(store)).map((r) => r.status)).toEqual(['failed']);

      await expect(syncFromKolada(store, client(), { kpis: ['N1'], years: [] })).rejects.toThrow(
        new RangeError('no years to sync'),
      );
    });

    it('syncs OU values of the KPIs with OU data when asked, and by default those synced before', async () => {
      const store = await fresh();
      kolada.oudata.N2 = [ouItem('N2', 'V15E018000101', 2022, { gender: 'T', value: 50 })];
      kolada.oudata.N3 = [ouItem('N3', 'V15E018000101', 2021, { gender: 'K', value: 60 })];
      const withOu = await run(
        store,
        { kpis: ['N1', 'N2', 'N3'], years: [2021, 2022], ou: true },
        { concurrency: 1 },
      );
      expect(withOu.summary).toMatchObject({ ouKpis: 2, ouValuesAdded: 2, valuesAdded: 6, failed: [] });
      expect(withOu.logs.at(-1)).toBe('OU values of 2 KPI(s): N2, N3');
      expect(requests.slice(-2)).toEqual([
        '/v3/oudata/kpi/N2/year/2021,2022?per_page=5000',
        '/v3/oudata/kpi/N3/year/2021,2022?per_page=5000',
      ]);
      expect(withOu.steps.slice(-4).map((s) => [s.state, s.phase, s.done, s.total, s.message])).toEqual([
        ['running', 'ou-values', 0, 2, 'Hämtar OU-värden från Kolada'],
        ['running', 'ou-values', 1, 2, 'OU-värden för N2'],
        ['running', 'ou-values', 2, 2, 'OU-värden för N3'],
        ['done', 'ou-values', 2, 2, 'Klart: 3 nyckeltal från Kolada'],
      ]);
      expect(await values(store, 'ou_value')).toEqual([
        'N2 V15E018000101 2022 T 50 1 ',
        'N3 V15E018000101 2021 K 60 1 ',
      ]);
      expect(await kpiState(store, 'sync_ou_state')).toEqual([
        ['N2', yesterday(), '[2021,2022]'],
        ['N3', yesterday(), '[2021,2022]'],
      ]);

      // By default: only N2 and N3's OU values, since synced before; not for a KPI without OU data.
      kolada.changes['oudata:N3'] = [ouItem('N3', 'V15E018000101', 2021, { gender: 'K', value: 61 })];
      kolada.broken['/oudata/kpi/N2/year/2021,2022'] = 500;
      requests = [];
      const byDefault = await run(
        store,
        { kpis: ['N1', 'N3', 'N2'], years: [2021, 2022], metadata: false },
        { concurrency: 1 },
      );
      expect(requests.filter((r) => r.startsWith('/v3/oudata'))).toEqual([
        `/v3/oudata/kpi/N3/year/2021,2022?from_date=${yesterday()}&per_page=5000`,
        `/v3/oudata/kpi/N2/year/2021,2022?from_date=${yesterday()}&per_page=5000`,
      ]);
      expect(byDefault.summary).toMatchObject({
        ouKpis: 2,
        ouValuesAdded: 0,
        ouValuesChanged: 1,
        ouValuesDeleted: 0,
        valuesChanged: 0,
        failed: [{ kpi: 'N2 (OU)', message: expect.stringMatching(/HTTP 500/) }],
      });
      expect(byDefault.logs).toEqual([
        'OU values of 2 KPI(s): N3, N2',
        `N2 (OU) failed: ${byDefault.summary.failed[0]!.message}`,
      ]);
      expect(byDefault.steps.at(-2)!.message).toBe('N2 (OU) misslyckades');

      // ou: false: none at all.
      requests = [];
      const without = await run(store, { kpis: ['N2'], years: [2021, 2022], metadata: false, ou: false });
      expect(without.summary.ouKpis).toBe(0);
      expect(requests.filter((r) => r.startsWith('/v3/oudata'))).toEqual([]);
    });

    it('lists at most ten OU KPIs in the log', async () => {
      const store = await fresh();
      const ids = Array.from({ length: 11 }, (_, i) => `U${String(i).padStart(2, '0')}`);
      kolada.meta.kpi = ids.map((id) => ({ id, title: id, has_ou_data: true }));
      const { logs, summary } = await run(store, { kpis: ids, years: [2022], ou: true }, { concurrency: 3 });
      expect(summary).toMatchObject({ kpis: 11, ouKpis: 11, failed: [] });
      expect(logs.at(-1)).toBe(`OU values of 11 KPI(s): ${ids.slice(0, 10).join(', ')}, …`);
      expect(await kpiState(store, 'sync_ou_state')).toHaveLength(11);
      const small = await run(store, { kpis: ids.slice(0, 10), years: [2022], metadata: false, ou: true });
      expect(small.logs.at(-1)).toBe(`OU values of 10 KPI(s): ${ids.slice(0, 10).join(', ')}`);
      // Six or more KPIs: the first five and the count.
      const [entry] = await store.repositories.importLog.recent(1);
      expect(entry!.source).toBe(`${base} (KPIs U00,U01,U02,U03,U04,… (10), years 2022–2022)`);
    });

    it('replaces demo data with Kolada’s, metadata included even when not asked for', async () => {
      const store = await fresh();
      await store.db
        .insertInto('municipality')
        .values({ id: '9999', title: 'Demostad', type: 'K' } as never)
        .execute();
      await store.repositories.storeMeta.set('dataset', 'demo');
      const { logs } = await run(store, { kpis: ['N2'], years: [2022], metadata: false, ou: false });
      expect(logs).toContain('Demo data replaced by data from Kolada');
      expect(logs[0]).toBe('Fetching /municipality');
      expect(await store.repositories.storeMeta.get('dataset')).toBe('kolada');
      expect(
        (await store.db.selectFrom('municipality').select('id').orderBy('id').execute()).map((m) => m.id),
      ).toEqual(['0001', '0180', '1480']);
      // Real data already: metadata: false fetches none, and the dataset is left as it is.
      requests = [];
      const again = await run(store, { kpis: ['N2'], years: [2022], metadata: false, ou: false });
      expect(requests).toEqual([`/v3/data/kpi/N2/year/2022?from_date=${yesterday()}&per_page=5000`]);
      expect(again.logs).toEqual([]);
    });

    it('names the selection in the import log: all KPIs, or the integration set by default', async () => {
      const store = await fresh();
      const all = await run(store, { all: true, years: [2021, 2022], ou: false });
      expect(all.summary).toMatchObject({ kpis: 3, valuesAdded: 6, unknownKpis: [] });
      expect((await store.repositories.importLog.recent(1))[0]!.source).toBe(
        `${base} (all KPIs, years 2021–2022)`,
      );
      requests = [];
      const integration = await run(store, { years: [2022], metadata: false, ou: false }, { concurrency: 8 });
      expect(integration.summary.kpis).toBeGreaterThan(10);
      expect(integration.summary.unknownKpis).toHaveLength(integration.summary.kpis);
      expect(requests).toHaveLength(integration.summary.kpis);
      expect((await store.repositories.importLog.recent(1))[0]!.source).toBe(
        `${base} (the integration set, years 2022–2022)`,
      );
    });

    it('an empty store knows no catalogue: no KPI is called unknown', async () => {
      const store = await fresh();
      const { summary } = await run(store, { kpis: ['N1'], years: [2022], metadata: false, ou: false });
      expect(summary).toMatchObject({ kpis: 1, unknownKpis: [], valuesAdded: 3 });
    });

    it('closes an import-log entry a killed sync left open', async () => {
      const store = await fresh();
      const id = await store.repositories.importLog.start('sync', 'killed');
      await run(store, { kpis: ['N1'], years: [2022], metadata: false, ou: false });
      const entries = await store.repositories.importLog.recent(5);
      expect(entries.find((e) => e.id === id)).toMatchObject({ status: 'failed' });
    });

    it('refuses to start while another sync holds the store', async () => {
      const store = await fresh();
      const inner = await withSyncLock(store, () =>
        syncFromKolada(store, client(), { kpis: ['N1'], years: [2022] }).catch((e: unknown) => e),
      );
      expect(inner).toBeInstanceOf(SyncBusyError);
      expect((inner as Error).message).toBe(
        'another Etablera process is syncing this store; try again when it has finished',
      );
      expect(requests).toEqual([]);
    });

    it('does not resume a failed run for another selection or another Kolada', async () => {
      const store = await fresh();
      kolada.broken['/data/kpi/N2/year/2022'] = 500;
      const selection = { kpis: ['N2'], years: [2022], metadata: false };
      const first = await run(store, selection);
      expect(first.summary.failed).toHaveLength(1);
      expect((await run(store, selection)).summary).toMatchObject({
        resumed: true,
        runId: first.summary.runId,
      });
      const others: [Parameters<typeof syncFromKolada>[2], { full?: boolean }][] = [
        [{ ...selection, years: [2021, 2022] }, {}],
        [{ ...selection, metadata: true }, {}],
        [selection, { full: true }],
        [{ ...selection, ou: true }, {}],
        [{ ...selection, ou: false }, {}],
        [{ ...selection, kpis: ['N2', 'N1'] }, {}],
        [{ ...selection, kpiGroups: ['GK1'] }, {}],
        [{ ...selection, all: true }, {}],
      ];
      for (const [other, options] of others) {
        const again = await run(store, other, options);
        expect(again.summary.resumed, JSON.stringify([other, options])).toBe(false);
      }
      const elsewhere = new KoladaClient({ baseUrl: `${base}/`, retries: 0 });
      expect(elsewhere.baseUrl).toBe(base);
      const sameUrl = await syncFromKolada(store, elsewhere, selection);
      expect(sameUrl.resumed).toBe(true);
      const other = new KoladaClient({ baseUrl: base.replace('127.0.0.1', 'localhost'), retries: 0 });
      expect((await syncFromKolada(store, other, selection)).resumed).toBe(false);

      // Two selections that differ in a value, not only in whether it is given, are two runs too.
      kolada.broken['/data/kpi/N2/year/2021'] = 500;
      kolada.broken['/data/kpi/N2/year/2020,2021'] = 500;
      const y2021 = { kpis: ['N2'], years: [2021], metadata: false };
      const pairs: [Parameters<typeof syncFromKolada>[2], Parameters<typeof syncFromKolada>[2], boolean?][] =
        [
          [
            { ...y2021, all: false },
            { ...y2021, all: true },
          ],
          [
            { ...y2021, kpis: undefined, kpiGroups: ['GK1'] },
            { ...y2021, kpis: undefined, kpiGroups: ['GK2'] },
          ],
          [
            { ...y2021, ou: false },
            { ...y2021, ou: true },
          ],
        ];
      for (const [a, b] of pairs) {
        expect((await run(store, a)).summary.failed.length, JSON.stringify(a)).toBeGreaterThan(0);
        expect((await run(store, b)).summary.resumed, JSON.stringify(b)).toBe(false);
      }
      await run(store, { ...y2021, years: [2020, 2021] }, { full: false });
      expect((await run(store, { ...y2021, years: [2020, 2021] }, { full: true })).summary.resumed).toBe(
        false,
      );
    });

    it('stops at an unexpected error, fetches no further KPI, and rethrows it after closing the run', async () => {
      const store = await fresh();
      class Failing extends KoladaClient {
        override async *items(path: string, query: Record<string, string | number | undefined> = {}) {
          if (path.startsWith('/data/kpi/N2/')) throw new TypeError('boom');
          yield* super.items(path, query);
        }
      }
      const progress = new SyncProgress();
      const error = await syncFromKolada(
        store,
        new Failing({ baseUrl: base, retries: 0 }),
        { kpis: ['N1', 'N2', 'N3'], years: [2022], metadata: false },
        { concurrency: 1, progress },
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TypeError);
      expect((error as Error).message).toBe('boom');
      expect(requests).toEqual(['/v3/data/kpi/N1/year/2022?per_page=5000']);
      expect(progress.snapshot()).toMatchObject({ state: 'failed', message: 'boom' });
      expect((await runs(store)).map((r) => r.status)).toEqual(['failed']);
      const [entry] = await store.repositories.importLog.recent(1);
      expect(entry).toMatchObject({ status: 'failed', message: 'boom' });
      // N1, finished before, stays written.
      expect(await values(store)).toEqual([
        'N1 0180 2022 K 2.5 1 ',
        'N1 0180 2022 T 2 3 B',
        'N1 1480 2022 T 3 1 ',
      ]);
    });

    it('names every unknown KPI, lists five KPIs in full, and counts one run’s requests and retries', async () => {
      const store = await fresh();
      const shared = new KoladaClient({ baseUrl: base, retries: 1, backoffBaseMs: 1, backoffMaxMs: 2 });
      const logs: string[] = [];
      kolada.broken['/data/kpi/N2/year/2022'] = 500;
      // This run's request and retry counts must not show in the next one's.
      const first = await syncFromKolada(store, shared, { kpis: ['N1', 'N2'], years: [2022], ou: false });
      expect(first).toMatchObject({ requests: 8, retries: 1 });
      const second = await syncFromKolada(
        store,
        shared,
        { kpis: ['N1', 'N2', 'N3', 'N7', 'N8'], years: [2022], metadata: false, ou: false },
        { log: (m) => logs.push(m), concurrency: 1 },
      );
      // Five data requests and N2's one retry, whatever the client did before.
      expect(second).toMatchObject({ requests: 6, retries: 1, unknownKpis: ['N7', 'N8'] });
      expect(logs[0]).toBe("Not in Kolada's KPI catalogue (fetched anyway): N7, N8");
      const [entry] = await store.repositories.importLog.recent(1);
      expect(entry!.source).toBe(`${base} (KPIs N1,N2,N3,N7,N8, years 2022–2022)`);
    });

    it('names the resource of any invalid metadata object', async () => {
      const store = await fresh();
      for (const [resource, bad, message] of [
        ['municipality', { id: '0180', title: 'X', type: 'Q' }, '"type" must be "K" or "L", got "Q"'],
        [
          'ou',
          { id: 'V1', title: 'Skola' },
          '"municipality" must be an id like "N01951" or "1280", got undefined',
        ],
        ['municipality_groups', { id: 'G1', members: 3 }, '"members" must be an array'],
        ['kpi_groups', { id: 'GK1', members: 3 }, '"members" must be an array'],
      ] as const) {
        reset();
        kolada.meta[resource] = [bad];
        const error = await syncFromKolada(store, client(), { kpis: ['N1'], years: [2022] }).catch(
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(SyncDataError);
        expect((error as Error).message).toBe(
          `Kolada sent an invalid ${resource} object (values[0]): ${message}`,
        );
      }
      // The groups of each kind went to their own table, and the KPIs count as Kolada's.
      reset();
      await run(store, { kpis: ['N1'], years: [2022], ou: false });
      expect(
        (await store.db.selectFrom('municipality_group').select('id').execute()).map((g) => g.id),
      ).toEqual(['G1']);
      expect(
        (await store.db
          .selectFrom('kpi')
          .select(['id', 'origin' as never])
          .orderBy('id')
          .execute()) as unknown[],
      ).toEqual([
        { id: 'N1', origin: 'kolada' },
        { id: 'N2', origin: 'kolada' },
        { id: 'N3', origin: 'kolada' },
      ]);
    });

    it('by default fetches no OU values for a KPI never synced so, nor for one without OU data; counts OU deletions', async () => {
      const store = await fresh();
      const integrationKpi = INTEGRATION_KPI_IDS[0]!;
      kolada.meta.kpi = [...kolada.meta.kpi!, { id: integrationKpi, title: 'I', has_ou_data: false }];
      kolada.oudata.N2 = [
        ouItem('N2', 'V15E018000101', 2022, { gender: 'K', value: 1 }, { gender: 'M', value: 2 }),
      ];
      const plain = await run(store, { kpis: ['N2', integrationKpi], years: [2022] });
      expect(plain.summary.ouKpis).toBe(0);
      expect(requests.filter((r) => r.startsWith('/v3/oudata'))).toEqual([]);
      await run(store, { kpis: ['N2'], years: [2022], metadata: false, ou: true });
      kolada.changes['oudata:N2'] = [
        ouItem(
          'N2',
          'V15E018000101',
          2022,
          { gender: 'K', value: null, isdeleted: true },
          { gender: 'M', value: null, isdeleted: true },
        ),
      ];
      const deleted = await run(store, { kpis: ['N2'], years: [2022], metadata: false });
      expect(deleted.summary).toMatchObject({
        ouKpis: 1,
        ouValuesAdded: 0,
        ouValuesChanged: 0,
        ouValuesDeleted: 2,
      });
    });

    it('fetches as many KPIs at once as asked, four by default', async () => {
      const store = await fresh();
      kolada.delayMs = 150;
      kolada.meta.kpi = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6'].map((id) => ({ id, title: id }));
      const kpis = ['N1', 'N2', 'N3', 'N4', 'N5', 'N6'];
      for (const [concurrency, most] of [
        [undefined, 4],
        [2, 2],
        [1, 1],
      ] as const) {
        mostOpen = 0;
        const { summary } = await run(store, { kpis, years: [2022], ou: false }, { concurrency, full: true });
        expect(summary.failed).toEqual([]);
        expect(mostOpen, `concurrency ${concurrency}`).toBe(most);
      }
    });

    it('keeps the values when metadata is synced again into a store with real data', async () => {
      const store = await fresh();
      await run(store, { kpis: ['N2'], years: [2022], ou: false });
      kolada.meta.municipality = [...kolada.meta.municipality!, { id: '2584', title: 'Kiruna', type: 'K' }];
      requests = [];
      await run(store, { kpis: ['N2'], years: [2022], ou: false });
      expect(requests.slice(0, 5)).toEqual(META_REQUESTS);
      expect(await values(store)).toEqual(['N2 0180 2022 T 20 1 ']);
      expect(
        await store.db.selectFrom('municipality').select('id').where('id', '=', '2584').execute(),
      ).toHaveLength(1);
    });
  });
}
