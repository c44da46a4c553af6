/**
 * Copies a slice of the real-data store into a temporary store: all municipalities and municipality
 * groups, and the given KPIs with every value they hold. Tests that must write (importing a plan,
 * say) get real data without touching the shared real-data store.
 */
import type { Dialect, Store } from '../../src/store/database.js';
import { openRealStore } from './real-data.js';

export async function copyRealSubset(
  dialect: Dialect,
  target: Store,
  kpis: readonly string[],
): Promise<void> {
  const real = await openRealStore(dialect);
  try {
    const copy = async <
      T extends 'kpi' | 'municipality' | 'municipality_group' | 'municipality_group_member' | 'value',
    >(
      table: T,
      rows: Record<string, unknown>[],
    ) => {
      for (let i = 0; i < rows.length; i += 400)
        await target.db
          .insertInto(table)
          // biome-ignore lint/suspicious/noExplicitAny: rows come from the same table of another store
          .values(rows.slice(i, i + 400) as any)
          .execute();
    };
    await copy('kpi', await real.db.selectFrom('kpi').selectAll().where('id', 'in', kpis).execute());
    await copy('municipality', await real.db.selectFrom('municipality').selectAll().execute());
    await copy('municipality_group', await real.db.selectFrom('municipality_group').selectAll().execute());
    await copy(
      'municipality_group_member',
      await real.db.selectFrom('municipality_group_member').selectAll().execute(),
    );
    await copy('value', await real.db.selectFrom('value').selectAll().where('kpi_id', 'in', kpis).execute());
  } finally {
    await real.close();
  }
}
