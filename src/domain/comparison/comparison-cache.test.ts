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
  });
}
