/**
 * The use case behind the data routes: one page of data items for a set of KPIs, units and years,
 * where a municipality id may also be a municipality-group id (answered with the unweighted mean of
 * the members, computed by Etablera). No SQL here: repositories do the reading.
 */

import { type DataItemRecord, groupDataItems } from '../../kolada/data-items.js';
import type { MetadataRepository } from '../../store/repositories/metadata.repository.js';
import type {
  ItemPageFilter,
  UnitValueRecord,
  ValueRepository,
} from '../../store/repositories/value.repository.js';
import type { ValueLevel } from '../../store/value-levels.js';

export interface DataRequest extends ItemPageFilter {
  level: ValueLevel;
  page: number;
  perPage: number;
}

export interface DataPage {
  items: DataItemRecord[];
  hasMore: boolean;
}

// Bounded: group ids only come with an explicit list of municipalities (v3: at most 25; v2: as many
// as fit in the URL).
const ALL = 10_000_000;

const byUnit = (r: UnitValueRecord) => r.unit;

export class KoladaDataService {
  constructor(
    private readonly values: ValueRepository,
    private readonly metadata: MetadataRepository,
  ) {}

  async page(request: DataRequest): Promise<DataPage> {
    const { level, page, perPage, ...filter } = request;
    const offset = (page - 1) * perPage;
    // Group ids all start with "G"; only then is a lookup needed (keeps the common path at one query).
    // Stryker disable next-line MethodExpression,StringLiteral,ArrayDeclaration: the lookup finds group ids only, whatever else it is asked; the filter only spares it
    const candidates = level === 'municipality' ? (filter.units ?? []).filter((u) => u.startsWith('G')) : [];
    const groups = await this.metadata.municipalityGroupIds(candidates);
    if (groups.size === 0) {
      const result = await this.values.itemPage(level, filter, { limit: perPage, offset });
      return { items: groupDataItems(result.records, byUnit), hasMore: result.hasMore };
    }
    // Stryker disable next-line MethodExpression,ArrayDeclaration: no value has a group id as its unit; units are always given here
    const plain = (filter.units ?? []).filter((u) => !groups.has(u));
    const plainItems =
      // Stryker disable next-line ConditionalExpression: an empty unit list reads nothing; the test only spares the query
      plain.length === 0
        ? []
        : groupDataItems(
            (await this.values.itemPage(level, { ...filter, units: plain }, { limit: ALL, offset: 0 }))
              .records,
            byUnit,
          );
    const groupItems = await this.groupItems([...groups], filter);
    const all = [...plainItems, ...groupItems].sort(compareItems);
    return { items: all.slice(offset, offset + perPage), hasMore: all.length > offset + perPage };
  }

  private async groupItems(groups: string[], filter: ItemPageFilter): Promise<DataItemRecord[]> {
    const means = await this.values.groupMeans({ groups, kpis: filter.kpis, years: filter.years });
    const items = groupDataItems(means, (m) => m.municipality);
    if (!filter.changedSince) return items;
    // A group mean "changed" when any member value behind it changed since the date.
    const since = filter.changedSince;
    const changed = new Set(
      means
        .filter((m) => m.changedAt >= since)
        .map((m) => `${m.kpi}\u0000${m.municipality}\u0000${m.period}`),
    );
    return items.filter((i) => changed.has(`${i.kpi}\u0000${i.unit}\u0000${i.period}`));
  }
}

/** The order of the data items in a reply: KPI, unit, then period. */
export function compareItems(a: DataItemRecord, b: DataItemRecord): number {
  if (a.kpi < b.kpi) return -1;
  if (a.kpi > b.kpi) return 1;
  if (a.unit < b.unit) return -1;
  if (a.unit > b.unit) return 1;
  return a.period - b.period;
}
