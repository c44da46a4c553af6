/**
 * The comparison service keeps KPI facts, a kommun's groups and a group's members until the data
 * changes, but only for ids the store knows: a client asking for made-up ids must not grow the
 * process's memory, and a failed read is not kept. On the committed fixture, both backends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createFixtureStore } from '../../../test/support/fixture.js';
import type { TempStore } from '../../../test/support/temp-store.js';
import { ComparisonRepository } from '../../store/repositories/comparison.repository.js';
import { StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import type { Gender } from '../../store/schema.js';
import { ComparisonService } from './comparison.service.js';

/** The real repository, counting the ids it is asked for. */
class CountingRepository extends ComparisonRepository {
  asked: string[] = [];
  failNext = false;
  override async kpis(ids: readonly string[]) {
    this.asked.push(...ids);
    return super.kpis(ids);
  }
  override async groupsContaining(municipalityId: string) {
    this.asked.push(municipalityId);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('connection lost');
    }
    return super.groupsContaining(municipalityId);
  }
  override async kpiValues(kpi: string, gender: Gender) {
    this.asked.push(`table ${kpi} ${gender}`);
    return super.kpiValues(kpi, gender);
  }
  override async valuesAt(q: Parameters<ComparisonRepository['valuesAt']>[0]) {
    this.asked.push(`year ${q.kpis.join(',')} ${q.periods.join(',')} ${q.genders.join(',')}`);
    return super.valuesAt(q);
  }
  override async groupMembers(groupIds: readonly string[]) {
    this.asked.push(...groupIds);
    return super.groupMembers(groupIds);
  }
}

for (const dialect of DIALECTS) {
  describe(`the comparison service's caches (${dialect})`, () => {
    let temp: TempStore;
    let repo: CountingRepository;
    let service: ComparisonService;
    beforeAll(async () => {
      temp = await createFixtureStore(dialect);
      repo = new CountingRepository(temp.store.db);
      service = new ComparisonService(repo, new StoreMetaRepository(temp.store.db));
    });
    afterAll(() => temp?.destroy());

    it('keeps a known KPI and asks again for an unknown one', async () => {
      repo.asked = [];
      expect([...(await service.kpiInfo(['N00700', 'X00001'])).keys()]).toEqual(['N00700']);
      expect([...(await service.kpiInfo(['N00700', 'X00001'])).keys()]).toEqual(['N00700']);
      expect(repo.asked).toEqual(['N00700', 'X00001', 'X00001']);
    });

    it("keeps a kommun's groups and a group's members, not an unknown id's nothing, nor a failed read", async () => {
      repo.asked = [];
      const groups = await service.groupsContaining('1282');
      expect(groups.length).toBeGreaterThan(0);
      expect(await service.groupsContaining('1282')).toBe(groups);
      expect(await service.groupsContaining('9999')).toEqual([]);
      expect(await service.groupsContaining('9999')).toEqual([]);
      const group = groups[0]!.id;
      const members = await service.groupMembers(group);
      expect(members).toContain('1282');
      expect(await service.groupMembers(group)).toBe(members);
      expect(await service.groupMembers('G0')).toEqual([]);
      expect(await service.groupMembers('G0')).toEqual([]);
      expect(repo.asked).toEqual(['1282', '9999', '9999', group, 'G0', 'G0']);

      repo.failNext = true;
      await expect(service.groupsContaining('1280')).rejects.toThrow('connection lost');
      expect((await service.groupsContaining('1280')).length).toBeGreaterThan(0);
    });

    it("reads a KPI's table once, and serves its years from it without another read", async () => {
      repo.asked = [];
      const [first] = (await service.kpiTables(['N00700', 'N00700'], 'T')).values();
      const table = first!;
      expect(table.years.length).toBeGreaterThan(1);
      const latest = table.years.at(-1)!;
      expect((await service.kpiTables(['N00700'], 'T')).get('N00700')).toBe(table);
      const years = await service.yearValues([{ kpi: 'N00700', period: latest }]);
      expect(years.get(`N00700:${latest}`)).toBe(table.year(latest));
      // Another gender is another table; a KPI without a table is read by its year, then kept.
      await service.kpiTables(['N00700'], 'K');
      await service.yearValues([{ kpi: 'N01951', period: latest }]);
      await service.yearValues([{ kpi: 'N01951', period: latest }]);
      expect(repo.asked).toEqual(['table N00700 T', 'table N00700 K', `year N01951 ${latest} T`]);
      expect(service.cacheStatus()).toMatchObject({ entries: 3 });
      expect(service.cacheStatus().usedBytes).toBe(
        table.bytes +
          (await service.kpiTables(['N00700'], 'K')).get('N00700')!.bytes +
          (await service.yearValues([{ kpi: 'N01951', period: latest }])).get(`N01951:${latest}`)!.bytes,
      );
    });
  });
}
