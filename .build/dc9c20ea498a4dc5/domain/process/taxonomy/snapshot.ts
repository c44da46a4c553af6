/**
 * The bundled taxonomy snapshot: a gzipped JSON of compact rows (arrays, not objects) that
 * `scripts/build-taxonomy-snapshot.ts` builds from ../shared/data/process and the server loads at
 * first start, without network. Concept ids are the sources' own, unchanged.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type {
  ForecastRow,
  LabourRegionRow,
  RegionalAssessmentRow,
  TaxonomyConceptRow,
  TaxonomyLabelRow,
  TaxonomyLoad,
  TaxonomyRelationRow,
} from '../../../store/repositories/taxonomy.repository.js';

export const SNAPSHOT_FORMAT = 1;
export const SNAPSHOT_FILE = new URL('./snapshot/taxonomy-snapshot.json.gz', import.meta.url);

export const NOTICE =
  'Yrken, kompetenser och övriga begrepp: Arbetsförmedlingen, JobTech Taxonomy (CC0 1.0). ' +
  'Yrkesprognoser: Arbetsförmedlingen. ' +
  'This service uses the ESCO classification of the European Commission.';

type ConceptTuple = [string, string, string, string | null, string | null, number, string | null];
type LabelTuple = [string, string, string, string, string, number];
type RelationTuple = [string, string, string, number | null];
type ForecastTuple = [string, string | null, number, number, string, string];
type RegionalTuple = [string, number, number | null, number | null, number | null];
type RegionTuple = [string, string, number, string];

export interface Snapshot {
  format: number;
  source: string;
  version: string;
  notice: string;
  counts: Record<string, number>;
  /** What could not be joined, so pages and reports can say so. */
  unjoined: Record<string, string[]>;
  concepts: ConceptTuple[];
  labels: LabelTuple[];
  relations: RelationTuple[];
  demand: {
    forecasts: ForecastTuple[];
    regional: RegionalTuple[];
    regions: RegionTuple[];
    regionSource: string;
  };
}

export interface SnapshotParts {
  source: string;
  version: string;
  counts: Record<string, number>;
  unjoined: Record<string, string[]>;
  concepts: TaxonomyConceptRow[];
  labels: TaxonomyLabelRow[];
  relations: TaxonomyRelationRow[];
  forecasts: ForecastRow[];
  regional: RegionalAssessmentRow[];
  regions: LabourRegionRow[];
}

export function encodeSnapshot(p: SnapshotParts): Snapshot {
  return {
    format: SNAPSHOT_FORMAT,
    source: p.source,
    version: p.version,
    notice: NOTICE,
    counts: p.counts,
    unjoined: p.unjoined,
    concepts: p.concepts.map((c) => [
      c.id,
      c.type,
      c.label,
      c.definition,
      c.code,
      c.deprecated,
      c.replaced_by,
    ]),
    labels: p.labels.map((l) => [l.concept_id, l.lang, l.kind, l.label, l.source, l.reviewed]),
    relations: p.relations.map((r) => [r.kind, r.from_id, r.to_id, r.weight]),
    demand: {
      forecasts: p.forecasts.map((f) => [f.ssyk_code, f.concept_id, f.year, f.value, f.text, f.source]),
      regional: p.regional.map((r) => [
        r.forecast_occupation_id,
        r.region,
        r.index_value,
        r.national_short,
        r.national_long,
      ]),
      regions: p.regions.map((r) => [r.kommun_code, r.kommun_name, r.region, r.region_name]),
      regionSource: p.regions[0]?.source ?? '',
    },
  };
}

export function readSnapshot(file: URL | string = SNAPSHOT_FILE): Snapshot {
  const snapshot = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Snapshot;
  if (snapshot.format !== SNAPSHOT_FORMAT)
    throw new Error(`taxonomy snapshot format ${snapshot.format} is not ${SNAPSHOT_FORMAT}: rebuild it`);
  return snapshot;
}

export function snapshotToLoad(s: Snapshot): TaxonomyLoad {
  const regionalSource = 'Arbetsförmedlingen, Yrkesprognoser';
  return {
    source: s.source,
    version: s.version,
    counts: s.counts,
    concepts: s.concepts.map(([id, type, label, definition, code, deprecated, replaced_by]) => ({
      id,
      type,
      label,
      definition,
      code,
      deprecated,
      replaced_by,
    })),
    labels: s.labels.map(([concept_id, lang, kind, label, source, reviewed]) => ({
      concept_id,
      lang,
      kind,
      label,
      source,
      reviewed,
    })),
    relations: s.relations.map(([kind, from_id, to_id, weight]) => ({ kind, from_id, to_id, weight })),
    // The snapshot is the whole picture of the sources it was built from.
    replaceLabelSources: [...new Set(s.labels.map((l) => l[4]))],
    demand: {
      forecasts: s.demand.forecasts.map(([ssyk_code, concept_id, year, value, text, source]) => ({
        ssyk_code,
        concept_id,
        year,
        value,
        text,
        source,
      })),
      regional: s.demand.regional.map(
        ([forecast_occupation_id, region, index_value, national_short, national_long]) => ({
          forecast_occupation_id,
          region,
          index_value,
          national_short,
          national_long,
          source: regionalSource,
        }),
      ),
      regions: s.demand.regions.map(([kommun_code, kommun_name, region, region_name]) => ({
        kommun_code,
        kommun_name,
        region,
        region_name,
        source: s.demand.regionSource,
      })),
    },
  };
}
