/**
 * Reads for the comparator: municipalities, their groups, KPI metadata, and values shaped the way the
 * pages need them (a set of KPIs for all kommuner in one year; a few municipalities over all years).
 * Lean selects without ordering: the services index the rows in memory.
 */
import { type Kysely, sql } from 'kysely';
import type { Database, Direction, Gender } from '../schema.js';
import {
  describeKpi,
  type KpiDescription,
  type MunicipalityRecord,
  selectMunicipalities,
} from './metadata-reads.js';

export type MunicipalityRow = MunicipalityRecord;

export interface GroupRow {
  id: string;
  title: string;
}

export interface KpiMetaRow extends KpiDescription {
  direction: Direction | null;
  unit: string | null;
}

export interface PointRow {
  kpi: string;
  municipality: string;
  period: number;
  gender: Gender;
  value: number | null;
  status: string;
}

export class ComparisonRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async municipalities(): Promise<MunicipalityRow[]> {
    return selectMunicipalities(this.db).orderBy('id').execute();
  }

  async group(id: string): Promise<GroupRow | undefined> {
    return this.db
      .selectFrom('municipality_group')
      .select(['id', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
  }

  /** Every group the municipality is a member of (län, kommungrupp, liknande kommuner, networks…). */
  async groupsContaining(municipalityId: string): Promise<GroupRow[]> {
    return this.db
      .selectFrom('municipality_group_member as m')
      .innerJoin('municipality_group as g', 'g.id', 'm.group_id')
      .select(['g.id', 'g.title'])
      .where('m.municipality_id', '=', municipalityId)
      .orderBy('g.title')
      .execute();
  }

  /** Groups whose title starts with the prefix (e.g. every "Liknande kommuner …" group). */
  async groupsTitled(prefix: string): Promise<GroupRow[]> {
    return this.db
      .selectFrom('municipality_group')
      .select(['id', 'title'])
      .where('title', 'like', `${prefix.replace(/[%_]/g, '')}%`)
      .orderBy('title')
      .execute();
  }

  async groupMembers(groupIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>(groupIds.map((id) => [id, []]));
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (comparison.repository.test.ts, checked by hand)
    if (groupIds.length === 0) return result;
    const rows = await this.db
      .selectFrom('municipality_group_member')
      .select(['group_id', 'municipality_id'])
      .where('group_id', 'in', groupIds)
      .orderBy('group_id')
      .orderBy('position')
      .execute();
    // Stryker disable next-line OptionalChaining: equivalent, every row's group is one asked for, so in the map
    for (const r of rows) result.get(r.group_id)?.push(r.municipality_id);
    return result;
  }

  async kpis(ids: readonly string[]): Promise<KpiMetaRow[]> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (comparison.repository.test.ts, checked by hand)
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('kpi').selectAll().where('id', 'in', ids).execute();
    return rows.map((r) => ({ ...describeKpi(r), direction: r.direction, unit: r.unit }));
  }

  /** KPIs whose id or title contains the text (case-insensitive), for pickers. */
  async findKpis(text: string, limit: number): Promise<{ id: string; title: string }[]> {
    const like = `%${text.toLowerCase().replace(/[%_]/g, '')}%`;
    return this.db
      .selectFrom('kpi')
      .select(['id', 'title'])
      .where((eb) => eb.or([eb(sql`lower(title)`, 'like', like), eb(sql`lower(id)`, 'like', like)]))
      .orderBy('id')
      .limit(limit)
      .execute();
  }

  /**
   * Values of the given KPIs, municipalities and years, one gender set. With every key column
   * constrained the backends answer by primary-key seeks, which is what keeps the profile page fast.
   */
  async valuesAt(q: {
    kpis: readonly string[];
    municipalities: readonly string[];
    periods: readonly number[];
    genders: readonly Gender[];
  }): Promise<PointRow[]> {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: SQLite takes `in ()`; killed on PostgreSQL only (comparison.repository.test.ts, checked by hand)
    if (!q.kpis.length || !q.municipalities.length || !q.periods.length || !q.genders.length) return [];
    const rows = await this.db
      .selectFrom('value')
      .select(['kpi_id', 'municipality_id', 'period', 'gender', 'value', 'status'])
      .where('kpi_id', 'in', q.kpis)
      .where('municipality_id', 'in', q.municipalities)
      .where('period', 'in', q.periods)
      .where('gender', 'in', q.genders)
      .where('is_deleted', '=', 0)
      .execute();
    return rows.map(toPoint);
  }

  /** The years (from `fromPeriod` on, if given) of some KPIs for a few municipalities: trends. */
  async series(q: {
    kpis: readonly string[];
    municipalities: readonly string[];
    genders: readonly Gender[];
    fromPeriod?: number;
  }): Promise<PointRow[]> {
    // Stryker disable next-line ConditionalExpression,LogicalOperator: SQLite takes `in ()`; killed on PostgreSQL only (comparison.repository.test.ts, checked by hand)
    if (!q.kpis.length || !q.municipalities.length || !q.genders.length) return [];
    let query = this.db
      .selectFrom('value')
      .select(['kpi_id', 'municipality_id', 'period', 'gender', 'value', 'status'])
      .where('kpi_id', 'in', q.kpis)
      .where('municipality_id', 'in', q.municipalities)
      .where('gender', 'in', q.genders)
      .where('is_deleted', '=', 0);
    if (q.fromPeriod !== undefined) query = query.where('period', '>=', q.fromPeriod);
    return (await query.execute()).map(toPoint);
  }

  /** Everything one KPI holds for one gender: all municipalities, all years (the KPI page). */
  async kpiValues(kpi: string, gender: Gender): Promise<PointRow[]> {
    // Thousands of rows (every municipality and year) for one KPI page: the KPI and gender are the
    // ones asked for, so they are not read back — two strings less to parse and keep per row
    // (the driver's parsing was the page's largest cost after rendering on PostgreSQL, issue 24).
    const rows = await this.db
      .selectFrom('value')
      .select(['municipality_id', 'period', 'value', 'status'])
      .where('kpi_id', '=', kpi)
      .where('gender', '=', gender)
      .where('is_deleted', '=', 0)
      .execute();
    return rows.map((r) => ({
      kpi,
      municipality: r.municipality_id,
      period: Number(r.period),
      gender,
      value: r.value === null ? null : Number(r.value),
      status: r.status,
    }));
  }
}

function toPoint(r: {
  kpi_id: string;
  municipality_id: string;
  period: number;
  gender: string;
  value: number | null;
  status: string;
}): PointRow {
  return {
    kpi: r.kpi_id,
    municipality: r.municipality_id,
    period: Number(r.period),
    gender: r.gender as Gender,
    value: r.value === null ? null : Number(r.value),
    status: r.status,
  };
}
