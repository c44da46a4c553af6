/**
 * Key rotation: re-seals every sealed value under the keyring's current key, in batches of one
 * transaction each, while the server runs. Resumable by construction: each pass selects the values
 * not yet under the current key, so a stopped run simply continues; a value changed meanwhile (the
 * server sealed it with the current key already) is left as the server wrote it (compare-and-swap).
 */
import type { Store } from '../../../store/database.js';
import { type Keyring, sealedPrefix } from './field-cipher.js';
import { SEALED_COLUMNS } from './sealed-columns.js';

export interface RotationReport {
  keyId: string;
  resealed: number;
  /** Values a concurrent write replaced before this run could (already under the current key). */
  skipped: number;
  batches: number;
}

export async function rotateKeys(
  store: Store,
  keyring: Keyring,
  { batchSize = 500, onBatch }: { batchSize?: number; onBatch?: (report: RotationReport) => void } = {},
): Promise<RotationReport> {
  const prefix = sealedPrefix(keyring.current.id);
  const report: RotationReport = { keyId: keyring.current.id, resealed: 0, skipped: 0, batches: 0 };
  for (const column of SEALED_COLUMNS) {
    for (;;) {
      const done = await store.db.transaction().execute(async (trx) => {
        const repository = store.repositories.in(trx).sealedValues;
        const rows = await repository.notSealedWith(column, prefix, batchSize);
        for (const row of rows) {
          // The row comes back with its key as `k`; the place reads it under the key column's name.
          const place = column.place({ ...row, [column.key]: row.k });
          const resealed = keyring.seal(keyring.open(row.v, place), place);
          if (await repository.swap(column, row.k, row.v, resealed)) report.resealed++;
          else report.skipped++;
        }
        return rows.length < batchSize;
      });
      report.batches++;
      onBatch?.(report);
      if (done) break;
    }
  }
  return report;
}

/** Per sealed column, how many values each key id seals (what `etablera keys status` prints). */
export async function keyStatus(store: Store) {
  const repository = store.repositories.sealedValues;
  const out: { column: string; keys: { keyId: string; n: number }[] }[] = [];
  for (const column of SEALED_COLUMNS)
    out.push({ column: `${column.table}.${column.column}`, keys: await repository.keyCounts(column) });
  return out;
}
