/**
 * The store's facts about itself (store_meta) and its import log, which together make the data
 * version that caches key on; on both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { MetadataWriter } from '../bulk/metadata-writer.js';
import type { ImportLogRepository } from './import-log.repository.js';
import type { StoreMetaRepository } from './store-meta.repository.js';

for (const dialect of DIALECTS) {
  describe(`store meta and import log on ${dialect}`, () => {
    let temp: TempStore;
    let meta: StoreMetaRepository;
    let log: ImportLogRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      meta = temp.store.repositories.storeMeta;
      log = temp.store.repositories.importLog;
    });
    afterAll(() => temp.destroy());

    it('gets and sets keys, null when missing', async () => {
      expect(await meta.get('k')).toBeNull();
      await meta.set('k', 'one');
      await meta.set('other', 'x');
      await meta.set('k', 'two');
      expect(await meta.get('k')).toBe('two');
      expect(await meta.get('other')).toBe('x');
    });

    it('advances a key only to a later value, and says whether it moved', async () => {
      expect(await meta.advance('synced', '2026-01-02')).toBe(true);
      expect(await meta.get('synced')).toBe('2026-01-02');
      expect(await meta.advance('synced', '2026-01-02')).toBe(false);
      expect(await meta.advance('synced', '2026-01-01')).toBe(false);
      expect(await meta.get('synced')).toBe('2026-01-02');
      expect(await meta.advance('synced', '2026-01-03')).toBe(true);
      expect(await meta.get('synced')).toBe('2026-01-03');
    });

    it('logs imports and keys the data version on them and on the dataset', async () => {
      expect(await meta.dataVersion()).toEqual({ key: '0:0::', running: false, lastLoadedAt: null });
      expect(await log.recent()).toEqual([]);

      const first = await log.start('import', 'kpi.json');
      const running = await meta.dataVersion();
      expect(running).toEqual({ key: `1:${first}::`, running: true, lastLoadedAt: null });
      const [entry] = await log.recent();
      expect(entry).toEqual({
        id: first,
        kind: 'import',
        source: 'kpi.json',
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        finishedAt: null,
        status: 'running',
        counts: {},
        message: null,
      });

      await log.finish(first, 'ok', { values: 12, kpis: 1 });
      const [done] = await log.recent();
      expect(done).toMatchObject({ status: 'ok', counts: { values: 12, kpis: 1 }, message: null });
      expect(done?.finishedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
      expect(done && done.finishedAt !== null && done.finishedAt >= done.startedAt).toBe(true);
      expect(await meta.dataVersion()).toEqual({
        key: `1:${first}:${done?.finishedAt}:`,
        running: false,
        lastLoadedAt: done?.finishedAt,
      });

      const second = await log.start('sync', 'kolada');
      await log.finish(second, 'failed', {}, 'network down');
      const third = await log.start('sync', 'kolada');
      const entries = await log.recent();
      expect(entries.map((e) => [e.id, e.status, e.message])).toEqual([
        [third, 'running', null],
        [second, 'failed', 'network down'],
        [first, 'ok', null],
      ]);
      expect((await log.recent(2)).map((e) => e.id)).toEqual([third, second]);
      const version = await meta.dataVersion();
      expect(version.running).toBe(true);
      expect(version.key).toBe(`3:${third}:${entries[1]?.finishedAt}:`);
      expect(version.lastLoadedAt).toBe(entries[1]?.finishedAt);

      await meta.set('dataset', 'demo');
      expect((await meta.dataVersion()).key).toBe(`3:${third}:${entries[1]?.finishedAt}:demo`);
    });

    it('says which dataset the store holds', async () => {
      const other = await createTempStore(dialect);
      try {
        const repo = other.store.repositories.storeMeta;
        expect(await repo.dataset()).toBe('empty');
        await repo.set('dataset', 'kolada');
        expect(await repo.dataset()).toBe('empty');
        await new MetadataWriter(other.store.db).upsertKpis(
          [
            {
              id: 'N1',
              title: 'Ett',
              description: null,
              is_divided_by_gender: 0,
              municipality_type: 'K',
              auspice: null,
              operating_area: null,
              perspective: null,
              prel_publication_date: null,
              publication_date: null,
              publ_period: null,
              has_ou_data: null,
              ou_publication_date: null,
            },
          ],
          'kolada',
        );
        expect(await repo.dataset()).toBe('kolada');
        await repo.set('dataset', 'demo');
        expect(await repo.dataset()).toBe('demo');
      } finally {
        await other.destroy();
      }
    });
  });
}
