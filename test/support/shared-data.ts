/**
 * Where the full Kolada data lies beside the checkout (`../shared/data`) and which files make it up:
 * one manifest for the tests (real-data.ts) and the benchmarks (bench/lib/bench-stores.ts).
 */
import { join, resolve } from 'node:path';

export const REPO_ROOT = resolve(import.meta.dirname, '../..');
// ETABLERA_TEST_SHARED_DATA: for a copy of the checkout elsewhere (Stryker's sandbox, see TESTING.md).
export const SHARED_DATA = resolve(REPO_ROOT, process.env.ETABLERA_TEST_SHARED_DATA || '../shared/data');
export const KOLADA_META = join(SHARED_DATA, 'kolada/meta');
export const KOLADA_VALUES = join(SHARED_DATA, 'kolada/values/values-2024-08.ndjson.gz');

/** Kolada-shaped files by API resource (a resource left out is served empty), and one values file. */
export interface KoladaFiles {
  meta: Partial<Record<KoladaResource, string>>;
  values: string;
}
export type KoladaResource = 'kpi' | 'kpi_groups' | 'municipality' | 'municipality_groups' | 'ou';
export const KOLADA_RESOURCES: readonly KoladaResource[] = [
  'kpi',
  'kpi_groups',
  'municipality',
  'municipality_groups',
  'ou',
];

/** The full data set (only when HAS_FULL_DATA). */
export const FULL_KOLADA: KoladaFiles = {
  meta: {
    kpi: join(KOLADA_META, 'kpi.json'),
    kpi_groups: join(KOLADA_META, 'kpi_groups.v2-2024-01.json'),
    municipality: join(KOLADA_META, 'municipality.json'),
    municipality_groups: join(KOLADA_META, 'municipality_groups.json'),
    ou: join(KOLADA_META, 'ou.v2-2024-01.json'),
  },
  values: KOLADA_VALUES,
};

/** The metadata files in the order an import takes them. */
export const META_FILES = (['municipality', 'kpi', 'kpi_groups', 'municipality_groups', 'ou'] as const).map(
  (r) => FULL_KOLADA.meta[r]!,
);
