/**
 * Bulk writers for KPI values: the one hot path that goes below Kysely. Each `write` call is one
 * transaction, and callers only ever pass whole KPIs, so a reader sees a KPI either before or after.
 * Upserts only touch rows whose content changed, which keeps `changed_at` honest and makes a
 * repeated import a no-op.
 */

import type { Store } from '../database.js';
import type { Gender } from '../schema.js';
import type { ValueLevel } from '../value-levels.js';

export interface ValueRow {
  kpi: string;
  /** Municipality id for level "municipality", OU id for level "ou". */
  unit: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  isDeleted: boolean;
}

export interface WriteResult {
  /** Rows inserted or changed; rows identical to what the store holds are not counted. */
  written: number;
}

export interface ValueWriter {
  write(level: ValueLevel, rows: readonly ValueRow[], changedAt: string): Promise<WriteResult>;
  close(): Promise<void>;
}

export interface ValueWriterOptions {
  /**
   * SQLite only: write on a thread of its own, so a caller that keeps one write in flight parses
   * while the previous batch is written (bulk imports). PostgreSQL already writes in its own process.
   */
  threaded?: boolean;
  /**
   * When a value table is empty at its first write, drop its (unit, period) index and build it once
   * at `close` (a first full import). Readers of that table meanwhile scan. SQLite: threaded only.
   */
  deferIndexesWhenEmpty?: boolean;
}

/** The store's bulk value writer: its backend's (backends/<database>/value-writer.ts). */
export function createValueWriter(store: Store, options: ValueWriterOptions = {}): Promise<ValueWriter> {
  return store.backend.createValueWriter(options);
}
