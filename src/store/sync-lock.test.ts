import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { openStore, type Store } from './database.js';
import { withSyncLock } from './sync-lock.js';

for (const dialect of DIALECTS) {
  describe(`withSyncLock (${dialect})`, () => {
    let temp: TempStore;
    let other: Store;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      // A second connection pool on the same store, as a second app instance or a CLI would have.
      other = await openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR });
    });
    afterAll(async () => {
      await other?.close();
      await temp?.destroy();
    });

    it('lets one holder sync at a time and releases the lock afterwards, also when the task throws', async () => {
      const inner = await withSyncLock(temp.store, () => withSyncLock(other, async () => 'ran'));
      expect(inner).toBeNull();
      expect(await withSyncLock(other, async () => 'ran')).toBe('ran');
      await expect(
        withSyncLock(temp.store, async () => {
          throw new Error('sync failed');
        }),
      ).rejects.toThrow('sync failed');
      expect(await withSyncLock(other, async () => 'ran')).toBe('ran');
    });
  });
}
