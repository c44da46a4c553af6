const ALL = 1e7;
class KoladaDataService {
  constructor(values, metadata) {
    this.values = values;
    this.metadata = metadata;
  }
  values;
  metadata;
  async page(request) {
    const { level, page, perPage, ...filter } = request;
    const offset = (page - 1) * perPage;
    const candidates = level === "municipality" ? (filter.units ?? []).filter((u) => u.startsWith("G")) : [];
    const groups = await this.metadata.municipalityGroupIds(candidates);
    if (groups.size === 0) {
      const result = await this.values.itemPage(level, filter, { limit: perPage, offset });
      return { items: toItems(result.records), hasMore: result.hasMore };
    }
    const plain = (filter.units ?? []).filter((u) => !groups.has(u));
    const plainItems = plain.length === 0 ? [] : toItems(
      (await this.values.itemPage(level, { ...filter, units: plain }, { limit: ALL, offset: 0 })).records
    );
    const groupItems = await this.groupItems([...groups], filter);
    const all = [...plainItems, ...groupItems].sort(compareItems);
    return { items: all.slice(offset, offset + perPage), hasMore: all.length > offset + perPage };
  }
  async groupItems(groups, filter) {
    const means = await this.values.groupMeans({ groups, kpis: filter.kpis, years: filter.years });
    const items = toItems(means.map(({ municipality, ...r }) => ({ ...r, unit: municipality })));
    if (!filter.changedSince) return items;
    const since = filter.changedSince;
    const changed = new Set(
      means.filter((m) => m.changedAt >= since).map((m) => `${m.kpi}\0${m.municipality}\0${m.period}`)
    );
    return items.filter((i) => changed.has(`${i.kpi}\0${i.unit}\0${i.period}`));
  }
}
function compareItems(a, b) {
  if (a.kpi !== b.kpi) return a.kpi < b.kpi ? -1 : 1;
  if (a.unit !== b.unit) return a.unit < b.unit ? -1 : 1;
  return a.period - b.period;
}
function toItems(records) {
  const items = [];
  let item;
  for (const r of records) {
    if (!item || item.kpi !== r.kpi || item.unit !== r.unit || item.period !== r.period) {
      item = { kpi: r.kpi, unit: r.unit, period: r.period, values: [] };
      items.push(item);
    }
    item.values.push({
      gender: r.gender,
      count: r.count,
      status: r.status,
      value: r.isDeleted ? null : r.value,
      isDeleted: r.isDeleted
    });
  }
  return items;
}
export {
  KoladaDataService,
  toItems
};
//# sourceMappingURL=data.service.js.map
