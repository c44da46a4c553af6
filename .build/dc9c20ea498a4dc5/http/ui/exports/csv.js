import { neutraliseFormula } from "./table-document.js";
const BOM = "\uFEFF";
function toCsv(doc) {
  const lines = [];
  lines.push(line([doc.title]));
  for (const m of doc.meta) lines.push(line([m.label, m.value]));
  lines.push("");
  lines.push(line(doc.columns.map((c) => c.header)));
  for (const row of doc.rows) lines.push(line(doc.columns.map((c) => row[c.key] ?? null)));
  return `${BOM}${lines.join("\r\n")}\r
`;
}
function line(cells) {
  return cells.map(field).join(",");
}
function field(cell) {
  if (cell === null) return "";
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : "";
  const text = neutraliseFormula(cell);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
export {
  toCsv
};
//# sourceMappingURL=csv.js.map
