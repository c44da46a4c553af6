import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { errorFunction } from "simple-statistics";
import { INTEGRATION_AREAS, INTEGRATION_SET } from "../domain/integration-set.js";
import {
  CALIBRATION,
  FACTOR_COVARIANCE,
  FACTOR_GROUP_MEANS,
  QUANTILE_LEVELS
} from "./calibration.js";
import { KOMMUNER, KOMMUNGRUPPER, LAN } from "./places.js";
import { Random, seedOf } from "./random.js";
const DEMO_FIRST_YEAR = 2010;
const DEMO_LATEST_YEAR = 2024;
const DEMO_SEED = 20260401;
const phi = (z) => 0.5 * (1 + errorFunction(z / Math.SQRT2));
function quantile(cal, p) {
  const levels = QUANTILE_LEVELS;
  for (let i = 1; i < levels.length; i++) {
    const hi = levels[i];
    if (p <= hi) {
      const lo = levels[i - 1];
      const a = cal.quantiles[i - 1];
      const b = cal.quantiles[i];
      return a + (b - a) * (p - lo) / (hi - lo);
    }
  }
  return cal.quantiles[cal.quantiles.length - 1];
}
const medianYears = /* @__PURE__ */ new WeakMap();
function medianFor(cal, year) {
  let years2 = medianYears.get(cal);
  if (!years2) {
    years2 = Object.keys(cal.medians).map(Number).sort((a, b) => a - b);
    medianYears.set(cal, years2);
  }
  let best = years2[0];
  for (const y of years2) if (y <= year) best = y;
  if (year < years2[0]) best = years2[0];
  return cal.medians[best];
}
const round = (value, decimals) => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
function isCount(kpi, cal) {
  return kpi.unit === "antal" && cal.quantiles[0] >= 0;
}
function clampFor(kpi, cal, value) {
  let v = value;
  if (kpi.unit === "%" && cal.quantiles[0] >= 0) v = Math.min(100, Math.max(0, v));
  else if (cal.quantiles[0] >= 0) v = Math.max(0, v);
  if (kpi.unit === "ja/nej") v = v >= 0.5 ? 1 : 0;
  return v;
}
function municipalFactors(random) {
  const lower = new CholeskyDecomposition(new Matrix(FACTOR_COVARIANCE.map((r) => [...r]))).lowerTriangularMatrix;
  const factors = /* @__PURE__ */ new Map();
  for (const k of KOMMUNER) {
    const mean = FACTOR_GROUP_MEANS[k.kommungrupp - 1] ?? [0, 0, 0];
    const e = [random.normal(), random.normal(), random.normal()];
    const f = [0, 1, 2].map((i) => mean[i] + [0, 1, 2].reduce((s, j) => s + lower.get(i, j) * e[j], 0));
    factors.set(k.code, f);
  }
  return factors;
}
function years(from) {
  const out = [];
  for (let y = Math.max(DEMO_FIRST_YEAR, from); y <= DEMO_LATEST_YEAR; y++) out.push(y);
  return out;
}
function generateTotals(kpi, cal, factors) {
  const random = new Random(seedOf(kpi.id, DEMO_SEED));
  const cells = /* @__PURE__ */ new Map();
  const rho = Math.sqrt(Math.max(0, cal.rho));
  const noise = Math.sqrt(Math.max(0.02, 1 - cal.r2));
  const count = isCount(kpi, cal);
  const refMedian = medianFor(cal, cal.ref);
  for (const k of KOMMUNER) {
    const present = random.next() < cal.coverage;
    const f = factors.get(k.code);
    const signal = cal.loadings[0] * f[0] + cal.loadings[1] * f[1] + cal.loadings[2] * f[2];
    let state = random.normal();
    for (const year of years(cal.first)) {
      state = rho * state + Math.sqrt(1 - rho * rho) * random.normal();
      if (!present) continue;
      let value = quantile(cal, phi(signal + noise * state));
      const median = medianFor(cal, year);
      if (count) value = refMedian > 0 && median > 0 ? value * median / refMedian : value;
      else value += median - refMedian;
      cells.set(`${k.code}|${year}`, round(clampFor(kpi, cal, value), cal.decimals));
    }
  }
  return cells;
}
const DERIVED = {
  // Work or studies ≈ work + studies.
  N00711: { from: ["N00700", "N00701"], rule: ([w = 0, s = 0]) => Math.min(100, w + s), decimals: 1 },
  // The native born's employment rate runs about 14 points above the foreign born's.
  N02269: { from: ["N02268"], rule: ([u = 0]) => Math.min(95, u + 14), decimals: 1 },
  // Unemployment by BAS is about half the share unemployed at some time of the year.
  N02281: { from: ["N00708"], rule: ([u = 0]) => u * 0.5, decimals: 1 },
  // …and about three times as high among the foreign born.
  N02282: { from: ["N00708"], rule: ([u = 0]) => u * 1.5, decimals: 1 }
};
const breathe = () => new Promise((resolve) => setImmediate(resolve));
async function generateDemoData() {
  const random = new Random(DEMO_SEED);
  const factors = municipalFactors(random);
  const totals = /* @__PURE__ */ new Map();
  for (const kpi of INTEGRATION_SET) {
    const cal = CALIBRATION[kpi.id];
    if (cal) totals.set(kpi.id, generateTotals(kpi, cal, factors));
    await breathe();
  }
  for (const [id, rule] of Object.entries(DERIVED)) {
    const sources = rule.from.map((s) => totals.get(s) ?? /* @__PURE__ */ new Map());
    const cells = /* @__PURE__ */ new Map();
    for (const key of sources[0]?.keys() ?? []) {
      const inputs = sources.map((s) => s.get(key));
      if (inputs.every((v) => v !== void 0))
        cells.set(key, round(rule.rule(inputs), rule.decimals));
    }
    totals.set(id, cells);
  }
  const outcome = totals.get("N00700");
  const expected = totals.get("N00485");
  if (outcome && expected) {
    const deviation = /* @__PURE__ */ new Map();
    for (const [key, e] of expected) {
      const o = outcome.get(key);
      if (o !== void 0) deviation.set(key, round(o - e, 1));
    }
    totals.set("N00486", deviation);
  }
  const population = totals.get("N01951") ?? /* @__PURE__ */ new Map();
  const values = /* @__PURE__ */ new Map();
  for (const kpi of INTEGRATION_SET) {
    const cells = totals.get(kpi.id);
    if (!cells) continue;
    const cal = CALIBRATION[kpi.id];
    values.set(kpi.id, [...kommunRows(kpi, cal, cells), ...aggregateRows(kpi, cal, cells, population)]);
    await breathe();
  }
  return {
    municipalities: [
      { id: "0000", title: "Riket", type: "L" },
      ...LAN.map((l) => ({ id: `00${l.code}`, title: l.region, type: "L" })),
      ...KOMMUNER.map((k) => ({ id: k.code, title: k.name, type: "K" }))
    ],
    municipalityGroups: [
      ...LAN.map((l) => ({
        id: l.groupId,
        title: l.groupTitle,
        members: KOMMUNER.filter((k) => k.lan === l.code).map((k) => ({ id: k.code, title: k.name }))
      })),
      ...KOMMUNGRUPPER.map((g) => ({
        id: g.groupId,
        title: `${g.title} (SKR:s kommungrupp ${g.number})`,
        members: KOMMUNER.filter((k) => k.kommungrupp === g.number).map((k) => ({
          id: k.code,
          title: k.name
        }))
      }))
    ],
    kpis: INTEGRATION_SET.filter((k) => values.has(k.id)).map((k) => ({
      id: k.id,
      title: k.label,
      description: "DEMODATA: p\xE5hittade v\xE4rden som Etablera har genererat f\xF6r att visa hur verktyget fungerar. Inte fr\xE5n Kolada.",
      is_divided_by_gender: CALIBRATION[k.id]?.gender ? 1 : 0,
      municipality_type: "K",
      auspice: null,
      operating_area: INTEGRATION_AREAS.find((a) => a.id === k.area)?.title ?? null,
      perspective: null,
      prel_publication_date: null,
      publication_date: null,
      publ_period: String(DEMO_LATEST_YEAR),
      has_ou_data: 0,
      ou_publication_date: null
    })),
    values
  };
}
function row(kpi, unit, period, gender, value) {
  return { kpi, unit, period, gender, value, count: 1, status: "", isDeleted: false };
}
function kommunRows(kpi, cal, cells) {
  const random = new Random(seedOf(`${kpi.id}:gender`, DEMO_SEED));
  const rows = [];
  for (const [key, total] of cells) {
    const [unit = "", year = "0"] = key.split("|");
    const period = Number(year);
    rows.push(row(kpi.id, unit, period, "T", total));
    const split = cal?.gender;
    if (!cal || !split) continue;
    if (split.kind === "share") {
      const [lo, hi] = cal.quantiles[0] < 0 ? [0.3, 0.7] : [0, 1];
      const share = Math.min(hi, Math.max(lo, split.women + split.sd * random.normal()));
      const women = Math.round(total * share);
      rows.push(row(kpi.id, unit, period, "K", women), row(kpi.id, unit, period, "M", total - women));
    } else {
      const women = clampFor(kpi, cal, total + split.women + 0.5 * split.sd * random.normal());
      const men = clampFor(kpi, cal, total + split.men + 0.5 * split.sd * random.normal());
      rows.push(
        row(kpi.id, unit, period, "K", round(women, cal.decimals)),
        row(kpi.id, unit, period, "M", round(men, cal.decimals))
      );
    }
  }
  return rows;
}
function aggregateRows(kpi, cal, cells, population) {
  if (kpi.unit === "ja/nej") return [];
  const sum = cal ? isCount(kpi, cal) : false;
  const decimals = cal?.decimals ?? 1;
  const byArea = /* @__PURE__ */ new Map();
  for (const [key, value] of cells) {
    const [unit = "", year = ""] = key.split("|");
    const weight = sum ? 1 : population.get(key) ?? 1;
    for (const area of [`00${unit.slice(0, 2)}|${year}`, `0000|${year}`]) {
      const a = byArea.get(area) ?? { total: 0, weight: 0, n: 0 };
      a.total += value * weight;
      a.weight += weight;
      a.n++;
      byArea.set(area, a);
    }
  }
  const rows = [];
  for (const [key, a] of byArea) {
    const [unit = "", year = "0"] = key.split("|");
    rows.push(row(kpi.id, unit, Number(year), "T", round(sum ? a.total : a.total / a.weight, decimals)));
  }
  return rows.sort((x, y) => x.unit === y.unit ? x.period - y.period : x.unit < y.unit ? -1 : 1);
}
export {
  DEMO_FIRST_YEAR,
  DEMO_LATEST_YEAR,
  DEMO_SEED,
  generateDemoData
};
//# sourceMappingURL=demo-generator.js.map
