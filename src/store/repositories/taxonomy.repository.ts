/**
 * The taxonomy tables (migration 0030-taxonomy): SQL only. A load (bundled snapshot, file import or
 * sync) is written in one transaction, so a reader sees the taxonomy before or after it, never half.
 */
import { type Generated, type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../schema.js';

export interface TaxonomyConceptRow {
  id: string;
  type: string;
  label: string;
  definition: string | null;
  code: string | null;
  deprecated: number;
  replaced_by: string | null;
}

export interface TaxonomyLabelRow {
  concept_id: string;
  lang: string;
  kind: string;
  label: string;
  source: string;
  reviewed: number;
}

export interface TaxonomyRelationRow {
  kind: string;
  from_id: string;
  to_id: string;
  weight: number | null;
}

/** A person's decision on a drafted label (migration 0100). */
export interface LabelReviewRow {
  concept_id: string;
  lang: string;
  label: string;
  draft_label: string;
  decision: 'confirmed' | 'corrected';
  reviewed_by: string;
  organisation_id: string | null;
  reviewed_at: string;
}

export interface ForecastRow {
  ssyk_code: string;
  concept_id: string | null;
  year: number;
  value: number;
  text: string;
  source: string;
}

export interface RegionalAssessmentRow {
  forecast_occupation_id: string;
  region: number;
  index_value: number | null;
  national_short: number | null;
  national_long: number | null;
  source: string;
}

export interface LabourRegionRow {
  kommun_code: string;
  kommun_name: string;
  region: number;
  region_name: string;
  source: string;
}

type TaxonomyTables = {
  taxonomy_version: {
    id: Generated<number>;
    source: string;
    version: string;
    loaded_at: string;
    counts: string;
  };
  taxonomy_concept: TaxonomyConceptRow & { version_id: number };
  taxonomy_label: TaxonomyLabelRow;
  taxonomy_relation: TaxonomyRelationRow;
  taxonomy_forecast: ForecastRow;
  taxonomy_regional_assessment: RegionalAssessmentRow;
  taxonomy_labour_region: LabourRegionRow;
  taxonomy_label_review: LabelReviewRow;
};

type Db = Kysely<Database & TaxonomyTables>;

export interface TaxonomyLoad {
  source: string;
  version: string;
  concepts: TaxonomyConceptRow[];
  labels: TaxonomyLabelRow[];
  relations: TaxonomyRelationRow[];
  /** Label sources whose stored labels this load replaces as a whole (e.g. "esco"). */
  replaceLabelSources: string[];
  /**
   * Ids of concepts the source no longer lists (a sync): marked deprecated, label and relations kept,
   * so an id held in a profile still resolves.
   */
  deprecate?: string[];
  /** When present, the demand tables are replaced by these rows. */
  demand?: { forecasts: ForecastRow[]; regional: RegionalAssessmentRow[]; regions: LabourRegionRow[] };
  counts: Record<string, number>;
}

export interface TaxonomyVersion {
  id: number;
  source: string;
  version: string;
  loadedAt: string;
  counts: Record<string, number>;
}

// 500 rows × at most 8 columns stays far below both backends' bound-parameter limits.
const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

export class TaxonomyRepository {
  private readonly db: Db;

  constructor(db: Kysely<Database>) {
    this.db = db.withTables<TaxonomyTables>();
  }

  /** Writes a whole load in one transaction and records its version; returns the version id. */
  async writeLoad(load: TaxonomyLoad, loadedAt = new Date().toISOString()): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      const version = await trx
        .insertInto('taxonomy_version')
        .values({
          source: load.source,
          version: load.version,
          loaded_at: loadedAt,
          counts: JSON.stringify(load.counts),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await upsertConcepts(trx, load.concepts, version.id);
      for (const part of chunks(load.deprecate ?? []))
        await trx
          .updateTable('taxonomy_concept')
          .set({ deprecated: 1, version_id: version.id })
          .where('id', 'in', part)
          .where('deprecated', '=', 0)
          .execute();
      if (load.replaceLabelSources.length > 0)
        await trx.deleteFrom('taxonomy_label').where('source', 'in', load.replaceLabelSources).execute();
      for (const part of chunks(load.labels))
        await trx
          .insertInto('taxonomy_label')
          .values(part)
          .onConflict((oc) =>
            oc.columns(['concept_id', 'lang', 'kind', 'label']).doUpdateSet({
              source: (eb) => eb.ref('excluded.source'),
              reviewed: (eb) => eb.ref('excluded.reviewed'),
            }),
          )
          .execute();
      for (const part of chunks(load.relations))
        await trx
          .insertInto('taxonomy_relation')
          .values(part)
          .onConflict((oc) =>
            oc
              .columns(['kind', 'from_id', 'to_id'])
              .doUpdateSet({ weight: (eb) => eb.ref('excluded.weight') }),
          )
          .execute();
      if (load.demand) await replaceDemand(trx, load.demand);
      return version.id;
    });
  }

  async versions(): Promise<TaxonomyVersion[]> {
    const rows = await this.db.selectFrom('taxonomy_version').selectAll().orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      version: r.version,
      loadedAt: r.loaded_at,
      counts: JSON.parse(r.counts) as Record<string, number>,
    }));
  }

  /** The id of the latest load, or 0: it changes whenever the taxonomy does. */
  async latestVersionId(): Promise<number> {
    const row = await this.db
      .selectFrom('taxonomy_version')
      .select((eb) => eb.fn.max('id').as('id'))
      .executeTakeFirst();
    return Number(row?.id ?? 0);
  }

  /** Ids of the current (not deprecated) concepts of these types. */
  async currentIdsOfTypes(types: readonly string[]): Promise<string[]> {
    if (types.length === 0) return [];
    const rows = await this.db
      .selectFrom('taxonomy_concept')
      .select('id')
      .where('type', 'in', [...types])
      .where('deprecated', '=', 0)
      .execute();
    return rows.map((r) => r.id);
  }

  async isEmpty(): Promise<boolean> {
    return !(await this.db.selectFrom('taxonomy_concept').select('id').limit(1).executeTakeFirst());
  }

  /** Concepts per type, current and deprecated apart. */
  async countsByType(): Promise<{ type: string; deprecated: number; n: number }[]> {
    return this.db
      .selectFrom('taxonomy_concept')
      .select(['type', 'deprecated', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy(['type', 'deprecated'])
      .orderBy('type')
      .orderBy('deprecated')
      .execute();
  }

  /** Relations of a kind between two concept types, e.g. related ssyk-level-4 → skill. */
  async countRelations(kind: string, fromType: string, toType: string): Promise<number> {
    const row = await this.db
      .selectFrom('taxonomy_relation as r')
      .innerJoin('taxonomy_concept as f', 'f.id', 'r.from_id')
      .innerJoin('taxonomy_concept as t', 't.id', 'r.to_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('r.kind', '=', kind)
      .where('f.type', '=', fromType)
      .where('t.type', '=', toType)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async concepts(ids: readonly string[]): Promise<TaxonomyConceptRow[]> {
    if (ids.length === 0) return [];
    const out: TaxonomyConceptRow[] = [];
    for (const part of chunks([...ids]))
      out.push(
        ...(await this.db
          .selectFrom('taxonomy_concept')
          .select(['id', 'type', 'label', 'definition', 'code', 'deprecated', 'replaced_by'])
          .where('id', 'in', part)
          .execute()),
      );
    return out;
  }

  async conceptsByCode(type: string, code: string): Promise<TaxonomyConceptRow[]> {
    return this.db
      .selectFrom('taxonomy_concept')
      .select(['id', 'type', 'label', 'definition', 'code', 'deprecated', 'replaced_by'])
      .where('type', '=', type)
      .where('code', '=', code)
      .execute();
  }

  /** Concepts of the given types with all their labels: what the search index is built from. */
  async conceptsOfTypes(types: readonly string[]): Promise<TaxonomyConceptRow[]> {
    return this.db
      .selectFrom('taxonomy_concept')
      .select(['id', 'type', 'label', 'definition', 'code', 'deprecated', 'replaced_by'])
      .where('type', 'in', [...types])
      .orderBy('id')
      .execute();
  }

  async labels(ids: readonly string[]): Promise<TaxonomyLabelRow[]> {
    if (ids.length === 0) return [];
    const out: TaxonomyLabelRow[] = [];
    for (const part of chunks([...ids]))
      out.push(
        ...(await this.db
          .selectFrom('taxonomy_label')
          .selectAll()
          .where('concept_id', 'in', part)
          .orderBy('concept_id')
          .orderBy('lang')
          .orderBy('label')
          .execute()),
      );
    return out;
  }

  async allLabels(): Promise<TaxonomyLabelRow[]> {
    return this.db.selectFrom('taxonomy_label').selectAll().orderBy('concept_id').execute();
  }

  /** Labels of the given concepts in the given languages (what a label lookup shows). */
  async labelsIn(ids: readonly string[], langs: readonly string[]): Promise<TaxonomyLabelRow[]> {
    if (ids.length === 0 || langs.length === 0) return [];
    const out: TaxonomyLabelRow[] = [];
    for (const part of chunks([...ids]))
      out.push(
        ...(await this.db
          .selectFrom('taxonomy_label')
          .selectAll()
          .where('concept_id', 'in', part)
          .where('lang', 'in', [...langs])
          .where('kind', '!=', 'related')
          .execute()),
      );
    return out;
  }

  /** A language's drafted and reviewed pack labels (sources pack:<lang> and review:<lang>). */
  async packLabels(lang: string): Promise<TaxonomyLabelRow[]> {
    return this.db
      .selectFrom('taxonomy_label')
      .selectAll()
      .where('lang', '=', lang)
      .where('source', 'in', [`pack:${lang}`, `review:${lang}`])
      .orderBy('concept_id')
      .execute();
  }

  async reviews(lang?: string): Promise<LabelReviewRow[]> {
    let q = this.db.selectFrom('taxonomy_label_review').selectAll();
    if (lang) q = q.where('lang', '=', lang);
    return q.orderBy('concept_id').execute();
  }

  /**
   * Records decisions on drafted labels and makes them the concepts' labels: the draft goes, the
   * decided label stays under `review:<lang>` (which a snapshot reload does not replace). A new
   * version row makes the search index follow. The caller passes the transaction its audit entry
   * is written in.
   */
  async applyReviews(trx: Transaction<Database>, rows: LabelReviewRow[]): Promise<void> {
    const t = trx.withTables<TaxonomyTables>();
    for (const r of rows) {
      await t
        .deleteFrom('taxonomy_label')
        .where('concept_id', '=', r.concept_id)
        .where('lang', '=', r.lang)
        .where('source', 'in', [`pack:${r.lang}`, `review:${r.lang}`])
        .execute();
      await t
        .insertInto('taxonomy_label')
        .values({
          concept_id: r.concept_id,
          lang: r.lang,
          kind: 'draft',
          label: r.label,
          source: `review:${r.lang}`,
          reviewed: 1,
        })
        .onConflict((oc) =>
          oc
            .columns(['concept_id', 'lang', 'kind', 'label'])
            .doUpdateSet({ source: `review:${r.lang}`, reviewed: 1 }),
        )
        .execute();
      await t
        .insertInto('taxonomy_label_review')
        .values(r)
        .onConflict((oc) =>
          oc.columns(['concept_id', 'lang']).doUpdateSet({
            label: r.label,
            draft_label: r.draft_label,
            decision: r.decision,
            reviewed_by: r.reviewed_by,
            organisation_id: r.organisation_id,
            reviewed_at: r.reviewed_at,
          }),
        )
        .execute();
    }
    if (rows.length > 0)
      await t
        .insertInto('taxonomy_version')
        .values({
          source: 'label review',
          version: rows[0]?.reviewed_at ?? new Date().toISOString(),
          loaded_at: new Date().toISOString(),
          counts: JSON.stringify({ reviewed: rows.length }),
        })
        .execute();
  }

  /** Relations touching a concept, in either direction. */
  async relationsOf(id: string): Promise<TaxonomyRelationRow[]> {
    return this.db
      .selectFrom('taxonomy_relation')
      .selectAll()
      .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)]))
      .orderBy('kind')
      .orderBy('from_id')
      .orderBy('to_id')
      .execute();
  }

  async relationsOfKind(kind: string): Promise<TaxonomyRelationRow[]> {
    return this.db.selectFrom('taxonomy_relation').selectAll().where('kind', '=', kind).execute();
  }

  async forecasts(ssykCode: string): Promise<ForecastRow[]> {
    return this.db
      .selectFrom('taxonomy_forecast')
      .selectAll()
      .where('ssyk_code', '=', ssykCode)
      .orderBy('year')
      .execute();
  }

  async labourRegion(kommunCode: string): Promise<LabourRegionRow | undefined> {
    return this.db
      .selectFrom('taxonomy_labour_region')
      .selectAll()
      .where('kommun_code', '=', kommunCode)
      .executeTakeFirst();
  }

  /** How many forecast occupations the region has an assessment for (index 1–5). */
  async assessedInRegion(region: number): Promise<number> {
    const row = await this.db
      .selectFrom('taxonomy_regional_assessment')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('region', '=', region)
      .where('index_value', '>', 0)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async demandCounts(): Promise<{ forecasts: number; regional: number; regions: number }> {
    const count = async (
      table: 'taxonomy_forecast' | 'taxonomy_regional_assessment' | 'taxonomy_labour_region',
    ) =>
      Number(
        (await this.db.selectFrom(table).select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow()).n,
      );
    return {
      forecasts: await count('taxonomy_forecast'),
      regional: await count('taxonomy_regional_assessment'),
      regions: await count('taxonomy_labour_region'),
    };
  }
}

