/** The PostgreSQL backend: a pg pool under Kysely. */
import { Kysely, PostgresDialect } from 'kysely';
import { DataVersionSignal, DataVersionWrites } from '../../data-version-signal.js';
import type { PostgresStore } from '../../database.js';
import { repositoriesOf } from '../../repositories/index.js';
import type { Database } from '../../schema.js';
import type { StoreBackend } from '../backend.js';
import { dataVersionListener } from './data-version-listener.js';
import { postgresSql } from './sql.js';
import { withPostgresSyncLock } from './sync-lock.js';
import { postgresCounts } from './table-counts.js';
import { createPostgresValueWriter } from './value-writer.js';

/** The PostgreSQL driver, loaded when a PostgreSQL store is opened: a SQLite server never needs it. */
async function postgresDriver() {
  const [{ default: pg }, { default: Cursor }] = await Promise.all([import('pg'), import('pg-cursor')]);
  // PostgreSQL returns bigint (count(*)) as strings by default; our counts fit in a JS number.
  pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
  pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
  return { pg, Cursor };
}

export async function openPostgres(url: string): Promise<PostgresStore> {
  const { pg, Cursor } = await postgresDriver();
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle pooled connection that the server ends (a restart, an administrator, a network drop) is
  // reported here; the pool has already dropped it and opens a new one for the next query. Without a
  // listener the 'error' event would end the whole process.
  pool.on('error', (error) => {
    process.emitWarning(
      `PostgreSQL closed an idle connection (${error.message}); it is replaced at the next query`,
    );
  });
  // The same for a connection in use: the query (or the transaction's rollback) fails with the error and
  // the pool drops the connection when it comes back, but the client also emits 'error' itself, and
  // the pool listens only while the connection is idle — a backend terminated mid-transaction would
  // otherwise end the process (test: src/http/api/process/connection-loss.test.ts).
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  // The data version is known without a query while nothing has changed (data-version-signal.ts).
  const listener = dataVersionListener(pg, url);
  const signal = new DataVersionSignal(listener.start);
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool, cursor: Cursor }),
    plugins: [new DataVersionWrites(signal)],
  });
  const backend: StoreBackend = {
    ...postgresSql,
    // PostgreSQL writes in its own process already: no thread of ours needed.
    createValueWriter: (options) =>
      createPostgresValueWriter(pool, { deferIndexes: options.deferIndexesWhenEmpty }),
    withSyncLock: (task) => withPostgresSyncLock(db, task),
    async tableCounts() {
      const client = await pool.connect();
      try {
        return await postgresCounts(client);
      } finally {
        client.release();
      }
    },
  };
  return {
    dialect: 'postgres',
    db,
    pool,
    backend,
    repositories: repositoriesOf(db, backend, signal),
    dataVersionSignal: signal,
    location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, '://$1:***@'),
    close: async () => {
      await listener.close();
      await db.destroy();
    },
  };
}
