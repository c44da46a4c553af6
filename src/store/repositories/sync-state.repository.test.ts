/** The sync's bookkeeping in the store: runs, finished items, high-water marks, current values. */

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { valueRow as row } from '../../../test/support/value-rows.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import { createValueWriter } from '../bulk/value-writer.js';
import type { KpiRow } from '../metadata-rows.js';
import { type SyncStateRepository, valueKey } from './sync-state.repository.js';

function kpi(id: string, hasOuData: number | null): KpiRow {
  return {
    id,
    title: id,
    description: null,
    is_divided_by_gender: 0,
    municipality_type: 'K',
    auspice: null,
    operating_area: null,
    perspective: null,
    prel_publication_date: null,
    publication_date: null,
    publ_period: null,
    has_ou_data: hasOuData,
    ou_publication_date: null,
  };
}

for (const dialect of DIALECTS) {
  describe(`sync state on ${dialect}`, () => {
    let temp: TempStore;
    let repo: SyncStateRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = temp.store.repositories.syncState;
    });
    afterAll(() => temp.destroy());

    it('closes only the sync log entries that never finished', async () => {
      const log = temp.store.repositories.importLog;
      const open = await log.start('sync', 'kolada');
      const done = await log.start('sync', 'kolada');
      await log.finish(done, 'ok', {});
      const anImport = await log.start('import', 'file.json');
      expect(await repo.closeInterruptedSyncLogs()).toBe(1);
      const byId = new Map((await log.recent()).map((e) => [e.id, e]));
      expect(byId.get(open)).toMatchObject({
        status: 'failed',
        message: 'interrupted (the process stopped); a later run resumes it',
      });
      expect(byId.get(open)?.finishedAt).toMatch(/^\d{4}-/);
      expect(byId.get(done)?.status).toBe('ok');
      expect(byId.get(anImport)).toMatchObject({ status: 'running', finishedAt: null });
      expect(await repo.closeInterruptedSyncLogs()).toBe(0);
    });

    it('resumes the latest unfinished run of the same selection and source, with its finished items', async () => {
      expect(await repo.unfinishedRun('all', 'https://a')).toBeNull();
      const older = await repo.startRun('all', 'https://a');
      await repo.markDone(older.id, 'meta:kpi');
      const run = await repo.startRun('all', 'https://a');
      expect(run).toEqual({
        id: run.id,
        selection: 'all',
        baseUrl: 'https://a',
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        status: 'running',
        done: new Set(),
      });
      await repo.startRun('other', 'https://a');
      await repo.startRun('all', 'https://b');
      await repo.markDone(run.id, 'meta:kpi');
      await repo.markDone(run.id, 'kpi:N1');
      await repo.markDone(run.id, 'kpi:N1');
      expect(await repo.unfinishedRun('all', 'https://a')).toEqual({
        ...run,
        done: new Set(['meta:kpi', 'kpi:N1']),
      });

      // A run under way has no counts yet: an empty object, not an empty text.
      const started = await sql<{ counts: string }>`select counts from sync_run where id = ${run.id}`.execute(
        temp.store.db,
      );
      expect(started.rows[0]?.counts).toBe('{}');
      await repo.finishRun(run.id, 'failed', { kpis: 1 });
      const failed = await repo.unfinishedRun('all', 'https://a');
      expect([failed?.id, failed?.status]).toEqual([run.id, 'failed']);
      const { rows } = await sql<{ status: string; counts: string; finished_at: string | null }>`
        select status, counts, finished_at from sync_run where id = ${run.id}`.execute(temp.store.db);
      expect(rows[0]?.counts).toBe('{"kpis":1}');
      expect(rows[0]?.finished_at).toMatch(/^\d{4}-/);
      await repo.markRunning(run.id);
      expect((await repo.unfinishedRun('all', 'https://a'))?.status).toBe('running');
      await repo.finishRun(run.id, 'ok', {});
      expect(await repo.unfinishedRun('all', 'https://a')).toBeNull();
    });

    it('keeps high-water marks apart per level, and updates them', async () => {
      const many = Array.from({ length: 501 }, (_, i) => `K${String(i).padStart(4, '0')}`);
      for (const id of [many[0], many[500]] as string[])
        await repo.setKpiState({ kpi: id, highWater: '2026-01-01', years: [2020, 2021] });
      await repo.setKpiState({ kpi: 'K0000', highWater: '2026-02-01', years: [2022] });
      await repo.setKpiState({ kpi: 'K0001', highWater: '2026-03-01', years: [] }, 'ou');
      const states = await repo.kpiStates(many);
      expect([...states.keys()].sort()).toEqual(['K0000', 'K0500']);
      expect(states.get('K0000')).toEqual({ kpi: 'K0000', highWater: '2026-02-01', years: [2022] });
      expect(states.get('K0500')).toEqual({ kpi: 'K0500', highWater: '2026-01-01', years: [2020, 2021] });
      expect(await repo.kpiStates(many, 'ou')).toEqual(
        new Map([['K0001', { kpi: 'K0001', highWater: '2026-03-01', years: [] }]]),
      );
      expect(await repo.kpiStates([])).toEqual(new Map());
      expect(await repo.syncedKpiIds()).toEqual(['K0000', 'K0500']);
      expect(await repo.syncedKpiIds('ou')).toEqual(['K0001']);
    });

    it("reads a KPI's current values in the years asked for, tombstones included, per level", async () => {
      await new MetadataWriter(temp.store.db).upsertMunicipalities([
        { id: '1280', title: 'Malmö', type: 'K' },
      ]);
      await new MetadataWriter(temp.store.db).upsertOus([
        { id: 'V1', municipality_id: '1280', title: 'Skola' },
      ]);
      const writer = await createValueWriter(temp.store);
      await writer.write(
        'municipality',
        [
          row('N1', '1280', 2019, 'T', 1),
          row('N1', '1280', 2020, 'T', 2),
          row('N1', '1280', 2021, 'K', null, { count: 0, status: 'Saknas' }),
          row('N1', '1280', 2022, 'T', 4, { isDeleted: true }),
          row('N1', '1280', 2023, 'T', 5),
          row('N2', '1280', 2020, 'T', 6),
        ],
        '2026-01-01T00:00:00.000Z',
      );
      await writer.write(
        'ou',
        [row('N1', 'V1', 2020, 'M', 7, { count: 2 }), row('N1', 'V1', 2023, 'T', 8)],
        '2026-01-01',
      );
      await writer.close();
      expect(await repo.currentValues('N1', [2022, 2020, 2021])).toEqual(
        new Map([
          [valueKey('1280', 2020, 'T'), { value: 2, count: 1, status: '', isDeleted: false }],
          ['1280|2021|K', { value: null, count: 0, status: 'Saknas', isDeleted: false }],
          ['1280|2022|T', { value: 4, count: 1, status: '', isDeleted: true }],
        ]),
      );
      // Only the years asked for, also between the first and the last.
      expect([...(await repo.currentValues('N1', [2019, 2023])).keys()]).toEqual([
        '1280|2019|T',
        '1280|2023|T',
      ]);
      expect(await repo.currentValues('N1', [2020], 'ou')).toEqual(
        new Map([['V1|2020|M', { value: 7, count: 2, status: '', isDeleted: false }]]),
      );
      expect([...(await repo.currentValues('N1', [2023, 2019], 'ou')).keys()]).toEqual(['V1|2023|T']);
    });

    it('lists known KPIs, those with OU data, and KPI group members in group order, each once', async () => {
      const other = await createTempStore(dialect);
      try {
        const r = other.store.repositories.syncState;
        const ids = Array.from({ length: 502 }, (_, i) => `N${String(i).padStart(4, '0')}`);
        const meta = new MetadataWriter(other.store.db);
        await meta.upsertKpis(
          ids.map((id, i) => kpi(id, i === 1 || i === 501 ? 1 : i === 2 ? null : 0)),
          'kolada',
        );
        expect(await r.knownKpiIds()).toEqual(ids);
        expect(await r.kpisWithOuData(ids)).toEqual(new Set(['N0001', 'N0501']));
        expect(await r.kpisWithOuData([])).toEqual(new Set());
        await meta.replaceGroups('kpi', [
          {
            id: 'B',
            title: 'B',
            members: [
              { id: 'N0003', title: '3' },
              { id: 'N0001', title: '1' },
            ],
          },
          {
            id: 'A',
            title: 'A',
            members: [
              { id: 'N0002', title: '2' },
              { id: 'N0003', title: '3' },
            ],
          },
        ]);
        expect(await r.kpiGroupMembers(['B', 'X', 'A'])).toEqual({
          kpis: ['N0002', 'N0003', 'N0001'],
          unknownGroups: ['X'],
        });
        expect(await r.kpiGroupMembers([])).toEqual({ kpis: [], unknownGroups: [] });
      } finally {
        await other.destroy();
      }
    });

    it('clears demo data and its label, and nothing else of the store', async () => {
      const other = await createTempStore(dialect);
      try {
        const meta = new MetadataWriter(other.store.db);
        await meta.upsertKpis([kpi('N1', 1)], 'demo');
        await meta.upsertMunicipalities([{ id: '1280', title: 'Malmö', type: 'K' }]);
        await meta.upsertOus([{ id: 'V1', municipality_id: '1280', title: 'Skola' }]);
        await meta.replaceGroups('kpi', [{ id: 'KG', title: 'KG', members: [{ id: 'N1', title: '1' }] }]);
        await meta.replaceGroups('municipality', [
          { id: 'MG', title: 'MG', members: [{ id: '1280', title: 'M' }] },
        ]);
        const writer = await createValueWriter(other.store);
        await writer.write('municipality', [row('N1', '1280', 2020, 'T', 1)], '2026-01-01');
        await writer.write('ou', [row('N1', 'V1', 2020, 'T', 1)], '2026-01-01');
        await writer.close();
        const r = other.store.repositories.syncState;
        await r.setKpiState({ kpi: 'N1', highWater: 'x', years: [] });
        await r.setKpiState({ kpi: 'N1', highWater: 'x', years: [] }, 'ou');
        await other.store.repositories.storeMeta.set('dataset', 'demo');
        await other.store.repositories.storeMeta.set('kept', 'yes');
        const plan = (organisation: string) =>
          other.store.repositories.plans.insertPlan({
            organisation_id: organisation,
            lineage: organisation,
            version: 1,
            status: 'draft',
            title: organisation,
            municipality_id: '1280',
            vision: null,
            decision: null,
            source: null,
            period_kind: 'ar',
            period_from: 2024,
            period_to: 2026,
            deadline_rule: '{}',
            is_public: 0,
            created_at: '2026-01-01',
            adopted_at: null,
          });
        await plan('demo');
        const kept = await plan('1280');
        await r.clearDemoData();
        expect((await other.store.repositories.plans.plans()).map((p) => p.id)).toEqual([kept]);
        const counts: Record<string, number> = {};
        for (const table of [
          'value',
          'ou_value',
          'kpi_group_member',
          'kpi_group',
          'municipality_group_member',
          'municipality_group',
          'ou',
          'kpi',
          'municipality',
          'sync_kpi_state',
          'sync_ou_state',
        ]) {
          const { rows } = await sql<{
            n: number | string;
          }>`select count(*) as n from ${sql.table(table)}`.execute(other.store.db);
          counts[table] = Number(rows[0]?.n);
        }
        expect(Object.values(counts)).toEqual(Array(11).fill(0));
        expect(await other.store.repositories.storeMeta.get('dataset')).toBeNull();
        expect(await other.store.repositories.storeMeta.get('kept')).toBe('yes');
      } finally {
        await other.destroy();
      }
    });
  });
}
