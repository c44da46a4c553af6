/**
 * Shared reads for the comparator pages, with caches that make a profile page cheap: the values of
 * every kommun for a KPI and year are the same for all 290 profiles, so they are read once and kept
 * until the data changes (an import or sync starts or finishes). Metadata is cached the same way.
 */

import { LRUCache } from 'lru-cache';
import type {
  ComparisonRepository,
  GroupRow,
  KpiMetaRow,
  MunicipalityRow,
} from '../../store/repositories/comparison.repository.js';
import type { DatasetKind, StoreMetaRepository } from '../../store/repositories/store-meta.repository.js';
import type { Direction, Gender } from '../../store/schema.js';
import { integrationKpi } from '../integration-set.js';
import { cleanGroupTitle, type ReferenceOption, RIKET_ID, referenceOptions } from './reference.js';
import { foldForSearch } from './search.js';
import { KpiValueTable, Population, YearValues } from './year-values.js';

export interface Catalog {
  municipalities: MunicipalityRow[];
  byId: Map<string, MunicipalityRow>;
  /** The 290 kommuner (type K), the population every rank is computed over. */
  kommunIds: string[];
  /** The kommuner and Riket, in the order the compact value tables keep them. */
  population: Population;
}

export interface KpiInfo extends KpiMetaRow {
  /** Direction from the integration set, else from the store; null when unknown. */
  direction: Direction | null;
  /** Etablera's short label for integration-set KPIs, else Kolada's title. */
  label: string;
  unit: string | null;
  /** The data source named at the end of Kolada's description ("Källa: SCB"), if any. */
  source: string | null;
}

export interface ResolvedReference {
  option: ReferenceOption;
  /** Member kommun ids (the municipality itself included when it is a member). */
  members: string[];
  /** Names or ids in a custom selection that matched no kommun. */
  unknown: string[];
}

const VERSION_CHECK_MS = 1000;

/** Default budget of the (KPI, year) cache: ETABLERA_COMPARISON_CACHE_MB's default. */
export const DEFAULT_COMPARISON_CACHE_BYTES = 32 * 1024 * 1024;

export interface ComparisonCacheStatus {
  budgetBytes: number;
  /** Estimated bytes held (each entry's arrays and memos). */
  usedBytes: number;
  entries: number;
}

export class ComparisonService {
  private version = { key: '', running: false, lastLoadedAt: null as string | null, checkedAt: 0 };
  private catalogCache?: Promise<Catalog>;
  private datasetCache?: Promise<DatasetKind>;
  private readonly groupsOf = new Map<string, Promise<GroupRow[]>>();
  private readonly members = new Map<string, string[]>();
  private readonly kpiCache = new Map<string, KpiInfo>();
  /**
   * Every kommun's values of one (KPI, year, gender) (`y:` keys: what a profile page reads most), and
   * every year of one (KPI, gender) (`t:` keys: the KPI page, the profile's and the compare page's
   * trends). Bounded by bytes, least recently used out first: a server asked for many KPIs would
   * otherwise keep them all.
   */
  private readonly cache: LRUCache<string, YearValues | KpiValueTable> | null;
  private readonly cacheBytes: number;

  constructor(
    private readonly repo: ComparisonRepository,
    private readonly meta: StoreMetaRepository,
    /** The (KPI, year) cache's budget in bytes (ETABLERA_COMPARISON_CACHE_MB); 0 turns it off. */
    cacheBytes = DEFAULT_COMPARISON_CACHE_BYTES,
  ) {
    this.cacheBytes = cacheBytes;
    this.cache =
      cacheBytes > 0
        ? new LRUCache<string, YearValues | KpiValueTable>({
            maxSize: cacheBytes,
            sizeCalculation: (entry) => entry.bytes,
          })
        : null;
  }

  /** The (KPI, year) cache's budget and use, for /api/status. */
  cacheStatus(): ComparisonCacheStatus {
    return {
      budgetBytes: this.cacheBytes,
      usedBytes: this.cache?.calculatedSize ?? 0,
      entries: this.cache?.size ?? 0,
    };
  }

  /** Checks (at most once a second) whether the data changed, and drops the caches if so. */
  async freshness(): Promise<{ running: boolean; lastLoadedAt: string | null }> {
    const now = Date.now();
    if (now - this.version.checkedAt >= VERSION_CHECK_MS) {
      const v = await this.meta.dataVersion();
      if (v.key !== this.version.key || v.running) this.clear();
      this.version = { ...v, checkedAt: now };
    }
    return { running: this.version.running, lastLoadedAt: this.version.lastLoadedAt };
  }

