import { type Kysely, sql } from 'kysely';
import type { DataVersionSignal } from '../data-version-signal.js';
import type { Database } from '../schema.js';

/**
 * A version kept by the signal is read again after this long anyway: a bound on how stale it can be
 * should a notification go missing (a trigger left out by a restore of an older dump, say).
 */
const KEPT_VERSION_MAX_AGE_MS = 1000;

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
  private kept: { version: DataVersion; generation: number; readAt: number } | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly signal?: DataVersionSignal,
  ) {}

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

  /**
   * Asked once per cacheable API request. With a signal (PostgreSQL), a version read while the
   * signal stood still is kept until it moves (or for a second at most); never one read while an
   * import runs, which is read again every time, as without a signal.
   */
  async dataVersion(): Promise<DataVersion> {
    const generation = this.signal?.current() ?? null;
    const now = Date.now();
    const kept = this.kept;
    if (generation !== null && kept?.generation === generation && now - kept.readAt < KEPT_VERSION_MAX_AGE_MS)
      return kept.version;
    const version = await this.readDataVersion();
    // Kept under the number seen before the read: a change during it moves the number, so it is read again.
    this.kept = generation !== null && !version.running ? { version, generation, readAt: now } : null;
    return version;
  }

  /** One small query. */
  private async readDataVersion(): Promise<DataVersion> {
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
