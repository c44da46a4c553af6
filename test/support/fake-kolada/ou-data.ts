/**
 * The fake Kolada's OU values. Neither the committed fixture nor ../shared/data has any (Kolada's
 * /oudata was never scraped), so they are made up, deterministically: the same KPI always gives the
 * same values, run after run, so a test can compare a synced mirror with what the fake serves.
 *
 * - OUs: about 580 of the data set's real OUs (every n-th by id), or, when it has none (the fixture),
 *   two synthetic OUs per kommun named like Kolada's ("V15E" + kommun + 5 digits).
 * - Values: 2013–2022, T for every OU and year, K and M for two OUs in three; one value in 41 is null
 *   with a status, as Kolada reports suppressed values. About 5,800 items a KPI, so a sync pages.
 */
import type { DataEntry } from './value-index.js';

export interface OuItem {
  kpi: string;
  ou: string;
  period: number;
  values: DataEntry[];
}

export interface OuUnit {
  id: string;
  municipality: string;
  title: string;
}

export const OU_YEARS = Array.from({ length: 10 }, (_, i) => 2013 + i);
const TARGET_UNITS = 580;

/** The OUs that have values: a spread of the real ones, or synthetic ones per kommun. */
export function ouUnits(
  real: readonly { id: string }[],
  municipalities: readonly { id: string }[],
): OuUnit[] {
  if (real.length > 0) {
    const sorted = [...(real as OuUnit[])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const stride = Math.max(1, Math.floor(sorted.length / TARGET_UNITS));
    return sorted.filter((_, i) => i % stride === 0).slice(0, TARGET_UNITS);
  }
  const kommuner = (municipalities as { id: string; type?: string }[]).filter((m) => m.type === 'K');
  return kommuner.flatMap((m) =>
    [1, 2].map((n) => ({
      id: `V15E${m.id}${String(n * 101).padStart(5, '0')}`,
      municipality: m.id,
      title: `Testenhet ${n} i ${m.id} (syntetisk)`,
    })),
  );
}

/** FNV-1a: a small, stable hash, so values depend only on (kpi, ou, period, gender). */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** One KPI's OU values, sorted by OU then period (Kolada's order). */
export function syntheticOuValues(kpi: string, units: readonly OuUnit[]): OuItem[] {
  const items: OuItem[] = [];
  const sorted = [...units].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  sorted.forEach((unit, u) => {
    for (const period of OU_YEARS) {
      const genders = u % 3 === 0 ? ['T'] : ['T', 'K', 'M'];
      const values = genders.map((gender): DataEntry => {
        const h = hash(`${kpi}|${unit.id}|${period}|${gender}`);
        const suppressed = h % 41 === 0;
        return {
          gender,
          count: 1,
          status: suppressed ? 'Saknas' : '',
          value: suppressed ? null : (h % 100_000) / 100,
          isdeleted: false,
        };
      });
      items.push({ kpi, ou: unit.id, period, values });
    }
  });
  return items;
}
