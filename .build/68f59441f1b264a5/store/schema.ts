/** Table types for Kysely. Booleans are stored as 0/1 integers so both backends behave identically. */
import type { Generated } from 'kysely';

export type Gender = 'T' | 'K' | 'M';
export type Direction = 'higher' | 'lower' | 'neither';
export type Origin = 'kolada' | 'local' | 'demo';

export interface KpiTable {
  id: string;
  title: string;
  description: string | null;
  is_divided_by_gender: number;
  municipality_type: string | null;
  auspice: string | null;
  operating_area: string | null;
  perspective: string | null;
  prel_publication_date: string | null;
  publication_date: string | null;
  publ_period: string | null;
  has_ou_data: number | null;
  ou_publication_date: string | null;
  direction: Direction | null;
  unit: string | null;
  origin: Origin;
}

export interface KpiGroupTable {
  id: string;
  title: string;
}

export interface KpiGroupMemberTable {
  group_id: string;
  kpi_id: string;
  member_title: string;
  position: number;
}

export interface MunicipalityTable {
  id: string;
  title: string;
  type: string;
}

export interface MunicipalityGroupTable {
  id: string;
  title: string;
}

export interface MunicipalityGroupMemberTable {
  group_id: string;
  municipality_id: string;
  member_title: string;
  position: number;
}

export interface OuTable {
  id: string;
  municipality_id: string;
  title: string;
}

export interface ValueTable {
  kpi_id: string;
  municipality_id: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  is_deleted: number;
  changed_at: string;
}

export interface OuValueTable {
  kpi_id: string;
  ou_id: string;
  period: number;
  gender: Gender;
  value: number | null;
  count: number;
  status: string;
  is_deleted: number;
  changed_at: string;
}

export interface ImportLogTable {
  id: Generated<number>;
  kind: string;
  source: string;
  started_at: string;
  finished_at: string | null;
  status: string;
  counts: string;
  message: string | null;
}

export interface StoreMetaTable {
  key: string;
  value: string;
}

/** A municipality set whose statistics are precomputed: "K" (all kommuner) or a municipality group id. */
export interface StatisticSetTable {
  id: string;
  kind: 'type' | 'group';
  added_at: string;
}

/**
 * Distribution of one KPI over one municipality set, per year and gender, with every member's rank
 * (Etablera's own computation). `ranking` is JSON `[[municipality id, rank], …]`, highest value first.
 */
export interface KpiStatisticTable {
  kpi_id: string;
  set_id: string;
  period: number;
  gender: Gender;
  n: number;
  missing: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  q1: number;
  q3: number;
  sd: number | null;
  ranking: string;
  computed_at: string;
}

export interface Database {
  kpi: KpiTable;
  kpi_group: KpiGroupTable;
  kpi_group_member: KpiGroupMemberTable;
  municipality: MunicipalityTable;
  municipality_group: MunicipalityGroupTable;
  municipality_group_member: MunicipalityGroupMemberTable;
  ou: OuTable;
  value: ValueTable;
  ou_value: OuValueTable;
  import_log: ImportLogTable;
  store_meta: StoreMetaTable;
  statistic_set: StatisticSetTable;
  kpi_statistic: KpiStatisticTable;
}
