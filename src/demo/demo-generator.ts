/**
 * Generates Etablera's demo data: all 290 kommuner, the 21 regioner and Riket, the integration set's
 * KPIs, years DEMO_FIRST_YEAR to DEMO_LATEST_YEAR. Deterministic (seeded), and plausible by
 * construction: each kommun gets three latent factors (size, share foreign born, labour market) drawn
 * around its SKR kommungrupp's mean; each KPI's value is a normal score loaded on those factors as in
 * the real data, mapped through the real distribution's quantiles, moved along the real yearly trend,
 * and split by gender as the real values are. Regions and Riket aggregate their kommuner.
 * These are NOT real figures; the store is labelled "demo" wherever they are shown.
 */
import { CholeskyDecomposition, Matrix } from 'ml-matrix';
import { errorFunction } from 'simple-statistics';
import { INTEGRATION_AREAS, INTEGRATION_SET, type IntegrationKpi } from '../domain/integration-set.js';
import type { ValueRow } from '../store/bulk/value-writer.js';
import type { GroupRow, KpiRow, MunicipalityRow } from '../store/metadata-rows.js';
import type { Gender } from '../store/schema.js';
import {
  CALIBRATION,
  FACTOR_COVARIANCE,
  FACTOR_GROUP_MEANS,
  type KpiCalibration,
  QUANTILE_LEVELS,
} from './calibration.js';
import { KOMMUNER, KOMMUNGRUPPER, LAN } from './places.js';
import { Random, seedOf } from './random.js';

export const DEMO_FIRST_YEAR = 2010;
/** Kolada publishes most KPIs a year or two after the fact; demo data ends where real data would. */
export const DEMO_LATEST_YEAR = 2024;
export const DEMO_SEED = 20_260_401;

export interface DemoData {
  municipalities: MunicipalityRow[];
  municipalityGroups: GroupRow[];
  kpis: KpiRow[];
  /** Values grouped per KPI, so each KPI can be written in one transaction. */
  values: Map<string, ValueRow[]>;
}

type Cell = Map<string, number>; // "municipality|year" → value

const phi = (z: number) => 0.5 * (1 + errorFunction(z / Math.SQRT2));

function quantile(cal: KpiCalibration, p: number): number {
  const levels = QUANTILE_LEVELS;
  for (let i = 1; i < levels.length; i++) {
    const hi = levels[i] as number;
    if (p <= hi) {
      const lo = levels[i - 1] as number;
      const a = cal.quantiles[i - 1] as number;
      const b = cal.quantiles[i] as number;
      return a + ((b - a) * (p - lo)) / (hi - lo);
    }
  }
  return cal.quantiles[cal.quantiles.length - 1] as number;
}

const medianYears = new WeakMap<KpiCalibration, number[]>();

/** The real median of the nearest year with data (the first or last one outside their range). */
function medianFor(cal: KpiCalibration, year: number): number {
  let years = medianYears.get(cal);
  if (!years) {
    years = Object.keys(cal.medians)
      .map(Number)
      .sort((a, b) => a - b);
    medianYears.set(cal, years);
  }
  let best = years[0] as number;
  for (const y of years) if (y <= year) best = y;
  if (year < (years[0] as number)) best = years[0] as number;
  return cal.medians[best] as number;
}

const round = (value: number, decimals: number) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};

/** Counts grow and shrink in proportion; shares and rates move by their median's change. */
function isCount(kpi: IntegrationKpi, cal: KpiCalibration): boolean {
  return kpi.unit === 'antal' && (cal.quantiles[0] as number) >= 0;
}

function clampFor(kpi: IntegrationKpi, cal: KpiCalibration, value: number): number {
  let v = value;
  if (kpi.unit === '%' && (cal.quantiles[0] as number) >= 0) v = Math.min(100, Math.max(0, v));
  else if ((cal.quantiles[0] as number) >= 0) v = Math.max(0, v);
  if (kpi.unit === 'ja/nej') v = v >= 0.5 ? 1 : 0;
  return v;
}

function municipalFactors(random: Random): Map<string, [number, number, number]> {
  const lower = new CholeskyDecomposition(new Matrix(FACTOR_COVARIANCE.map((r) => [...r])))
    .lowerTriangularMatrix;
  const factors = new Map<string, [number, number, number]>();
  for (const k of KOMMUNER) {
    const mean = FACTOR_GROUP_MEANS[k.kommungrupp - 1] ?? [0, 0, 0];
    const e = [random.normal(), random.normal(), random.normal()];
    const f = [0, 1, 2].map((i) => mean[i]! + [0, 1, 2].reduce((s, j) => s + lower.get(i, j) * e[j]!, 0));
    factors.set(k.code, f as [number, number, number]);
  }
  return factors;
}