  private clear(): void {
    this.catalogCache = undefined;
    this.datasetCache = undefined;
    this.groupsOf.clear();
    this.members.clear();
    this.kpiCache.clear();
    this.cache?.clear();
  }

  dataset(): Promise<DatasetKind> {
    this.datasetCache ??= this.meta.dataset();
    return this.datasetCache;
  }

  catalog(): Promise<Catalog> {
    this.catalogCache ??= this.repo.municipalities().then((municipalities) => {
      const kommunIds = municipalities.filter((m) => m.type === 'K').map((m) => m.id);
      return {
        municipalities,
        byId: new Map(municipalities.map((m) => [m.id, m])),
        kommunIds,
        population: new Population(kommunIds),
      };
    });
    return this.catalogCache;
  }

  /** Kommuner whose name (ignoring case and diacritics) or code matches; prefix matches first. */
  async searchKommuner(query: string, limit = 20): Promise<MunicipalityRow[]> {
    const q = foldForSearch(query);
    if (!q) return [];
    const { municipalities } = await this.catalog();
    const scored: { m: MunicipalityRow; score: number }[] = [];
    for (const m of municipalities) {
      if (m.type !== 'K') continue;
      const name = foldForSearch(m.title);
      const score = m.id === query.trim() ? 0 : name.startsWith(q) ? 1 : name.includes(q) ? 2 : -1;
      if (score >= 0) scored.push({ m, score });
    }
    scored.sort((a, b) => a.score - b.score || a.m.title.localeCompare(b.m.title, 'sv'));
    return scored.slice(0, limit).map((s) => s.m);
  }

  /** Resolves kommun names or codes (as typed in a form or query string) to kommuner. */
  async resolveKommuner(tokens: readonly string[]): Promise<{ found: MunicipalityRow[]; unknown: string[] }> {
    const { municipalities, byId } = await this.catalog();
    const found: MunicipalityRow[] = [];
    const unknown: string[] = [];
    for (const raw of tokens) {
      const token = raw.trim();
      if (!token) continue;
      const folded = foldForSearch(token);
      const m =
        byId.get(token) ??
        municipalities.find(
          (x) => (x.type === 'K' || x.id === RIKET_ID) && foldForSearch(x.title) === folded,
        );
      if (m && !found.includes(m)) found.push(m);
      else if (!m) unknown.push(token);
    }
    return { found, unknown };
  }

  async kpiInfo(ids: readonly string[]): Promise<Map<string, KpiInfo>> {
    const missing = ids.filter((id) => !this.kpiCache.has(id));
    if (missing.length > 0) {
      const rows = await this.repo.kpis(missing);
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Only known ids are kept: a client asking for made-up ids must not grow the cache.
      for (const r of byId.values()) this.kpiCache.set(r.id, toKpiInfo(r));
    }
    const result = new Map<string, KpiInfo>();
    for (const id of ids) {
      const info = this.kpiCache.get(id);
      if (info) result.set(id, info);
    }
    return result;
  }

  groupsContaining(municipalityId: string): Promise<GroupRow[]> {
    const kept = this.groupsOf.get(municipalityId);
    if (kept) return kept;
    const asked = this.repo.groupsContaining(municipalityId);
    this.groupsOf.set(municipalityId, asked);
    // Kept only when it names groups: an id in none (also a made-up one) or a failed read is asked again.
    const forget = () => {
      if (this.groupsOf.get(municipalityId) === asked) this.groupsOf.delete(municipalityId);
    };
    asked.then((rows) => {
      if (rows.length === 0) forget();
    }, forget);
    return asked;
  }

  async groupMembers(groupId: string): Promise<string[]> {
    let m = this.members.get(groupId);
    if (!m) {
      m = (await this.repo.groupMembers([groupId])).get(groupId) ?? [];
      if (m.length > 0) this.members.set(groupId, m);
    }
    return m;
  }

