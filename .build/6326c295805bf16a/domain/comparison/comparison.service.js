import { integrationKpi } from "../integration-set.js";
import { rankValues } from "./ranking.js";
import { cleanGroupTitle, RIKET_ID, referenceOptions } from "./reference.js";
import { foldForSearch } from "./search.js";
import { unweightedMean } from "./statistics.js";
class YearValues extends Map {
  constructor(kommunIds) {
    super();
    this.kommunIds = kommunIds;
  }
  kommunIds;
  memo = /* @__PURE__ */ new Map();
  ranks(direction) {
    const key = `ranks:${direction}`;
    let ranks = this.memo.get(key);
    if (!ranks) {
      ranks = rankValues(
        this.kommunIds.map((id) => ({ id, value: this.get(id)?.value ?? null })),
        direction
      );
      this.memo.set(key, ranks);
    }
    return ranks;
  }
  /** The members' unweighted mean; `memoKey` (a group id) lets repeated groups reuse it. */
  meanOf(members, memoKey) {
    const key = memoKey === void 0 ? void 0 : `mean:${memoKey}`;
    const hit = key === void 0 ? void 0 : this.memo.get(key);
    if (hit) return hit;
    const mean = unweightedMean(members.map((id) => this.get(id)?.value ?? null));
    if (key !== void 0) this.memo.set(key, mean);
    return mean;
  }
}
const VERSION_CHECK_MS = 1e3;
const MAX_CACHED_YEARS = 6e3;
class ComparisonService {
  constructor(repo, meta) {
    this.repo = repo;
    this.meta = meta;
  }
  repo;
  meta;
  version = { key: "", running: false, lastLoadedAt: null, checkedAt: 0 };
  catalogCache;
  datasetCache;
  groupsOf = /* @__PURE__ */ new Map();
  members = /* @__PURE__ */ new Map();
  kpiCache = /* @__PURE__ */ new Map();
  yearCache = /* @__PURE__ */ new Map();
  /** Checks (at most once a second) whether the data changed, and drops the caches if so. */
  async freshness() {
    const now = Date.now();
    if (now - this.version.checkedAt >= VERSION_CHECK_MS) {
      const v = await this.meta.dataVersion();
      if (v.key !== this.version.key || v.running) this.clear();
      this.version = { ...v, checkedAt: now };
    }
    return { running: this.version.running, lastLoadedAt: this.version.lastLoadedAt };
  }
  clear() {
    this.catalogCache = void 0;
    this.datasetCache = void 0;
    this.groupsOf.clear();
    this.members.clear();
    this.kpiCache.clear();
    this.yearCache.clear();
  }
  dataset() {
    this.datasetCache ??= this.meta.dataset();
    return this.datasetCache;
  }
  catalog() {
    this.catalogCache ??= this.repo.municipalities().then((municipalities) => ({
      municipalities,
      byId: new Map(municipalities.map((m) => [m.id, m])),
      kommunIds: municipalities.filter((m) => m.type === "K").map((m) => m.id)
    }));
    return this.catalogCache;
  }
  /** Kommuner whose name (ignoring case and diacritics) or code matches; prefix matches first. */
  async searchKommuner(query, limit = 20) {
    const q = foldForSearch(query);
    if (!q) return [];
    const { municipalities } = await this.catalog();
    const scored = [];
    for (const m of municipalities) {
      if (m.type !== "K") continue;
      const name = foldForSearch(m.title);
      const score = m.id === query.trim() ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
      if (score >= 0) scored.push({ m, score });
    }
    scored.sort((a, b) => a.score - b.score || a.m.title.localeCompare(b.m.title, "sv"));
    return scored.slice(0, limit).map((s) => s.m);
  }
  /** Resolves kommun names or codes (as typed in a form or query string) to kommuner. */
  async resolveKommuner(tokens) {
    const { municipalities, byId } = await this.catalog();
    const found = [];
    const unknown = [];
    for (const raw of tokens) {
      const token = raw.trim();
      if (!token) continue;
      const folded = foldForSearch(token);
      const m = byId.get(token) ?? municipalities.find(
        (x) => (x.type === "K" || x.id === RIKET_ID) && foldForSearch(x.title) === folded
      );
      if (m && !found.includes(m)) found.push(m);
      else if (!m) unknown.push(token);
    }
    return { found, unknown };
  }
  async kpiInfo(ids) {
    const missing = ids.filter((id) => !this.kpiCache.has(id));
    if (missing.length > 0) {
      const rows = await this.repo.kpis(missing);
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const id of missing) {
        const r = byId.get(id);
        this.kpiCache.set(id, r ? toKpiInfo(r) : null);
      }
    }
    const result = /* @__PURE__ */ new Map();
    for (const id of ids) {
      const info = this.kpiCache.get(id);
      if (info) result.set(id, info);
    }
    return result;
  }
  groupsContaining(municipalityId) {
    let p = this.groupsOf.get(municipalityId);
    if (!p) {
      p = this.repo.groupsContaining(municipalityId);
      this.groupsOf.set(municipalityId, p);
    }
    return p;
  }
  async groupMembers(groupId) {
    let m = this.members.get(groupId);
    if (!m) {
      m = (await this.repo.groupMembers([groupId])).get(groupId) ?? [];
      this.members.set(groupId, m);
    }
    return m;
  }
  /**
   * The reference chosen by `ref` (alla | a group id | urval) for a municipality; unknown choices fall
   * back to all kommuner. The options list is what the page offers for this municipality.
   */
  async resolveReference(municipalityId, ref, selection) {
    const [groups, catalog] = await Promise.all([this.groupsContaining(municipalityId), this.catalog()]);
    const options = referenceOptions(groups);
    const allKommuner = { option: options[0], members: catalog.kommunIds, unknown: [] };
    if (!ref || ref === "alla") return { reference: allKommuner, options };
    if (ref === "urval") {
      const { found, unknown } = await this.resolveKommuner(selection);
      const members2 = found.filter((m) => m.type === "K").map((m) => m.id);
      const option2 = { param: "urval", kind: "urval", title: "Eget urval" };
      return { reference: { option: option2, members: members2, unknown }, options };
    }
    let option = options.find((o) => o.param === ref);
    if (!option && /^G\w+$/.test(ref)) {
      const group = await this.repo.group(ref);
      if (group)
        option = { param: group.id, kind: "grupp", title: cleanGroupTitle(group.title), groupId: group.id };
    }
    if (!option?.groupId) return { reference: allKommuner, options };
    const members = (await this.groupMembers(option.groupId)).filter(
      (id) => catalog.byId.get(id)?.type === "K"
    );
    return { reference: { option, members, unknown: [] }, options };
  }
  /**
   * Every kommun's and Riket's value (gender T) of each KPI in its year. Pairs already cached cost
   * nothing; the rest are read with one query per distinct year.
   */
  async yearValues(pairs) {
    const { kommunIds } = await this.catalog();
    const result = /* @__PURE__ */ new Map();
    const toRead = /* @__PURE__ */ new Map();
    for (const { kpi, period } of pairs) {
      const key = `${kpi}:${period}`;
      const hit = this.yearCache.get(key);
      if (hit) result.set(key, hit);
      else if (!result.has(key)) {
        result.set(key, new YearValues(kommunIds));
        const list = toRead.get(period) ?? [];
        if (!list.includes(kpi)) list.push(kpi);
        toRead.set(period, list);
      }
    }
    const population = [...kommunIds, RIKET_ID];
    await Promise.all(
      [...toRead].map(async ([period, kpis]) => {
        const rows = await this.repo.valuesAt({
          kpis,
          municipalities: population,
          periods: [period],
          genders: ["T"]
        });
        for (const r of rows) result.get(`${r.kpi}:${r.period}`)?.set(r.municipality, r);
      })
    );
    if (!this.version.running) {
      if (this.yearCache.size > MAX_CACHED_YEARS) this.yearCache.clear();
      for (const [period, kpis] of toRead)
        for (const kpi of kpis) this.yearCache.set(`${kpi}:${period}`, result.get(`${kpi}:${period}`));
    }
    return result;
  }
  series(kpis, municipalities, genders, fromPeriod) {
    return this.repo.series({ kpis, municipalities, genders, fromPeriod });
  }
  valuesAt(kpis, municipalities, periods, genders) {
    return this.repo.valuesAt({ kpis, municipalities, periods, genders });
  }
  kpiValues(kpi, gender) {
    return this.repo.kpiValues(kpi, gender);
  }
  findKpis(text, limit = 30) {
    return this.repo.findKpis(text, limit);
  }
}
function toKpiInfo(r) {
  const set = integrationKpi(r.id);
  const source = /Källa:\s*([^\n]+?)\.?\s*$/i.exec(r.description ?? "")?.[1]?.trim() ?? null;
  return {
    ...r,
    direction: set?.direction ?? r.direction ?? null,
    label: set?.label ?? r.title,
    unit: set?.unit ?? r.unit ?? null,
    source
  };
}
export {
  ComparisonService,
  YearValues
};
//# sourceMappingURL=comparison.service.js.map
