/**
 * Getting the taxonomy into the store: the bundled snapshot at first start (no network), and JobTech
 * dataset files in their published JSON shape (`etablera taxonomy import`). Every file is read and
 * checked before anything is written; the write is one transaction.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { ImportError } from '../../../import/import-error.js';
import type { Store } from '../../../store/database.js';
import { emptyParts, readJobtechDataset } from './jobtech-files.js';
import { readLabelPacks } from './label-packs.js';
import { readSnapshot, SNAPSHOT_FILE, snapshotToLoad } from './snapshot.js';

export interface LoadReport {
  concepts: number;
  labels: number;
  relations: number;
  seconds: number;
}

export async function loadBundledTaxonomy(
  store: Store,
  file: URL | string = SNAPSHOT_FILE,
): Promise<LoadReport> {
  const started = performance.now();
  const load = snapshotToLoad(readSnapshot(file));
  // The label packs ride along: drafted labels are replaced by the packs' current text.
  // A label a person has confirmed or corrected (review:<lang>) wins over the pack's draft.
  const repo = store.repositories.taxonomy;
  const known = new Set(load.concepts.map((c) => c.id));
  const decided = new Set((await repo.reviews()).map((r) => `${r.concept_id} ${r.lang}`));
  const all = readLabelPacks();
  const packs = all.filter((l) => known.has(l.concept_id) && !decided.has(`${l.concept_id} ${l.lang}`));
  load.labels.push(...packs);
  load.replaceLabelSources.push(...new Set(all.map((l) => l.source)));
  await repo.writeLoad(load);
  return {
    concepts: load.concepts.length,
    labels: load.labels.length,
    relations: load.relations.length,
    seconds: (performance.now() - started) / 1000,
  };
}

/** Loads the bundled snapshot when the store has no taxonomy yet; returns null when it had one. */
export async function ensureTaxonomy(store: Store): Promise<LoadReport | null> {
  if (!(await store.repositories.taxonomy.isEmpty())) return null;
  return loadBundledTaxonomy(store);
}

function readFileText(file: string): string {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new ImportError(
      file,
      `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`,
    );
  }
  if (!file.endsWith('.gz')) return bytes.toString('utf8');
  try {
    return gunzipSync(bytes).toString('utf8');
  } catch {
    throw new ImportError(file, 'is named .gz but is not gzip-compressed');
  }
}

export interface ImportReport extends LoadReport {
  files: { file: string; concepts: number }[];
  deprecated: number;
}

/**
 * Imports JobTech dataset files. Concepts are upserted (never deleted: a concept a file no longer
 * lists stays resolvable); `deprecated`/`replaced_by` from the files are recorded.
 */
export async function importTaxonomyFiles(
  store: Store,
  files: string[],
  version?: string,
): Promise<ImportReport> {
  const started = performance.now();
  const parts = emptyParts();
  const perFile = files.map((file) => ({
    file,
    concepts: readJobtechDataset(readFileText(file), file, parts),
  }));
  const concepts = [...parts.concepts.values()];
  const counts: Record<string, number> = {};
  for (const c of concepts) counts[c.type] = (counts[c.type] ?? 0) + 1;
  await store.repositories.taxonomy.writeLoad({
    source: `import: ${files.map((f) => basename(f)).join(', ')}`,
    version: version ?? `import ${new Date().toISOString().slice(0, 10)}`,
    concepts,
    labels: parts.labels,
    relations: [...parts.relations.values()],
    replaceLabelSources: [],
    counts,
  });
  return {
    files: perFile,
    concepts: concepts.length,
    deprecated: concepts.filter((c) => c.deprecated).length,
    labels: parts.labels.length,
    relations: parts.relations.size,
    seconds: (performance.now() - started) / 1000,
  };
}
