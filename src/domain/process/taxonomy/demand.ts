/**
 * Demand for an SSYK-4 group, for a kommun: Arbetsförmedlingen's national forecast (SSYK-keyed, with
 * its own explanatory text) and the kommun's labour-market region. The regional assessments are keyed
 * by forecast occupation, which no published file here maps to SSYK: that is said, not guessed.
 */
import type { LabourRegionRow, TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';

export type DemandLevel = 'stor' | 'medelstor' | 'liten';

export interface ForecastView {
  year: number;
  /** Arbetsförmedlingen's bristvärde (1–5: 5 = mycket liten konkurrens om jobben). */
  value: number;
  level: DemandLevel;
  levelText: string;
  text: string;
  source: string;
}

export interface Demand {
  ssyk: string;
  national: ForecastView[];
  /** Why there is no national forecast, when there is none. */
  nationalMissing: string | null;
  kommun: { code: string; name: string; region: number; regionName: string; source: string } | null;
  regional: { available: false; reason: string } | null;
}

/** AF's texts: 5 "mycket liten konkurrens", 4 "liten konkurrens", 3 "konkurrens", below that more. */
export function demandLevel(value: number): DemandLevel {
  return value >= 4 ? 'stor' : value >= 3 ? 'medelstor' : 'liten';
}

export class UnknownKommunError extends Error {
  constructor(readonly kommun: string) {
    super(`kommun ${kommun} is not in Arbetsförmedlingen's kommun → labour-market region table`);
  }
}

export async function demandFor(repo: TaxonomyRepository, ssyk: string, kommun?: string): Promise<Demand> {
  const forecasts = await repo.forecasts(ssyk);
  let region: LabourRegionRow | undefined;
  if (kommun) {
    region = await repo.labourRegion(kommun);
    if (!region) throw new UnknownKommunError(kommun);
  }
  return {
    ssyk,
    national: forecasts.map((f) => ({
      year: f.year,
      value: f.value,
      level: demandLevel(f.value),
      levelText: `${demandLevel(f.value)} efterfrågan`,
      text: f.text,
      source: f.source,
    })),
    nationalMissing:
      forecasts.length === 0
        ? `Arbetsförmedlingens prognos (Yrkesprognoser) har ingen bedömning för SSYK ${ssyk}.`
        : null,
    kommun: region
      ? {
          code: region.kommun_code,
          name: region.kommun_name,
          region: region.region,
          regionName: region.region_name,
          source: region.source,
        }
      : null,
    regional: region
      ? {
          available: false,
          reason:
            `Arbetsförmedlingen har regionala bedömningar för ${await repo.assessedInRegion(region.region)} prognosyrken i ` +
            `arbetsmarknadsregionen ${region.region_name}, men prognosyrkena kan ännu inte kopplas till SSYK ` +
            '(ingen publicerad fil kopplar dem). Därför visas den nationella prognosen.',
        }
      : null,
  };
}
