import { parse } from "csv-parse/sync";
import { ImportError } from "../../../import/import-error.js";
const ESCO_SOURCE = "esco";
function readEscoOccupations(csv, file, lang, iscoConcepts, withAltLabels) {
  let rows;
  try {
    rows = parse(csv, { columns: true, bom: true, skip_empty_lines: true });
  } catch (error) {
    throw new ImportError(file, `not an ESCO CSV export (${error.message})`);
  }
  const labels = /* @__PURE__ */ new Map();
  const unjoined = /* @__PURE__ */ new Set();
  rows.forEach((row, i) => {
    if (!/^\d{4}$/.test(row.iscoGroup ?? ""))
      throw new ImportError(`${file}:${i + 2}`, `iscoGroup must be 4 digits, got "${row.iscoGroup}"`);
    const conceptId = iscoConcepts.get(row.iscoGroup);
    if (!conceptId) {
      unjoined.add(row.iscoGroup);
      return;
    }
    const names = row.preferredLabel.split(" / ");
    if (withAltLabels && row.altLabels) names.push(...row.altLabels.split("\n"));
    for (const raw of names) {
      const label = raw.replace(/\s+/g, " ").trim();
      if (label)
        labels.set(`${conceptId}\0${label}`, {
          concept_id: conceptId,
          lang,
          kind: "related",
          label,
          source: ESCO_SOURCE,
          reviewed: 1
        });
    }
  });
  return { labels: [...labels.values()], unjoinedIscoGroups: [...unjoined].sort(), occupations: rows.length };
}
export {
  ESCO_SOURCE,
  readEscoOccupations
};
//# sourceMappingURL=esco-names.js.map