  /**
   * The reference chosen by `ref` (alla | a group id | urval) for a municipality; unknown choices fall
   * back to all kommuner. The options list is what the page offers for this municipality.
   */
  async resolveReference(
    municipalityId: string,
    ref: string | undefined,
    selection: readonly string[],
  ): Promise<{ reference: ResolvedReference; options: ReferenceOption[] }> {
    const [groups, catalog] = await Promise.all([this.groupsContaining(municipalityId), this.catalog()]);
    const options = referenceOptions(groups);
    const allKommuner = { option: options[0]!, members: catalog.kommunIds, unknown: [] };
    if (!ref || ref === 'alla') return { reference: allKommuner, options };
    if (ref === 'urval') {
      const { found, unknown } = await this.resolveKommuner(selection);
      const members = found.filter((m) => m.type === 'K').map((m) => m.id);
      const option: ReferenceOption = { param: 'urval', kind: 'urval', title: null };
      return { reference: { option, members, unknown }, options };
    }
    let option = options.find((o) => o.param === ref);
    if (!option && /^G\w+$/.test(ref)) {
      const group = await this.repo.group(ref);
      if (group)
        option = { param: group.id, kind: 'grupp', title: cleanGroupTitle(group.title), groupId: group.id };
    }
    if (!option?.groupId) return { reference: allKommuner, options };
    const members = (await this.groupMembers(option.groupId)).filter(
      (id) => catalog.byId.get(id)?.type === 'K',
    );
    return { reference: { option, members, unknown: [] }, options };
  }

  /**
   * Every kommun's and Riket's value of each (KPI, year), for one gender (total unless given); keyed
   * `kpi:period`. Pairs already cached (alone or in their KPI's table) cost nothing; the rest are read
   * with one query per distinct year.
   */
  async yearValues(
    pairs: readonly { kpi: string; period: number }[],
    gender: Gender = 'T',
  ): Promise<Map<string, YearValues>> {
    const { population } = await this.catalog();
    const result = new Map<string, YearValues>();
    const toRead = new Map<number, string[]>();
    for (const { kpi, period } of pairs) {
      const key = `${kpi}:${period}`;
      if (result.has(key)) continue;
      const hit = this.cachedYear(kpi, period, gender);
      if (hit) result.set(key, hit);
      else {
        result.set(key, new YearValues(population));
        const list = toRead.get(period) ?? [];
        list.push(kpi);
        toRead.set(period, list);
      }
    }
    await Promise.all(
      [...toRead].map(async ([period, kpis]) => {
        const rows = await this.repo.valuesAt({
          kpis,
          municipalities: population.ids,
          periods: [period],
          genders: [gender],
        });
        for (const r of rows) result.get(`${r.kpi}:${r.period}`)?.set(r);
      }),
    );
    if (!this.version.running && this.cache) {
      for (const [period, kpis] of toRead)
        for (const kpi of kpis)
          this.cache.set(`y:${kpi}:${period}:${gender}`, result.get(`${kpi}:${period}`)!);
    }
    return result;
  }

  private cachedYear(kpi: string, period: number, gender: Gender): YearValues | undefined {
    const table = this.cache?.get(`t:${kpi}:${gender}`) as KpiValueTable | undefined;
    if (table) return table.year(period);
    return this.cache?.get(`y:${kpi}:${period}:${gender}`) as YearValues | undefined;
  }

  /**
   * Every year of each KPI for the kommuner and Riket, one gender: the KPI page and the trends. A KPI
   * not cached is read whole (one query per KPI); KPIs the store does not hold give empty tables.
   */
  async kpiTables(kpis: readonly string[], gender: Gender): Promise<Map<string, KpiValueTable>> {
    const { population } = await this.catalog();
    const result = new Map<string, KpiValueTable>();
    await Promise.all(
      [...new Set(kpis)].map(async (kpi) => {
        const key = `t:${kpi}:${gender}`;
        let table = this.cache?.get(key) as KpiValueTable | undefined;
        if (!table) {
          table = new KpiValueTable(population, await this.repo.kpiValues(kpi, gender));
          if (!this.version.running) this.cache?.set(key, table);
        }
        result.set(kpi, table);
      }),
    );
    return result;
  }

  series(
    kpis: readonly string[],
    municipalities: readonly string[],
    genders: readonly Gender[],
    fromPeriod?: number,
  ) {
    return this.repo.series({ kpis, municipalities, genders, fromPeriod });
  }

  findKpis(text: string, limit = 30) {
    return this.repo.findKpis(text, limit);
  }
}

function toKpiInfo(r: KpiMetaRow): KpiInfo {
  const set = integrationKpi(r.id);
  const source = /Källa:\s*([^\n]+?)\.?\s*$/i.exec(r.description ?? '')?.[1]?.trim() ?? null;
  return {
    ...r,
    direction: set?.direction ?? r.direction ?? null,
    label: set?.label ?? r.title,
    unit: set?.unit ?? r.unit ?? null,
    source,
  };
}
