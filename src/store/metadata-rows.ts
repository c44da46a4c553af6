/**
 * The metadata rows the store writes, in the store's own terms. The file readers (`import/`) and the
 * sync (`kolada/`) produce them; the store must not import from those layers above it.
 */
import type { KpiTable } from './schema.js';

export type KpiRow = Omit<KpiTable, 'direction' | 'unit' | 'origin'>;

export interface MunicipalityRow {
  id: string;
  title: string;
  type: string;
}

export interface GroupRow {
  id: string;
  title: string;
  members: { id: string; title: string }[];
}

export interface OuRow {
  id: string;
  municipality_id: string;
  title: string;
}
