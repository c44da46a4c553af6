/**
 * Reads of Kolada metadata that several repositories make the same way: the municipality list and the
 * KPI description. One place, so the Kolada API, the comparator and the analyses cannot drift apart.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Database, KpiTable, Origin } from '../schema.js';

export interface MunicipalityRecord {
  id: string;
  title: string;
  type: string;
}

/** Municipalities with id, title and type; callers add their filters and order. */
export function selectMunicipalities(db: Kysely<Database>) {
  return db.selectFrom('municipality').select(['id', 'title', 'type']);
}

/** A KPI as Kolada describes it, with 0/1 columns as booleans. */
export interface KpiDescription {
  id: string;
  title: string;
  description: string | null;
  isDividedByGender: boolean;
  municipalityType: string | null;
  auspice: string | null;
  operatingArea: string | null;
  perspective: string | null;
  prelPublicationDate: string | null;
  publicationDate: string | null;
  publPeriod: string | null;
  /** Whose figures: Kolada's, the municipality's own (Etablera's own KPIs, local imports) or demo data. */
  origin: Origin;
}

export function describeKpi(r: Selectable<KpiTable>): KpiDescription {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    isDividedByGender: r.is_divided_by_gender === 1,
    municipalityType: r.municipality_type,
    auspice: r.auspice,
    operatingArea: r.operating_area,
    perspective: r.perspective,
    prelPublicationDate: r.prel_publication_date,
    publicationDate: r.publication_date,
    publPeriod: r.publ_period,
    origin: r.origin,
  };
}
