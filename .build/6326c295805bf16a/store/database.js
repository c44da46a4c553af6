import { mkdirSync } from "node:fs";
import { join } from "node:path";
import SqliteDatabase from "better-sqlite3";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import Cursor from "pg-cursor";
import { migrationsFor } from "./migrations/index.js";
import { ensureValueIndexes } from "./value-indexes.js";
pg.types.setTypeParser(pg.types.builtins.INT8, (v) => Number.parseInt(v, 10));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (v) => Number.parseFloat(v));
async function openStore(options) {
  const store = options.databaseUrl ? openPostgres(options.databaseUrl) : openSqlite(options);
  await migrate(store);
  await ensureValueIndexes(store);
  return store;
}
function openSqlite(options) {
  let file = options.sqliteFile;
  if (!file) {
    mkdirSync(options.dataDir, { recursive: true });
    file = join(options.dataDir, "etablera.db");
  }
  const sqlite = new SqliteDatabase(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = NORMAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 10000");
  sqlite.pragma("cache_size = -16384");
  const db = new Kysely({ dialect: new SqliteDialect({ database: sqlite }) });
  return {
    dialect: "sqlite",
    db,
    sqlite,
    location: file,
    close: () => db.destroy()
  };
}
function openPostgres(url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  const db = new Kysely({ dialect: new PostgresDialect({ pool, cursor: Cursor }) });
  return {
    dialect: "postgres",
    db,
    pool,
    location: url.replace(/:\/\/([^:@/]+):[^@/]*@/, "://$1:***@"),
    close: () => db.destroy()
  };
}
async function migrate(store) {
  const migrations = migrationsFor(store.dialect);
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations },
    allowUnorderedMigrations: true
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new Error(`Migration ${failed} failed on ${store.dialect}: ${String(error)}`);
  }
}
export {
  migrate,
  openStore
};
//# sourceMappingURL=database.js.map
