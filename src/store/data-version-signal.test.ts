/**
 * PostgreSQL: the data version kept between changes (data-version-signal.ts, the listener, migration
 * 0190's triggers), with a second store on the same database standing in for another process.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { openStore, type PostgresStore } from './database.js';

/** Waits until `condition` holds (each check 20 ms apart), failing with `what` after 10 s. */
async function until(what: string, condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (condition()) return;
    await sleep(20);
  }
  throw new Error(`still not: ${what}`);
}

describe.runIf(DIALECTS.includes('postgres'))('the data version on PostgreSQL, kept between changes', () => {
  let temp: TempStore;
  let here: PostgresStore;
  let other: PostgresStore;
  const triggers = (on: boolean) =>
    Promise.all(
      ['import_log', 'store_meta'].map((table) =>
        other.pool.query(`alter table ${table} ${on ? 'enable' : 'disable'} trigger ${table}_data_version`),
      ),
    );

  beforeAll(async () => {
    temp = await createTempStore('postgres');
    here = temp.store as PostgresStore;
    other = (await openStore({
      databaseUrl: temp.env.DATABASE_URL,
      dataDir: temp.env.ETABLERA_DATA_DIR,
    })) as PostgresStore;
    await here.repositories.storeMeta.dataVersion(); // starts the listener
    await until('listening', () => here.dataVersionSignal.current() !== null);
  });
  afterAll(async () => {
    await other.close();
    await temp.destroy();
  });

  it("sees another process's write through the trigger's notification", async () => {
    const before = await here.repositories.storeMeta.dataVersion();
    const seen = here.dataVersionSignal.current();
    const id = await other.repositories.importLog.start('import', 'kpi.json');
    await until('notified', () => here.dataVersionSignal.current() !== seen);
    const during = await here.repositories.storeMeta.dataVersion();
    expect(during).toMatchObject({ running: true });
    expect(during.key).not.toBe(before.key);
    const after = here.dataVersionSignal.current();
    await other.repositories.importLog.finish(id, 'ok', {});
    await until('notified of the finish', () => here.dataVersionSignal.current() !== after);
    expect(await here.repositories.storeMeta.dataVersion()).toMatchObject({ running: false });
  });

  it('keeps the version without reading it while nothing is notified, for a second at most', async () => {
    await triggers(false);
    try {
      const kept = await here.repositories.storeMeta.dataVersion();
      // Written without a notification (the triggers off): only the second's bound can reveal it.
      await other.repositories.storeMeta.set('dataset', 'demo');
      expect(await here.repositories.storeMeta.dataVersion()).toEqual(kept);
      await sleep(1100);
      expect((await here.repositories.storeMeta.dataVersion()).key).toMatch(/:demo$/);
    } finally {
      await triggers(true);
    }
  });

  it("sees this process's own write at once, before any notification", async () => {
    await triggers(false);
    try {
      const before = await here.repositories.storeMeta.dataVersion();
      await here.repositories.storeMeta.set('dataset', 'kolada');
      const after = await here.repositories.storeMeta.dataVersion();
      expect(after.key).not.toBe(before.key);
      expect(after.key).toMatch(/:kolada$/);
    } finally {
      await triggers(true);
    }
  });

  it('reads the version every time while the listener is gone, and listens again', async () => {
    await other.pool.query(
      `select pg_terminate_backend(pid) from pg_stat_activity
        where datname = current_database() and query = 'listen etablera_data_version' and pid <> pg_backend_pid()`,
    );
    await until('the listener lost', () => here.dataVersionSignal.current() === null);
    await triggers(false);
    try {
      await other.repositories.storeMeta.set('dataset', 'demo');
      // No notification and no listener: read, not kept.
      expect((await here.repositories.storeMeta.dataVersion()).key).toMatch(/:demo$/);
    } finally {
      await triggers(true);
    }
    await until('listening again', () => here.dataVersionSignal.current() !== null);
    const seen = here.dataVersionSignal.current();
    await other.repositories.storeMeta.set('dataset', 'kolada');
    await until('notified', () => here.dataVersionSignal.current() !== seen);
    expect((await here.repositories.storeMeta.dataVersion()).key).toMatch(/:kolada$/);
  });
});
