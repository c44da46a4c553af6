import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { gunzipSync } from "node:zlib";
import { ImportError } from "../../../import/import-error.js";
import { TaxonomyRepository } from "../../../store/repositories/taxonomy.repository.js";
import { emptyParts, readJobtechDataset } from "./jobtech-files.js";
import { readSnapshot, SNAPSHOT_FILE, snapshotToLoad } from "./snapshot.js";
async function loadBundledTaxonomy(store, file = SNAPSHOT_FILE) {
  const started = performance.now();
  const load = snapshotToLoad(readSnapshot(file));
  await new TaxonomyRepository(store.db).writeLoad(load);
  return {
    concepts: load.concepts.length,
    labels: load.labels.length,
    relations: load.relations.length,
    seconds: (performance.now() - started) / 1e3
  };
}
async function ensureTaxonomy(store) {
  if (!await new TaxonomyRepository(store.db).isEmpty()) return null;
  return loadBundledTaxonomy(store);
}
function readFileText(file) {
  let bytes;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ImportError(
      file,
      `cannot be read (${error.code ?? error.message})`
    );
  }
  if (!file.endsWith(".gz")) return bytes.toString("utf8");
  try {
    return gunzipSync(bytes).toString("utf8");
  } catch {
    throw new ImportError(file, "is named .gz but is not gzip-compressed");
  }
}
async function importTaxonomyFiles(store, files, version) {
  const started = performance.now();
  const parts = emptyParts();
  const perFile = files.map((file) => ({
    file,
    concepts: readJobtechDataset(readFileText(file), file, parts)
  }));
  const concepts = [...parts.concepts.values()];
  const counts = {};
  for (const c of concepts) counts[c.type] = (counts[c.type] ?? 0) + 1;
  await new TaxonomyRepository(store.db).writeLoad({
    source: `import: ${files.map((f) => basename(f)).join(", ")}`,
    version: version ?? `import ${(/* @__PURE__ */ new Date()).toISOString().slice(0, 10)}`,
    concepts,
    labels: parts.labels,
    relations: [...parts.relations.values()],
    replaceLabelSources: [],
    counts
  });
  return {
    files: perFile,
    concepts: concepts.length,
    deprecated: concepts.filter((c) => c.deprecated).length,
    labels: parts.labels.length,
    relations: parts.relations.size,
    seconds: (performance.now() - started) / 1e3
  };
}
export {
  ensureTaxonomy,
  importTaxonomyFiles,
  loadBundledTaxonomy
};
//# sourceMappingURL=taxonomy-loader.js.map