async function upsertConcepts(
  trx: Transaction<Database & TaxonomyTables>,
  rows: TaxonomyConceptRow[],
  versionId: number,
) {
  for (const part of chunks(rows))
    await trx
      .insertInto('taxonomy_concept')
      .values(part.map((r) => ({ ...r, version_id: versionId })))
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          type: (eb) => eb.ref('excluded.type'),
          label: (eb) => eb.ref('excluded.label'),
          // A load that lacks a definition or code keeps the one already known.
          definition: sql`coalesce(excluded.definition, taxonomy_concept.definition)`,
          code: sql`coalesce(excluded.code, taxonomy_concept.code)`,
          deprecated: (eb) => eb.ref('excluded.deprecated'),
          replaced_by: sql`coalesce(excluded.replaced_by, taxonomy_concept.replaced_by)`,
          version_id: (eb) => eb.ref('excluded.version_id'),
        }),
      )
      .execute();
}

async function replaceDemand(
  trx: Transaction<Database & TaxonomyTables>,
  demand: NonNullable<TaxonomyLoad['demand']>,
) {
  await trx.deleteFrom('taxonomy_forecast').execute();
  await trx.deleteFrom('taxonomy_regional_assessment').execute();
  await trx.deleteFrom('taxonomy_labour_region').execute();
  for (const part of chunks(demand.forecasts))
    await trx.insertInto('taxonomy_forecast').values(part).execute();
  for (const part of chunks(demand.regional))
    await trx.insertInto('taxonomy_regional_assessment').values(part).execute();
  for (const part of chunks(demand.regions))
    await trx.insertInto('taxonomy_labour_region').values(part).execute();
}