function years(from: number): number[] {
  const out: number[] = [];
  for (let y = Math.max(DEMO_FIRST_YEAR, from); y <= DEMO_LATEST_YEAR; y++) out.push(y);
  return out;
}

/** Totals for every kommun and year of one calibrated KPI. */
function generateTotals(
  kpi: IntegrationKpi,
  cal: KpiCalibration,
  factors: Map<string, [number, number, number]>,
): Cell {
  const random = new Random(seedOf(kpi.id, DEMO_SEED));
  const cells: Cell = new Map();
  // The calibrated persistence is over two years; one year's step is its square root.
  const rho = Math.sqrt(Math.max(0, cal.rho));
  const noise = Math.sqrt(Math.max(0.02, 1 - cal.r2));
  const count = isCount(kpi, cal);
  const refMedian = medianFor(cal, cal.ref);
  for (const k of KOMMUNER) {
    const present = random.next() < cal.coverage;
    const f = factors.get(k.code)!;
    const signal = cal.loadings[0] * f[0] + cal.loadings[1] * f[1] + cal.loadings[2] * f[2];
    let state = random.normal();
    for (const year of years(cal.first)) {
      state = rho * state + Math.sqrt(1 - rho * rho) * random.normal();
      if (!present) continue;
      let value = quantile(cal, phi(signal + noise * state));
      const median = medianFor(cal, year);
      if (count) value = refMedian > 0 && median > 0 ? (value * median) / refMedian : value;
      else value += median - refMedian;
      cells.set(`${k.code}|${year}`, round(clampFor(kpi, cal, value), cal.decimals));
    }
  }
  return cells;
}

/**
 * KPIs that had no values in the calibration data get a stated rule from related KPIs instead
 * (Etablera's assumption, for demo only).
 */
const DERIVED: Record<string, { from: string[]; rule: (v: number[]) => number; decimals: number }> = {
  // Work or studies ≈ work + studies.
  N00711: { from: ['N00700', 'N00701'], rule: ([w = 0, s = 0]) => Math.min(100, w + s), decimals: 1 },
  // The native born's employment rate runs about 14 points above the foreign born's.
  N02269: { from: ['N02268'], rule: ([u = 0]) => Math.min(95, u + 14), decimals: 1 },
  // Unemployment by BAS is about half the share unemployed at some time of the year.
  N02281: { from: ['N00708'], rule: ([u = 0]) => u * 0.5, decimals: 1 },
  // …and about three times as high among the foreign born.
  N02282: { from: ['N00708'], rule: ([u = 0]) => u * 1.5, decimals: 1 },
};

// Lets a server answer requests while demo data is being generated.
const breathe = () => new Promise<void>((resolve) => setImmediate(resolve));

export async function generateDemoData(): Promise<DemoData> {
  const random = new Random(DEMO_SEED);
  const factors = municipalFactors(random);
  const totals = new Map<string, Cell>();
  for (const kpi of INTEGRATION_SET) {
    const cal = CALIBRATION[kpi.id];
    if (cal) totals.set(kpi.id, generateTotals(kpi, cal, factors));
    await breathe();
  }
  for (const [id, rule] of Object.entries(DERIVED)) {
    const sources = rule.from.map((s) => totals.get(s) ?? new Map<string, number>());
    const cells: Cell = new Map();
    for (const key of sources[0]?.keys() ?? []) {
      const inputs = sources.map((s) => s.get(key));
      if (inputs.every((v) => v !== undefined))
        cells.set(key, round(rule.rule(inputs as number[]), rule.decimals));
    }
    totals.set(id, cells);
  }
  // SKR's model: the deviation is exactly the outcome minus the expected value.
  const outcome = totals.get('N00700');
  const expected = totals.get('N00485');
  if (outcome && expected) {
    const deviation: Cell = new Map();
    for (const [key, e] of expected) {
      const o = outcome.get(key);
      if (o !== undefined) deviation.set(key, round(o - e, 1));
    }
    totals.set('N00486', deviation);
  }

  const population = totals.get('N01951') ?? new Map<string, number>();
  const values = new Map<string, ValueRow[]>();
  for (const kpi of INTEGRATION_SET) {
    const cells = totals.get(kpi.id);
    if (!cells) continue;
    const cal = CALIBRATION[kpi.id];
    values.set(kpi.id, [...kommunRows(kpi, cal, cells), ...aggregateRows(kpi, cal, cells, population)]);
    await breathe();
  }

  return {
    municipalities: [
      { id: '0000', title: 'Riket', type: 'L' },
      ...LAN.map((l) => ({ id: `00${l.code}`, title: l.region, type: 'L' })),
      ...KOMMUNER.map((k) => ({ id: k.code, title: k.name, type: 'K' })),
    ],
    municipalityGroups: [
      ...LAN.map((l) => ({
        id: l.groupId,
        title: l.groupTitle,
        members: KOMMUNER.filter((k) => k.lan === l.code).map((k) => ({ id: k.code, title: k.name })),
      })),
      ...KOMMUNGRUPPER.map((g) => ({
        id: g.groupId,
        title: `${g.title} (SKR:s kommungrupp ${g.number})`,
        members: KOMMUNER.filter((k) => k.kommungrupp === g.number).map((k) => ({
          id: k.code,
          title: k.name,
        })),
      })),
    ],
    kpis: INTEGRATION_SET.filter((k) => values.has(k.id)).map((k) => ({
      id: k.id,
      title: k.label,
      description:
        'DEMODATA: påhittade värden som Etablera har genererat för att visa hur verktyget fungerar. Inte från Kolada.',
      is_divided_by_gender: CALIBRATION[k.id]?.gender ? 1 : 0,
      municipality_type: 'K',
      auspice: null,
      operating_area: INTEGRATION_AREAS.find((a) => a.id === k.area)?.title ?? null,
      perspective: null,
      prel_publication_date: null,
      publication_date: null,
      publ_period: String(DEMO_LATEST_YEAR),
      has_ou_data: 0,
      ou_publication_date: null,
    })),
    values,
  };
}

