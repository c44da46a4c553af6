import type { Kysely } from 'kysely';
import type { Database } from '../schema.js';

/** What the store holds as a whole: "kolada" (real data), "demo" (generated, labelled) or nothing yet. */
export type DatasetKind = 'kolada' | 'demo' | 'empty';

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

  /** "demo" only when demo data was loaded; otherwise "kolada" once any KPI exists. */
  async dataset(): Promise<DatasetKind> {
    if ((await this.get('dataset')) === 'demo') return 'demo';
    const any = await this.db.selectFrom('kpi').select('id').limit(1).executeTakeFirst();
    return any ? 'kolada' : 'empty';
  }
}
