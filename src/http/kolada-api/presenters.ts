/** Store records → Kolada objects, in the field names and types of each API version. */
import type { GroupRecord, KpiRecord } from '../../store/repositories/metadata.repository.js';
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