function row(kpi: string, unit: string, period: number, gender: Gender, value: number): ValueRow {
  return { kpi, unit, period, gender, value, count: 1, status: '', isDeleted: false };
}

function kommunRows(kpi: IntegrationKpi, cal: KpiCalibration | undefined, cells: Cell): ValueRow[] {
  const random = new Random(seedOf(`${kpi.id}:gender`, DEMO_SEED));
  const rows: ValueRow[] = [];
  for (const [key, total] of cells) {
    const [unit = '', year = '0'] = key.split('|');
    const period = Number(year);
    rows.push(row(kpi.id, unit, period, 'T', total));
    const split = cal?.gender;
    if (!cal || !split) continue;
    if (split.kind === 'share') {
      // Net figures (migration, births) can be negative: a plain share of them is then meaningless.
      const [lo, hi] = (cal.quantiles[0] as number) < 0 ? [0.3, 0.7] : [0, 1];
      const share = Math.min(hi, Math.max(lo, split.women + split.sd * random.normal()));
      const women = Math.round(total * share);
      rows.push(row(kpi.id, unit, period, 'K', women), row(kpi.id, unit, period, 'M', total - women));
    } else {
      const women = clampFor(kpi, cal, total + split.women + 0.5 * split.sd * random.normal());
      const men = clampFor(kpi, cal, total + split.men + 0.5 * split.sd * random.normal());
      rows.push(
        row(kpi.id, unit, period, 'K', round(women, cal.decimals)),
        row(kpi.id, unit, period, 'M', round(men, cal.decimals)),
      );
    }
  }
  return rows;
}

/** Regions and Riket: sums of counts, population-weighted means of everything else (yes/no: none). */
function aggregateRows(
  kpi: IntegrationKpi,
  cal: KpiCalibration | undefined,
  cells: Cell,
  population: Cell,
): ValueRow[] {
  if (kpi.unit === 'ja/nej') return [];
  const sum = cal ? isCount(kpi, cal) : false;
  const decimals = cal?.decimals ?? 1;
  const byArea = new Map<string, { total: number; weight: number; n: number }>();
  for (const [key, value] of cells) {
    const [unit = '', year = ''] = key.split('|');
    const weight = sum ? 1 : (population.get(key) ?? 1);
    for (const area of [`00${unit.slice(0, 2)}|${year}`, `0000|${year}`]) {
      const a = byArea.get(area) ?? { total: 0, weight: 0, n: 0 };
      a.total += value * weight;
      a.weight += weight;
      a.n++;
      byArea.set(area, a);
    }
  }
  const rows: ValueRow[] = [];
  for (const [key, a] of byArea) {
    const [unit = '', year = '0'] = key.split('|');
    rows.push(row(kpi.id, unit, Number(year), 'T', round(sum ? a.total : a.total / a.weight, decimals)));
  }
  return rows.sort((x, y) => (x.unit === y.unit ? x.period - y.period : x.unit < y.unit ? -1 : 1));
}
