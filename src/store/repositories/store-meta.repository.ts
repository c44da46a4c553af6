import { type Kysely, sql } from 'kysely';
import type { Database } from '../schema.js';

/** What the store holds as a whole: "kolada" (real data), "demo" (generated, labelled) or nothing yet. */
export type DatasetKind = 'kolada' | 'demo' | 'empty';

/**
 * Identifies the loaded data: it changes whenever an import or sync starts or finishes (every write
 * path logs one), so caches of values and replies can key on it. `running` says an import or sync is
 * under way: values may still change, so nothing should be cached from them.
 */
export interface DataVersion {
  key: string;
  running: boolean;
  lastLoadedAt: string | null;
}

/** Small key/value facts about the store itself (which dataset it holds, versions). */
export class StoreMetaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('store_meta')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value ?? null;
  }

  async set(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('store_meta')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
      .execute();
  }

  /**
   * Moves `key` forward to `value` if it is later (text order, e.g. ISO times) than what is stored;
   * true when this call moved it. Atomic: of several instances claiming the same value at once,
   * exactly one gets true (PostgreSQL re-checks the condition after the row lock, SQLite serialises).
   */
  async advance(key: string, value: string): Promise<boolean> {
    await this.db
      .insertInto('store_meta')
      .values({ key, value: '' })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const result = await this.db
      .updateTable('store_meta')
      .set({ value })
      .where('key', '=', key)
      .where('value', '<', value)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** "demo" only when demo data was loaded; otherwise "kolada" once any KPI exists. */
  async dataset(): Promise<DatasetKind> {
    if ((await this.get('dataset')) === 'demo') return 'demo';
    const any = await this.db.selectFrom('kpi').select('id').limit(1).executeTakeFirst();
    return any ? 'kolada' : 'empty';
  }

  /** One small query: it runs once per cacheable API request. */
  async dataVersion(): Promise<DataVersion> {
    const { rows } = await sql<{
      n: number | string;
      last: number | string | null;
      finished: string | null;
      running: number | string | null;
      dataset: string | null;
    }>`select count(*) as n, max(id) as last, max(finished_at) as finished,
         sum(case when finished_at is null then 1 else 0 end) as running,
         (select value from store_meta where key = 'dataset') as dataset
       from import_log`.execute(this.db);
    const row = rows[0];
    // An aggregate without `group by` gives exactly one row: `row?.` only satisfies the type checker.
    // Stryker disable OptionalChaining: equivalent (see above)
    return {
      key: `${row?.n ?? 0}:${row?.last ?? 0}:${row?.finished ?? ''}:${row?.dataset ?? ''}`,
      running: Number(row?.running ?? 0) > 0,
      lastLoadedAt: row?.finished ?? null,
    };
    // Stryker restore OptionalChaining
  }
}
