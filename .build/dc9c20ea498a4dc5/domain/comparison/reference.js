const SKR_KOMMUNGRUPP_IDS = [
  "G92786",
  "G92787",
  "G92788",
  "G92789",
  "G92790",
  "G92791",
  "G92792",
  "G92793",
  "G92794"
];
const RIKET_ID = "0000";
function cleanGroupTitle(title) {
  return title.replace(/\s*\(ovägt medel\)\s*$/i, "").trim();
}
function isLanGroup(g) {
  return /läns kommuner/i.test(g.title);
}
function isSimilarGroup(g) {
  return /^Liknande kommuner\b/i.test(g.title);
}
function similarGroupArea(title) {
  const m = /^Liknande kommuner,?\s*([^,]+),\s*[^,]+(?:,\s*(\d{4}))?\s*$/i.exec(cleanGroupTitle(title));
  if (!m) return cleanGroupTitle(title);
  return m[2] ? `${m[1].trim()} (${m[2]})` : m[1].trim();
}
function referenceOptions(groupsOfMunicipality) {
  const options = [{ param: "alla", kind: "alla", title: "Alla kommuner" }];
  for (const g of groupsOfMunicipality.filter(isLanGroup))
    options.push({ param: g.id, kind: "lan", title: cleanGroupTitle(g.title), groupId: g.id });
  for (const g of groupsOfMunicipality.filter((g2) => SKR_KOMMUNGRUPP_IDS.includes(g2.id)))
    options.push({ param: g.id, kind: "kommungrupp", title: cleanGroupTitle(g.title), groupId: g.id });
  const similar = groupsOfMunicipality.filter(isSimilarGroup).sort((a, b) => similarRank(a) - similarRank(b));
  for (const g of similar)
    options.push({ param: g.id, kind: "liknande", title: similarGroupArea(g.title), groupId: g.id });
  return options;
}
const SIMILAR_PREFERENCE = ["arbetsmarknad", "socioekonomi", "\xF6vergripande"];
function similarRank(g) {
  const i = SIMILAR_PREFERENCE.findIndex((p) => g.title.toLowerCase().includes(p));
  return i === -1 ? SIMILAR_PREFERENCE.length : i;
}
export {
  RIKET_ID,
  SKR_KOMMUNGRUPP_IDS,
  cleanGroupTitle,
  isLanGroup,
  isSimilarGroup,
  referenceOptions,
  similarGroupArea
};
//# sourceMappingURL=reference.js.map
