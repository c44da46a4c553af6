/**
 * What the analyses read: municipalities and their titles, KPI metadata, one year's values of a few
 * KPIs across municipalities, and which year each KPI last has data for.
 */
import type { Kysely } from 'kysely';
import type { Database, Gender } from '../schema.js';
import { type MunicipalityRecord, selectMunicipalities } from './metadata-reads.js';

export type NamedMunicipality = MunicipalityRecord;

export interface KpiInfo {
  id: string;
  title: string;
  isDividedByGender: boolean;
  unit: string | null;
  direction: string | null;
}

export class AnalysisRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async municipalities(type?: string): Promise<NamedMunicipality[]> {
    let q = selectMunicipalities(this.db);
    if (type) q = q.where('type', '=', type);
    return q.orderBy('title').orderBy('id').execute();
  }

  async municipality(id: string): Promise<NamedMunicipality | undefined> {
    return selectMunicipalities(this.db).where('id', '=', id).executeTakeFirst();
  }

  async group(id: string): Promise<{ id: string; title: string; members: string[] } | undefined> {
    const group = await this.db
      .selectFrom('municipality_group')
      .select(['id', 'title'])
      .where('id', '=', id)
      .executeTakeFirst();
    if (!group) return undefined;
    const members = await this.db
      .selectFrom('municipality_group_member')
      .select('municipality_id')
      .where('group_id', '=', id)
      .orderBy('municipality_id')
      .execute();
    return { ...group, members: members.map((m) => m.municipality_id) };
  }

  async kpis(ids: readonly string[]): Promise<KpiInfo[]> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (analysis.repository.test.ts, checked by hand)
    if (ids.length === 0) return [];
    const rows = await this.db
      .selectFrom('kpi')
      .select(['id', 'title', 'is_divided_by_gender', 'unit', 'direction'])
      .where('id', 'in', ids)
      .execute();
    return rows.map((r) => ({
      id: r.id,
      title: r.title,
      isDividedByGender: r.is_divided_by_gender === 1,
      unit: r.unit,
      direction: r.direction,
    }));
  }

  /** KPIs with precomputed statistics for all kommuner, for pickers: id and title. */
  async kpisWithStatistics(): Promise<{ id: string; title: string }[]> {
    return this.db
      .selectFrom('kpi')
      .select(['kpi.id', 'kpi.title'])
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('kpi_statistic')
            .select('kpi_statistic.kpi_id')
            .whereRef('kpi_statistic.kpi_id', '=', 'kpi.id')
            .where('kpi_statistic.set_id', '=', 'K'),
        ),
      )
      .orderBy('kpi.id')
      .execute();
  }

  /** Per KPI, the latest year at or before `year` (any year when omitted) with a value for a municipality of `type`. */
  async latestPeriods(
    kpis: readonly string[],
    type: string,
    gender: Gender,
    year?: number,
  ): Promise<Map<string, number>> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (analysis.repository.test.ts, checked by hand)
    if (kpis.length === 0) return new Map();
    let q = this.db
      .selectFrom('value')
      .innerJoin('municipality', 'municipality.id', 'value.municipality_id')
      .select(['value.kpi_id', (eb) => eb.fn.max('value.period').as('period')])
      .where('value.kpi_id', 'in', kpis)
      .where('municipality.type', '=', type)
      .where('value.gender', '=', gender)
      .where('value.is_deleted', '=', 0)
      .where('value.value', 'is not', null);
    if (year !== undefined) q = q.where('value.period', '<=', year);
    const rows = await q.groupBy('value.kpi_id').execute();
    return new Map(rows.map((r) => [r.kpi_id, Number(r.period)]));
  }

  /**
   * Per KPI, every year with a value for a municipality of `type`, ascending: what `latestPeriods`
   * answers for any year, in one read (CachedAnalysisReads keeps it per KPI).
   */
  async periodsWithData(
    kpis: readonly string[],
    type: string,
    gender: Gender,
  ): Promise<Map<string, number[]>> {
    const out = new Map<string, number[]>();
    if (kpis.length === 0) return out;
    const rows = await this.db
      .selectFrom('value')
      .innerJoin('municipality', 'municipality.id', 'value.municipality_id')
      .select(['value.kpi_id', 'value.period'])
      .where('value.kpi_id', 'in', kpis)
      .where('municipality.type', '=', type)
      .where('value.gender', '=', gender)
      .where('value.is_deleted', '=', 0)
      .where('value.value', 'is not', null)
      .groupBy(['value.kpi_id', 'value.period'])
      .orderBy('value.kpi_id')
      .orderBy('value.period')
      .execute();
    for (const r of rows) {
      const list = out.get(r.kpi_id) ?? [];
      list.push(Number(r.period));
      out.set(r.kpi_id, list);
    }
    return out;
  }

  /** Non-missing values of one KPI in one year and gender, by municipality. */
  async values(kpi: string, period: number, gender: Gender): Promise<Map<string, number>> {
    const rows = await this.db
      .selectFrom('value')
      .select(['municipality_id', 'value'])
      .where('kpi_id', '=', kpi)
      .where('period', '=', period)
      .where('gender', '=', gender)
      .where('is_deleted', '=', 0)
      .where('value', 'is not', null)
      .execute();
    return new Map(rows.map((r) => [r.municipality_id, r.value as number]));
  }
}
