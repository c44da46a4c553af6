function selectMunicipalities(db) {
  return db.selectFrom("municipality").select(["id", "title", "type"]);
}
function describeKpi(r) {
  return {
    id: r.id,
    title: r.title,
    description: r.description,
    isDividedByGender: r.is_divided_by_gender === 1,
    municipalityType: r.municipality_type,
    auspice: r.auspice,
    operatingArea: r.operating_area,
    perspective: r.perspective,
    prelPublicationDate: r.prel_publication_date,
    publicationDate: r.publication_date,
    publPeriod: r.publ_period
  };
}
export {
  describeKpi,
  selectMunicipalities
};
//# sourceMappingURL=metadata-reads.js.map
