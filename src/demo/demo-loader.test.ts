/**
 * The demo loader's promise that a half-loaded store never passes for real data: the store is
 * labelled demo before its first row (held by database triggers that refuse an unlabelled row), and
 * a load that stops half-way stays labelled, is served as demo and is logged as failed.
 */
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import { SyncProgress } from '../kolada/sync-progress.js';
import type { Store } from '../store/database.js';
import { StoreMetaRepository } from '../store/repositories/store-meta.repository.js';
import { loadDemoData } from './demo-loader.js';

const GUARDED = ['municipality', 'kpi', 'value'] as const;
const UNLABELLED = 'row written before the store was labelled demo';

/** Triggers that refuse any row in the data tables while store_meta does not say dataset=demo. */
async function refuseUnlabelledRows(store: Store): Promise<void> {
  if (store.dialect === 'sqlite') {
    for (const table of GUARDED)
      await sql
        .raw(`create trigger demo_guard_${table} before insert on ${table}
              when coalesce((select value from store_meta where key = 'dataset'), '') <> 'demo'
              begin select raise(abort, '${table} ${UNLABELLED}'); end`)
        .execute(store.db);
    return;
  }
  await sql
    .raw(`create function demo_guard() returns trigger language plpgsql as $$
          begin
            if coalesce((select value from store_meta where key = 'dataset'), '') <> 'demo' then
              raise exception '% ${UNLABELLED}', tg_table_name;
            end if;
            return new;
          end $$`)
    .execute(store.db);
  for (const table of GUARDED)
    await sql
      .raw(`create trigger demo_guard before insert on ${table} for each row execute function demo_guard()`)
      .execute(store.db);
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: demo loader`, () => {
    let temp: TempStore | undefined;
    afterEach(async () => {
      await temp?.destroy();
    });

    it('labels the store before the first row, and a load stopped half-way stays demo and is logged failed', async () => {
      temp = await createTempStore(dialect);
      const { store } = temp;
      await refuseUnlabelledRows(store);
      // The third KPI's progress report fails: the load stops with two KPIs' values written.
      const progress = new SyncProgress();
      progress.subscribe((p) => {
        if (p.phase === 'demo' && p.done === 2) throw new Error('stopped half-way on purpose');
      });
      await expect(loadDemoData(store, progress)).rejects.toThrow('stopped half-way on purpose');

      const kpisWithValues = await store.db.selectFrom('value').select('kpi_id').distinct().execute();
      expect(kpisWithValues).toHaveLength(2);
      expect(await new StoreMetaRepository(store.db).dataset()).toBe('demo');
      const log = await store.db.selectFrom('import_log').selectAll().execute();
      expect(log).toHaveLength(1);
      expect(log[0]).toMatchObject({
        kind: 'demo',
        status: 'failed',
        message: 'stopped half-way on purpose',
      });
      expect(log[0]!.finished_at).not.toBeNull();
      const values = await store.db
        .selectFrom('value')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirst();
      expect(JSON.parse(log[0]!.counts)).toEqual({ values: Number(values?.n) });

      const app = await buildApp({ store, settings: loadSettings({}) });
      try {
        const reply = await app.inject({ method: 'GET', url: '/v3/kpi?per_page=1' });
        expect(reply.statusCode).toBe(200);
        expect(reply.headers['x-etablera-dataset']).toBe('demo');
      } finally {
        await app.close();
      }
    });

    it('the guard refuses an unlabelled row (so the test above can fail)', async () => {
      temp = await createTempStore(dialect);
      await refuseUnlabelledRows(temp.store);
      await expect(
        temp.store.db
          .insertInto('municipality')
          .values({ id: '0180', title: 'Stockholm', type: 'K' })
          .execute(),
      ).rejects.toThrow(`municipality ${UNLABELLED}`);
    });
  });
}
