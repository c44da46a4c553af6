/**
 * Reads and swaps sealed values of any sealed column (key rotation). SQL only; which columns are
 * sealed, and what each value is bound to, is the domain's list (privacy/sealed-columns.ts).
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface SealedColumnRef {
  table: string;
  column: string;
  key: string;
  needs: readonly string[];
}

export type SealedRow = Record<string, unknown> & { k: string | number; v: string };

export class SealedValuesRepository {
  constructor(private readonly db: Kysely<Database> | Transaction<Database>) {}

  /** Up to `limit` values of the column not sealed with the key whose prefix is given. */
  async notSealedWith(c: SealedColumnRef, prefix: string, limit: number): Promise<SealedRow[]> {
    const extra = c.needs.map((n) => sql`, ${sql.ref(n)}`);
    const result = await sql<SealedRow>`
      select ${sql.ref(c.key)} as k, ${sql.ref(c.column)} as v ${sql.join(extra, sql``)}
      from ${sql.table(c.table)}
      where ${sql.ref(c.column)} is not null
        and substr(${sql.ref(c.column)}, 1, ${prefix.length}) <> ${prefix}
      order by ${sql.ref(c.key)}
      limit ${limit}`.execute(this.db);
    return result.rows;
  }

  /** Replaces the value only if it is still the one read (a write meanwhile wins). True when swapped. */
  async swap(c: SealedColumnRef, key: string | number, from: string, to: string): Promise<boolean> {
    const result = await sql`
      update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${to}
      where ${sql.ref(c.key)} = ${key} and ${sql.ref(c.column)} = ${from}`.execute(this.db);
    return Number(result.numAffectedRows ?? 0) > 0;
  }

  /** How many values of the column are sealed with each key id (the status of a rotation). */
  async keyCounts(c: SealedColumnRef): Promise<{ keyId: string; n: number }[]> {
    const result = await sql<{ v: string }>`
      select ${sql.ref(c.column)} as v from ${sql.table(c.table)} where ${sql.ref(c.column)} is not null`.execute(
      this.db,
    );
    const counts = new Map<string, number>();
    for (const { v } of result.rows) {
      const id = v.split('.')[1] ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
    }
    return [...counts].map(([keyId, n]) => ({ keyId, n }));
  }
}
