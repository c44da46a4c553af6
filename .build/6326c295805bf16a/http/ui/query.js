class BadRequest extends Error {
}
function text(query, name, maxLength, list = false) {
  const raw = query?.[name];
  if (raw === void 0 || raw === null) return "";
  const values = Array.isArray(raw) ? raw : [raw];
  if (values.some((v) => typeof v !== "string")) throw new BadRequest(`Parameter "${name}" must be text`);
  if (values.length > 1 && !list) throw new BadRequest(`Parameter "${name}" may be given only once`);
  const value = values.join(",").trim();
  if (value.length > maxLength)
    throw new BadRequest(`Parameter "${name}" is longer than ${maxLength} characters`);
  return value;
}
function splitList(value) {
  return value.split(",").map((s) => s.trim()).filter(Boolean);
}
function readYear(query) {
  const ar = text(query, "ar", 10);
  if (ar === "" || ar === "senaste" || ar === "latest") return "latest";
  const year = Number(ar);
  if (!/^\d{4}$/.test(ar) || year < 1900 || year > 2100)
    throw new BadRequest(`Parameter "ar" (year) must be a year such as 2022 or "senaste", got "${ar}"`);
  return year;
}
function readRef(query) {
  const ref = text(query, "ref", 40);
  if (ref === "") return void 0;
  if (!/^(alla|urval|G[A-Za-z0-9]{1,30})$/.test(ref))
    throw new BadRequest(
      `Parameter "ref" must be "alla", "urval" or a group id such as G33621, got "${ref}"`
    );
  return ref;
}
function readStartQuery(query) {
  return { q: text(query, "q", 100) };
}
function readProfileQuery(query) {
  const selectionText = text(query, "urval", 2e3, true);
  return { year: readYear(query), ref: readRef(query), selection: splitList(selectionText), selectionText };
}
function readKpiQuery(query) {
  const kommun = text(query, "kommun", 10);
  if (kommun && !/^\d{4}$/.test(kommun))
    throw new BadRequest(`Parameter "kommun" must be a four-digit kommun code such as 1282, got "${kommun}"`);
  const kon = text(query, "kon", 1) || "T";
  if (kon !== "T" && kon !== "K" && kon !== "M")
    throw new BadRequest(`Parameter "kon" (gender) must be T, K or M, got "${kon}"`);
  const sortKey = text(query, "sort", 10) || "rank";
  if (sortKey !== "rank" && sortKey !== "name" && sortKey !== "value")
    throw new BadRequest(`Parameter "sort" must be rank, name or value, got "${sortKey}"`);
  const dir = text(query, "dir", 4) || "asc";
  if (dir !== "asc" && dir !== "desc")
    throw new BadRequest(`Parameter "dir" must be asc or desc, got "${dir}"`);
  const compareText = text(query, "jmf", 2e3, true);
  return {
    ...readProfileQuery(query),
    municipalityId: kommun || void 0,
    gender: kon,
    compare: splitList(compareText),
    compareText,
    sort: { key: sortKey, dir }
  };
}
function readCompareQuery(query) {
  const kommunText = text(query, "kommun", 2e3, true);
  const kpis = splitList(text(query, "kpi", 2e3, true)).map((k) => k.toUpperCase());
  for (const k of kpis)
    if (!/^[A-Z]\d{5}$/.test(k))
      throw new BadRequest(`Parameter "kpi" must list KPI ids such as N00700, got "${k}"`);
  return { year: readYear(query), kommuner: splitList(kommunText), kommunText, kpis: [...new Set(kpis)] };
}
export {
  BadRequest,
  readCompareQuery,
  readKpiQuery,
  readProfileQuery,
  readStartQuery,
  readYear
};
//# sourceMappingURL=query.js.map
