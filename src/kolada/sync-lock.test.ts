import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { openStore, type Store } from '../store/database.js';
import { SyncStateRepository } from '../store/repositories/sync-state.repository.js';

for (const dialect of DIALECTS) {
  describe(dialect, () => {
    let temp: TempStore;
    let other: Store;
    beforeAll(async () => {
      temp = await createTempStore(dialect);
      // A second connection pool on the same store, as a second app instance would have.
      other = await openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR });
    });
    afterAll(async () => {
      await other?.close();
      await temp?.destroy();
    });

    it('lets one process sync at a time (PostgreSQL advisory lock); SQLite needs none', async () => {
      const first = new SyncStateRepository(temp.store.db);
      const second = new SyncStateRepository(other.db);
      const inner = await first.withSyncLock(dialect, () => second.withSyncLock(dialect, async () => 'ran'));
      expect(inner).toBe(dialect === 'postgres' ? null : 'ran');
      // Released afterwards.
      expect(await second.withSyncLock(dialect, async () => 'ran')).toBe('ran');
    });
  });
}
