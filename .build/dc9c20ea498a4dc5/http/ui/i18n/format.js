const THIN_SPACE = "\u2009";
const MINUS = "\u2212";
const LOCALE = { sv: "sv-SE", en: "en-GB" };
const formatters = /* @__PURE__ */ new Map();
function numberFormat(lang, decimals, fixed) {
  const key = `${lang}:${decimals}:${fixed}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(LOCALE[lang], {
      maximumFractionDigits: decimals,
      minimumFractionDigits: fixed ? decimals : 0
    });
    formatters.set(key, f);
  }
  return f;
}
function displayDecimals(value) {
  const abs = Math.abs(value);
  if (abs >= 1e3) return 0;
  if (abs >= 10) return 1;
  return 2;
}
function decimalsFor(values, unit) {
  const finite = values.filter((v) => typeof v === "number" && Number.isFinite(v));
  if (finite.length === 0) return 1;
  if (finite.every((v) => Number.isInteger(v))) return 0;
  if (unit === "%") return 1;
  return displayDecimals(Math.max(...finite.map(Math.abs)));
}
function meanDecimals(decimals) {
  return decimals === 0 ? 1 : decimals;
}
function formatNumber(value, lang, decimals) {
  const shown = decimals ?? displayDecimals(value);
  const v = Math.abs(value) < 0.5 * 10 ** -shown ? 0 : value;
  const parts = numberFormat(lang, shown, decimals !== void 0).formatToParts(v);
  let out = "";
  for (const p of parts) {
    if (lang === "sv" && p.type === "group") out += THIN_SPACE;
    else if (lang === "sv" && p.type === "minusSign") out += MINUS;
    else out += p.value;
  }
  return out;
}
function formatDate(iso, lang) {
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(d);
}
export {
  MINUS,
  THIN_SPACE,
  decimalsFor,
  displayDecimals,
  formatDate,
  formatNumber,
  meanDecimals
};
//# sourceMappingURL=format.js.map
