/**
 * Synthetic Kolada files for fault tests: many municipalities, KPIs in two versions whose every value
 * differs, so a store can be checked KPI by KPI for "entirely old or entirely new".
 */
import { koladaKpi, writeText } from '../support/value-files.js';

export const MUNICIPALITIES = Array.from({ length: 300 }, (_, i) => String(1000 + i));

export function kpiIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `N9${String(i).padStart(4, '0')}`);
}

/** Writes municipality.json and kpi.json (titles may carry hostile text) into `dir`. */
export function writeMetadata(
  dir: string,
  kpis: readonly string[],
  title = (id: string) => `Testnyckeltal ${id}`,
) {
  const municipalities = writeText(
    dir,
    'municipality.json',
    JSON.stringify({
      values: MUNICIPALITIES.map((id) => ({ id, title: `Kommun ${id}`, type: 'K' })),
      count: MUNICIPALITIES.length,
    }),
  );
  const kpiFile = writeText(
    dir,
    'kpi.json',
    JSON.stringify({
      values: kpis.map((id) => koladaKpi(id, { title: title(id) })),
      count: kpis.length,
    }),
  );
  return [municipalities, kpiFile];
}

/** Values of `kpis` for `years`, all three genders; version 1 and 2 differ in every value. */
export function writeValues(
  dir: string,
  name: string,
  kpis: readonly string[],
  years: readonly number[],
  version: number,
): string {
  const lines: string[] = [];
  for (const kpi of kpis)
    for (const municipality of MUNICIPALITIES)
      for (const period of years) {
        const base = version * 1000 + ((Number(municipality) * 7 + period * 3) % 500) / 10;
        lines.push(
          JSON.stringify({
            kpi,
            municipality,
            period,
            values: ['T', 'K', 'M'].map((gender, g) => ({
              gender,
              count: 1,
              status: '',
              value: base + g,
              isdeleted: false,
            })),
          }),
        );
      }
  return writeText(dir, name, `${lines.join('\n')}\n`);
}
