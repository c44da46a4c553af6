/** Store records → Kolada objects, in the field names and types of each API version. */
import type { GroupRecord, KpiRecord } from '../../store/repositories/metadata.repository.js';
import type { ValueLevel } from '../../store/value-levels.js';
import type { DataItemRecord } from './data.service.js';
import type { ApiVersion } from './schemas.js';

const bit = (flag: boolean) => (flag ? 1 : 0);

export function presentKpi(version: ApiVersion, k: KpiRecord): object {
  const common = {
    id: k.id,
    title: k.title,
    description: k.description,
    municipality_type: k.municipalityType,
    operating_area: k.operatingArea,
    perspective: k.perspective,
    prel_publication_date: k.prelPublicationDate,
    publication_date: k.publicationDate,
    publ_period: k.publPeriod,
  };
  return version === 'v3'
    ? {
        ...common,
        is_divided_by_gender: k.isDividedByGender,
        auspice: k.auspice,
        has_ou_data: k.hasOuData,
      }
    : {
        ...common,
        is_divided_by_gender: bit(k.isDividedByGender),
        auspices: k.auspice,
        has_ou_data: k.hasOuData === null ? null : bit(k.hasOuData),
        ou_publication_date: k.ouPublicationDate,
      };
}

export function presentGroup(g: GroupRecord): object {
  return {
    id: g.id,
    title: g.title,
    members: g.members.map((m) => ({ member_id: m.id, member_title: m.title })),
  };
}

/**
 * v3 always carries `isdeleted` (boolean); v2 carries `is_deleted` (0/1) only in `from_date` replies,
 * where deleted values can appear at all.
 */
export function presentDataItem(
  version: ApiVersion,
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
