const bit = (flag) => flag ? 1 : 0;
function presentKpi(version, k) {
  const common = {
    id: k.id,
    title: k.title,
    description: k.description,
    municipality_type: k.municipalityType,
    operating_area: k.operatingArea,
    perspective: k.perspective,
    prel_publication_date: k.prelPublicationDate,
    publication_date: k.publicationDate,
    publ_period: k.publPeriod
  };
  return version === "v3" ? {
    ...common,
    is_divided_by_gender: k.isDividedByGender,
    auspice: k.auspice,
    has_ou_data: k.hasOuData
  } : {
    ...common,
    is_divided_by_gender: bit(k.isDividedByGender),
    auspices: k.auspice,
    has_ou_data: k.hasOuData === null ? null : bit(k.hasOuData),
    ou_publication_date: k.ouPublicationDate
  };
}
function presentGroup(g) {
  return {
    id: g.id,
    title: g.title,
    members: g.members.map((m) => ({ member_id: m.id, member_title: m.title }))
  };
}
function presentDataItem(version, level, item, withDeleted) {
  const values = version === "v3" ? item.values.map((v) => ({
    gender: v.gender,
    count: v.count,
    status: v.status,
    value: v.value,
    isdeleted: v.isDeleted
  })) : item.values.map(
    (v) => withDeleted ? {
      gender: v.gender,
      count: v.count,
      status: v.status,
      value: v.value,
      is_deleted: bit(v.isDeleted)
    } : { gender: v.gender, count: v.count, status: v.status, value: v.value }
  );
  return level === "municipality" ? { kpi: item.kpi, municipality: item.unit, period: item.period, values } : { kpi: item.kpi, ou: item.unit, period: item.period, values };
}
export {
  presentDataItem,
  presentGroup,
  presentKpi
};
//# sourceMappingURL=presenters.js.map
