/**
 * The SQL of key rotation over any sealed column, on both backends. The column here is store_meta's
 * value (any text column will do: the repository is told the table, key and column).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { type SealedColumnRef, SealedValuesRepository } from './sealed-values.repository.js';

const column: SealedColumnRef = { table: 'store_meta', column: 'value', key: 'key', needs: [] };

for (const dialect of DIALECTS) {
  describe(`sealed values on ${dialect}`, () => {
    let temp: TempStore;
    let repo: SealedValuesRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      repo = new SealedValuesRepository(temp.store.db);
      const meta = temp.store.repositories.storeMeta;
      await meta.set('d', 'v1.old.ddd');
      await meta.set('a', 'v1.new.aaa');
      await meta.set('c', 'v1.old.ccc');
      await meta.set('b', 'v1.old.bbb');
      await meta.set('e', 'plain');
    });
    afterAll(() => temp.destroy());

    it('lists values not sealed with a key, by key, up to a limit, with the columns asked for', async () => {
      expect(await repo.notSealedWith(column, 'v1.new.', 10)).toEqual([
        { k: 'b', v: 'v1.old.bbb' },
        { k: 'c', v: 'v1.old.ccc' },
        { k: 'd', v: 'v1.old.ddd' },
        { k: 'e', v: 'plain' },
      ]);
      expect(await repo.notSealedWith(column, 'v1.new.', 2)).toEqual([
        { k: 'b', v: 'v1.old.bbb' },
        { k: 'c', v: 'v1.old.ccc' },
      ]);
      const withKey = await repo.notSealedWith({ ...column, needs: ['key'] }, 'v1.old.', 1);
      expect(withKey).toEqual([{ k: 'a', v: 'v1.new.aaa', key: 'a' }]);
      const withTwo = await repo.notSealedWith({ ...column, needs: ['key', 'value'] }, 'v1.old.', 1);
      expect(withTwo).toEqual([{ k: 'a', v: 'v1.new.aaa', key: 'a', value: 'v1.new.aaa' }]);
    });

    it('swaps a value only while it is still the one read', async () => {
      expect(await repo.swap(column, 'b', 'v1.old.bbb', 'v1.new.bbb')).toBe(true);
      expect(await repo.swap(column, 'c', 'v1.old.xxx', 'v1.new.ccc')).toBe(false);
      expect(await repo.swap(column, 'z', 'v1.old.ccc', 'v1.new.ccc')).toBe(false);
      expect(await temp.store.repositories.storeMeta.get('b')).toBe('v1.new.bbb');
      expect(await temp.store.repositories.storeMeta.get('c')).toBe('v1.old.ccc');
    });

    it('counts values per key id', async () => {
      const counts = await repo.keyCounts(column);
      expect(counts.sort((x, y) => x.keyId.localeCompare(y.keyId))).toEqual([
        { keyId: '', n: 1 },
        { keyId: 'new', n: 2 },
        { keyId: 'old', n: 2 },
      ]);
    });
  });
}
