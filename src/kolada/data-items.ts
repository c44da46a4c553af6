/**
 * Kolada's wire format for values: a data item is one KPI × unit (municipality or OU) × period with
 * up to three gender values. Grouping store records into items and presenting them in each API
 * version's field names happens here only, for the API replies and for `etablera export` alike
 * (reading items back is `import/item-parsers.ts`).
 */
import type { Gender } from '../store/schema.js';
import type { ValueLevel } from '../store/value-levels.js';

export type KoladaApiVersion = 'v2' | 'v3';

export interface ItemValue {
  gender: Gender;
  count: number;
  status: string;
  value: number | null;
  isDeleted: boolean;
}

export interface DataItemRecord {
  kpi: string;
  unit: string;
  period: number;
  values: ItemValue[];
}

/** A value record as the store reads it; `unitOf` says where its unit id is. */
interface ValueLike {
  kpi: string;
  period: number;
  gender: Gender;
  count: number;
  status: string;
  value: number | null;
  isDeleted: boolean;
}

type UnitOf<R> = (record: R) => string;

// A deleted value has no value any more, whatever the row still holds.
const itemValue = (r: ValueLike): ItemValue => ({
  gender: r.gender,
  count: r.count,
  status: r.status,
  value: r.isDeleted ? null : r.value,
  isDeleted: r.isDeleted,
});

/** Groups value records (ordered by KPI, unit, period) into data items. */
export function groupDataItems<R extends ValueLike>(
  records: Iterable<R>,
  unitOf: UnitOf<R>,
): DataItemRecord[] {
  const items: DataItemRecord[] = [];
  let item: DataItemRecord | undefined;
  for (const r of records) {
    const unit = unitOf(r);
    if (!item || item.kpi !== r.kpi || item.unit !== unit || item.period !== r.period) {
      item = { kpi: r.kpi, unit, period: r.period, values: [] };
      items.push(item);
    }
    item.values.push(itemValue(r));
  }
  return items;
}

/** As groupDataItems, for a stream too large to hold: yields each item once it is complete. */
export async function* streamDataItems<R extends ValueLike>(
  records: AsyncIterable<R>,
  unitOf: UnitOf<R>,
): AsyncGenerator<DataItemRecord> {
  let item: DataItemRecord | null = null;
  for await (const r of records) {
    const unit = unitOf(r);
    if (!item || item.kpi !== r.kpi || item.unit !== unit || item.period !== r.period) {
      if (item) yield item;
      item = { kpi: r.kpi, unit, period: r.period, values: [] };
    }
    item.values.push(itemValue(r));
  }
  if (item) yield item;
}

const bit = (flag: boolean) => (flag ? 1 : 0);

/**
 * A data item in an API version's field names. v3 always carries `isdeleted` (boolean); v2 carries
 * `is_deleted` (0/1) only in `from_date` replies, where deleted values can appear at all.
 */
export function presentDataItem(
  version: KoladaApiVersion,
  level: ValueLevel,
  item: DataItemRecord,
  withDeleted: boolean,
): object {
  const values =
    version === 'v3'
      ? item.values.map((v) => ({
          gender: v.gender,
          count: v.count,
          status: v.status,
          value: v.value,
          isdeleted: v.isDeleted,
        }))
      : item.values.map((v) =>
          withDeleted
            ? {
                gender: v.gender,
                count: v.count,
                status: v.status,
                value: v.value,
                is_deleted: bit(v.isDeleted),
              }
            : { gender: v.gender, count: v.count, status: v.status, value: v.value },
        );
  return level === 'municipality'
    ? { kpi: item.kpi, municipality: item.unit, period: item.period, values }
    : { kpi: item.kpi, ou: item.unit, period: item.period, values };
}
