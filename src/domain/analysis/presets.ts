/**
 * Ready-made KPI sets for "similar municipalities" and the ready-made expected-value model. The KPI ids
 * are real Kolada KPIs with values for (nearly) all kommuner; weights and transforms are Etablera's choices.
 */
import { INTEGRATION_AREAS, INTEGRATION_SET } from '../integration-set.js';
import type { SimilarityKpi } from './similarity.js';

export interface SimilarityPreset {
  id: string;
  title: string;
  description: string;
  kpis: SimilarityKpi[];
}

/** Structure: size, age, origin, labour market, income, education, settlement and tax base. */
const STRUCTURE: SimilarityPreset = {
  id: 'struktur',
  title: 'Struktur',
  description:
    'Befolkning (logaritmerad), ålder, andel utrikes födda, arbetslöshet, inkomst, utbildning, tätortsgrad och skattekraft.',
  kpis: [
    // Size compares as a ratio: 10 000 vs 20 000 invånare is as far apart as 100 000 vs 200 000.
    { id: 'N01951', weight: 1, transform: 'log' }, // Invånare totalt, antal
    { id: 'N02926', weight: 1 }, // Utrikes födda, andel (%)
    { id: 'N03920', weight: 1 }, // Arbetslösa av befolkningen 18–65 år, andel (%)
    { id: 'N00906', weight: 1 }, // Sammanräknad förvärvsinkomst 20–64 år (median), kr
    { id: 'N01982', weight: 1 }, // Invånare 25–64 år med eftergymnasial utbildning, andel (%)
    { id: 'N01994', weight: 1 }, // Invånare 0–19 år, andel (%)
    { id: 'N01960', weight: 1 }, // Invånare 65+, andel (%)
    { id: 'N00954', weight: 1 }, // Tätortsgrad
    { id: 'N00903', weight: 1 }, // Skattekraft kommun, kr/inv
  ],
};

// The model's own outputs describe results, not conditions; counts mostly measure size.
const NOT_FOR_SIMILARITY = new Set(['N00485', 'N00486']);

function areaPresets(): SimilarityPreset[] {
  const presets = INTEGRATION_AREAS.map((area) => ({
    id: area.id,
    title: area.title,
    description: `Nyckeltalen i integrationsområdet ”${area.title}” (utom antal, som mest mäter storlek).`,
    kpis: INTEGRATION_SET.filter(
      (k) => k.area === area.id && k.unit !== 'antal' && !NOT_FOR_SIMILARITY.has(k.id),
    ).map((k) => ({ id: k.id, weight: 1 })),
  }));
  // Every area has a KPI that is not a count today; this guards a future one.
  // Stryker disable next-line MethodExpression,ConditionalExpression,EqualityOperator: so without it, nothing changes
  return presets.filter((p) => p.kpis.length > 0);
}

export const SIMILARITY_PRESETS: readonly SimilarityPreset[] = [STRUCTURE, ...areaPresets()];

export function similarityPreset(id: string): SimilarityPreset | undefined {
  return SIMILARITY_PRESETS.find((p) => p.id === id);
}

export interface ModelPreset {
  id: string;
  title: string;
  description: string;
  outcome: string;
  predictors: string[];
  /** Kolada KPIs holding the published expected value and deviation, when they exist. */
  published?: { expected: string; deviation: string };
}

/** SKR's "Framgångsrik lokal integration": refugees in work given time in Sweden, education, unemployment. */
export const SKR_MODEL: ModelPreset = {
  id: 'skr-integration',
  title: 'Framgångsrik lokal integration (SKR:s modell)',
  description:
    'Andel förvärvsarbetande flyktingar 20–64 år förklarad av vistelsetid, utbildningsnivå och arbetslösheten bland inrikes födda.',
  outcome: 'N00700',
  predictors: ['N00704', 'N00705', 'N00706', 'N00707', 'N00708'],
  published: { expected: 'N00485', deviation: 'N00486' },
};

export const MODEL_PRESETS: readonly ModelPreset[] = [SKR_MODEL];
