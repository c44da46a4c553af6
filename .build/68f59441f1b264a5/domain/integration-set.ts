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
export const INTEGRATION_SET_VERSION = '2026.2';

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
// Left out on purpose: retired KPIs (N00712, N02995, N18703), series that ended (N18705, N31806, U40455,
// U40829), KPIs outside SKR's areas (ekonomiskt bistånd, the municipality's organisation) and staff age
// (N00214, N00219). KPIs that exist in Kolada but had no values in the 2024 snapshot are kept only where they
// complete a pair (N00711, N02269, N02281, N02282).
// biome-ignore format: one line per KPI, so adding one is one line
export const INTEGRATION_SET: readonly IntegrationKpi[] = [
  // Area 1. Volumes and costs describe the task, not how well it is done: direction "neither".
  { id: 'N01986', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Mottagna i flyktingmottagandet' },
  { id: 'N01987', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Mottagna efter anvisning' },
  { id: 'N02006', area: 'asyl', direction: 'neither', unit: 'per 1 000 inv', label: 'Mottagna i flyktingmottagandet per 1 000 invånare' },
  { id: 'N02002', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Anvisade ensamkommande barn' },
  { id: 'N01990', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Asylsökande i Migrationsverkets mottagande' },
  { id: 'N01993', area: 'asyl', direction: 'neither', unit: 'per 1 000 inv', label: 'Asylsökande per 1 000 invånare' },
  { id: 'N01991', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Asylsökande i anläggningsboende (ABO)' },
  { id: 'N01992', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Asylsökande i eget boende (EBO)' },
  { id: 'N01995', area: 'asyl', direction: 'neither', unit: 'antal', label: 'Asylsökande i övrigt boende' },
  { id: 'N40007', area: 'asyl', direction: 'neither', unit: 'kr/inv', label: 'Kostnad för flyktingmottagande' },
  { id: 'N40010', area: 'asyl', direction: 'neither', unit: 'kr/inv', label: 'Nettokostnad för flyktingmottagande' },
  { id: 'N40014', area: 'asyl', direction: 'neither', unit: '%', label: 'Köpt flyktingmottagande, andel av kostnaden' },
  { id: 'U30464', area: 'asyl', direction: 'neither', unit: 'ja/nej', label: 'Tar emot anvisade nyanlända' },
  { id: 'U30465', area: 'asyl', direction: 'higher', unit: 'ja/nej', label: 'Goda möjligheter att ordna bostad åt anvisade' },
  // Area 2. Study paths (studieväg) describe who the students are: "neither".
  { id: 'N18801', area: 'sfi', direction: 'neither', unit: 'antal', label: 'Elever i sfi' },
  { id: 'N18701', area: 'sfi', direction: 'neither', unit: '%', label: 'Sfi-elever som är flyktingar eller anhöriga' },
  { id: 'N18406', area: 'sfi', direction: 'neither', unit: '%', label: 'Kursdeltagare i sfi på studieväg 1' },
  { id: 'N18407', area: 'sfi', direction: 'neither', unit: '%', label: 'Kursdeltagare i sfi på studieväg 2' },
  { id: 'N18408', area: 'sfi', direction: 'neither', unit: '%', label: 'Kursdeltagare i sfi på studieväg 3' },
  { id: 'N18409', area: 'sfi', direction: 'higher', unit: '%', label: 'Klarat minst två sfi-kurser inom två år' },
  { id: 'N18410', area: 'sfi', direction: 'neither', unit: '%', label: 'Fortsätter sfi men klarat färre än två kurser' },
  { id: 'N18411', area: 'sfi', direction: 'lower', unit: '%', label: 'Avbrutit sfi med färre än två klarade kurser' },
  { id: 'N18413', area: 'sfi', direction: 'higher', unit: '%', label: 'Avbrutit sfi och arbetar eller studerar' },
  { id: 'N18954', area: 'sfi', direction: 'higher', unit: '%', label: 'Studerar året efter avslutad sfi' },
  { id: 'N18938', area: 'sfi', direction: 'higher', unit: '%', label: 'Läser sfi och komvux samtidigt' },
  { id: 'N18704', area: 'sfi', direction: 'higher', unit: '%', label: 'Sfi-lärare med lärarlegitimation' },
  { id: 'N18008', area: 'sfi', direction: 'neither', unit: 'kr/inv', label: 'Nettokostnad för sfi' },
  // Area 3. The intake's education mix is context; outcomes after leaving the programme have a direction.
  { id: 'N00960', area: 'etablering', direction: 'neither', unit: 'antal', label: 'Inskrivna i etableringsuppdraget' },
  { id: 'N00961', area: 'etablering', direction: 'neither', unit: '%', label: 'Inskrivna med högst förgymnasial utbildning' },
  { id: 'N00994', area: 'etablering', direction: 'neither', unit: '%', label: 'Inskrivna utan formell grundläggande utbildning' },
  { id: 'N00962', area: 'etablering', direction: 'neither', unit: '%', label: 'Inskrivna med gymnasial utbildning' },
  { id: 'N00963', area: 'etablering', direction: 'neither', unit: '%', label: 'Inskrivna med längre eftergymnasial utbildning' },
  { id: 'N00964', area: 'etablering', direction: 'neither', unit: 'antal', label: 'Lämnat etableringsuppdraget' },
  { id: 'N00971', area: 'etablering', direction: 'higher', unit: '%', label: 'Lämnat etableringsuppdraget för arbete' },
  { id: 'N00973', area: 'etablering', direction: 'higher', unit: '%', label: 'Lämnat etableringsuppdraget för arbete eller studier' },
  { id: 'N00991', area: 'etablering', direction: 'neither', unit: '%', label: 'Lämnat etableringsuppdraget för arbetsmarknadsprogram' },
  { id: 'N31859', area: 'etablering', direction: 'neither', unit: '%', label: 'Biståndsmottagare med etableringsersättning' },
  // SKR "Framgångsrik lokal integration": the outcome, the model's expected value and deviation, its inputs.
  { id: 'N00700', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Flyktingar 20–64 år i arbete', model: true },
  // Expected value from the model: context, not performance.
  { id: 'N00485', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Förväntad andel flyktingar i arbete (SKR-modellen)', model: true },
  { id: 'N00486', area: 'arbete-studier', direction: 'higher', unit: 'procentenheter', label: 'Avvikelse från förväntad andel i arbete', model: true },
  { id: 'N00704', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Flyktingar med kort vistelsetid (0–6 år)', model: true },
  { id: 'N00705', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Flyktingar med förgymnasial utbildning', model: true },
  { id: 'N00706', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Flyktingar med gymnasial utbildning', model: true },
  { id: 'N00707', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Flyktingar med eftergymnasial utbildning', model: true },
  // A model input describing the local labour market: lower unemployment is better for everyone.
  { id: 'N00708', area: 'arbete-studier', direction: 'lower', unit: '%', label: 'Arbetslöshet bland inrikes födda 20–64 år', model: true },
  // The successor of the retired N00712; no values in the 2024 snapshot yet.
  { id: 'N00711', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Flyktingar 20–64 år i arbete eller studier' },
  { id: 'N00701', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Flyktingar 20–64 år som studerar' },
  { id: 'N02994', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Flyktingar i arbete efter 4–6 år i Sverige' },
  { id: 'N00703', area: 'arbete-studier', direction: 'lower', unit: '%', label: 'Unga flyktingar 20–25 år utan arbete eller studier' },
  { id: 'N00702', area: 'arbete-studier', direction: 'lower', unit: '%', label: 'Försörjningsstöd i flyktingars nettoinkomst' },
  { id: 'N02268', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Sysselsättningsgrad, utrikes födda 20–64 år' },
  { id: 'N02269', area: 'arbete-studier', direction: 'higher', unit: '%', label: 'Sysselsättningsgrad, inrikes födda 20–64 år' },
  { id: 'N02282', area: 'arbete-studier', direction: 'lower', unit: '%', label: 'Arbetslöshet, utrikes födda 20–64 år' },
  { id: 'N02281', area: 'arbete-studier', direction: 'lower', unit: '%', label: 'Arbetslöshet, inrikes födda 20–64 år' },
  { id: 'U01805', area: 'arbete-studier', direction: 'neither', unit: '%', label: 'Utrikes födda 18–64 år, 0–5 år sedan uppehållstillstånd' },
  // Area 5. Population and migration describe the municipality; a higher dependency ratio or more
  // overcrowding is worse.
  { id: 'N01951', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Invånare' },
  { id: 'N01955', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Invånare 20–64 år' },
  { id: 'N01976', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Invånare 0–19 och 65+ år' },
  { id: 'N02926', area: 'demografi', direction: 'neither', unit: '%', label: 'Utrikes födda' },
  { id: 'N02925', area: 'demografi', direction: 'neither', unit: '%', label: 'Utrikes födda utanför EU/EFTA' },
  { id: 'N00221', area: 'demografi', direction: 'neither', unit: '%', label: 'Utrikes födda 18–64 år' },
  { id: 'N01806', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Utrikes flyttnetto' },
  { id: 'N01964', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Inrikes flyttnetto' },
  { id: 'N01803', area: 'demografi', direction: 'neither', unit: 'antal', label: 'Födelsenetto' },
  { id: 'N00927', area: 'demografi', direction: 'lower', unit: 'kvot', label: 'Demografisk försörjningskvot' },
  { id: 'N02924', area: 'demografi', direction: 'lower', unit: 'kvot', label: 'Försörjningskvot om fem år (framskrivning)' },
  { id: 'N07901', area: 'demografi', direction: 'neither', unit: 'per 1 000 inv', label: 'Hyresrätter per 1 000 invånare' },
  { id: 'N07907', area: 'demografi', direction: 'lower', unit: '%', label: 'Trångboddhet i flerbostadshus' },
  // Area 6. Plain shares depend on the population's make-up ("neither"); balance figures compare with it
  // (1.0 = same share as the population) and nearly every kommun is below 1, so higher is better.
  { id: 'N05825', area: 'representation', direction: 'neither', unit: '%', label: 'Utrikes födda bland förtroendevalda' },
  { id: 'N05826', area: 'representation', direction: 'neither', unit: '%', label: 'Utrikes födda i kommunfullmäktige' },
  { id: 'N05832', area: 'representation', direction: 'higher', unit: 'balanstal', label: 'Utrikes föddas representation i fullmäktige' },
  { id: 'U65861', area: 'representation', direction: 'higher', unit: '%', label: 'Valdeltagande, utrikes födda' },
  { id: 'U65860', area: 'representation', direction: 'higher', unit: '%', label: 'Valdeltagande, inrikes födda' },
  { id: 'N00220', area: 'representation', direction: 'neither', unit: '%', label: 'Utrikes födda bland kommunens anställda' },
  { id: 'N00217', area: 'representation', direction: 'higher', unit: 'balanstal', label: 'Utrikes föddas representation bland anställda' },
  // Barn och unga (Etablera's addition to SKR's six areas).
  { id: 'N15901', area: 'barn-unga', direction: 'neither', unit: '%', label: 'Nyinvandrade elever i grundskolan (hemkommun)' },
  { id: 'N15902', area: 'barn-unga', direction: 'neither', unit: '%', label: 'Nyinvandrade och okänd bakgrund i kommunal grundskola' },
  { id: 'U09886', area: 'barn-unga', direction: 'higher', unit: 'ja/nej', label: 'Verksamhet särskilt för nyinvandrade elever' },
  { id: 'U37003', area: 'barn-unga', direction: 'neither', unit: 'per 1 000 inv', label: 'Ensamkommande barn med god man per 1 000 invånare' },
];

const BY_ID = new Map(INTEGRATION_SET.map((k) => [k.id, k]));

export function integrationKpi(id: string): IntegrationKpi | undefined {
  return BY_ID.get(id);
}

/** The set's KPI ids in display order: what `etablera sync` fetches by default. */
export const INTEGRATION_KPI_IDS: readonly string[] = INTEGRATION_SET.map((k) => k.id);
