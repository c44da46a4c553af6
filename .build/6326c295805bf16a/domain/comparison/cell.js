const NOT_APPLICABLE = { value: null, symbol: "." };
const MISSING = { value: null, symbol: "-" };
function cellOf(row) {
  if (!row) return MISSING;
  if (row.value !== null && Number.isFinite(row.value)) return { value: row.value, symbol: null };
  return { value: null, symbol: symbolForStatus(row.status) };
}
function symbolForStatus(status) {
  const s = status.trim().toLowerCase();
  if (s === ".." || s.includes("sekretess") || s.includes("confidential")) return "..";
  if (s === "." || s.includes("ej till\xE4mplig") || s.includes("not applicable")) return ".";
  return "-";
}
export {
  MISSING,
  NOT_APPLICABLE,
  cellOf,
  symbolForStatus
};
//# sourceMappingURL=cell.js.map
