/**
 * The integration indicator set: the KPIs behind SKR's "Nyckeltal för integration" in its six areas,
 * plus barn och unga and the model KPIs of "Framgångsrik lokal integration". It drives sync defaults
 * and the comparator. Adding a KPI is one line in INTEGRATION_SET.
 *
 * Ids and areas are facts (researched in ../shared/data/kolada/integration-kpis.csv); labels,
 * directions and units are Etablera's own.
 */
import type { Direction } from '../store/schema.js';

/** Bump when the list changes, so stores and exports can say which version they follow. */
export const INTEGRATION_SET_VERSION = '2026.1';

export type IntegrationAreaId =
  | 'asyl'
  | 'sfi'
  | 'etablering'
  | 'arbete-studier'
  | 'demografi'
  | 'representation'
  | 'barn-unga';

export interface IntegrationArea {
  id: IntegrationAreaId;
  /** SKR's area number (1–6); barn och unga is Etablera's addition (7). */
  number: number;
  title: string;
  titleEn: string;
}

export const INTEGRATION_AREAS: readonly IntegrationArea[] = [
  { id: 'asyl', number: 1, title: 'Asyl- och flyktingmottagande', titleEn: 'Asylum and refugee reception' },
  { id: 'sfi', number: 2, title: 'Sfi', titleEn: 'Swedish for immigrants (sfi)' },
  { id: 'etablering', number: 3, title: 'Etableringsuppdraget', titleEn: 'The establishment programme' },
  {
    id: 'arbete-studier',
    number: 4,
    title: 'Etablering i arbete och studier',
    titleEn: 'Establishment in work and studies',
  },
  {
    id: 'demografi',
    number: 5,
    title: 'Demografi, migration och boende',
    titleEn: 'Demography, migration and housing',
  },
  { id: 'representation', number: 6, title: 'Representation', titleEn: 'Representation' },
  { id: 'barn-unga', number: 7, title: 'Barn och unga', titleEn: 'Children and young people' },
];

export interface IntegrationKpi {
  id: string;
  area: IntegrationAreaId;
  direction: Direction;
  /** Short unit for display: "%", "antal", "kr", "dagar", … */
  unit: string;
  /** Etablera's own short Swedish label. */
  label: string;
  /** Part of SKR's model "Framgångsrik lokal integration" (the model KPIs and their inputs). */
  model?: boolean;
}

// One line per KPI. Keep grouped by area, in the order the comparator shows them.
export const INTEGRATION_SET: readonly IntegrationKpi[] = [
  {
    id: 'N00700',
    area: 'arbete-studier',
    direction: 'higher',
    unit: '%',
    label: 'Flyktingar 20–64 år i arbete',
    model: true,
  },
  {
    id: 'N00485',
    area: 'arbete-studier',
    direction: 'neither',
    unit: '%',
    label: 'Förväntad andel flyktingar i arbete (SKR-modellen)',
    model: true,
  },
  {
    id: 'N00486',
    area: 'arbete-studier',
    direction: 'higher',
    unit: 'procentenheter',
    label: 'Avvikelse från förväntad andel i arbete',
    model: true,
  },
  {
    id: 'N00704',
    area: 'arbete-studier',
    direction: 'neither',
    unit: '%',
    label: 'Flyktingar med kort vistelsetid (0–6 år)',
    model: true,
  },
  {
    id: 'N00705',
    area: 'arbete-studier',
    direction: 'neither',
    unit: '%',
    label: 'Flyktingar med förgymnasial utbildning',
    model: true,
  },
  {
    id: 'N00706',
    area: 'arbete-studier',
    direction: 'neither',
    unit: '%',
    label: 'Flyktingar med gymnasial utbildning',
    model: true,
  },
  {
    id: 'N00707',
    area: 'arbete-studier',
    direction: 'neither',
    unit: '%',
    label: 'Flyktingar med eftergymnasial utbildning',
    model: true,
  },
  {
    id: 'N00708',
    area: 'arbete-studier',
    direction: 'lower',
    unit: '%',
    label: 'Arbetslöshet bland inrikes födda 20–64 år',
    model: true,
  },
];

const BY_ID = new Map(INTEGRATION_SET.map((k) => [k.id, k]));

export function integrationKpi(id: string): IntegrationKpi | undefined {
  return BY_ID.get(id);
}
