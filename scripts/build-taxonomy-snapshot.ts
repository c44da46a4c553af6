/**
 * Builds the bundled taxonomy snapshot (src/domain/process/taxonomy/snapshot/) from the shared process
 * data: `npx tsx scripts/build-taxonomy-snapshot.ts [../shared/data/process]`. Commit its output.
 */
import { writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { buildSnapshotParts } from '../src/domain/process/taxonomy/build-snapshot.js';
import { encodeSnapshot, NOTICE, SNAPSHOT_FILE } from '../src/domain/process/taxonomy/snapshot.js';

const dir = process.argv[2] ?? '../shared/data/process';
const parts = await buildSnapshotParts(dir);
const snapshot = encodeSnapshot(parts);
// mtime 0 in the gzip header: the same sources give byte-identical output.
const bytes = gzipSync(JSON.stringify(snapshot), { level: 9 });
writeFileSync(SNAPSHOT_FILE, bytes);
writeFileSync(
  new URL('./NOTICE.md', SNAPSHOT_FILE),
  `# Taxonomy snapshot: sources\n\n${NOTICE}\n\nBuilt by scripts/build-taxonomy-snapshot.ts from ${parts.source}` +
    ` (version: ${parts.version}). Concept ids are unchanged. The ESCO names are ESCO's published labels, ` +
    'attached to ISCO-08 unit groups (a join made by Etablera, not by ESCO); they are shown as related names, ' +
    'not as translations.\n',
);
console.log(`${SNAPSHOT_FILE.pathname}: ${(bytes.length / 1e6).toFixed(2)} MB`);
console.log(JSON.stringify(snapshot.counts));
console.log(
  Object.entries(snapshot.unjoined)
    .map(([k, v]) => `${k}: ${v.length}`)
    .join('; '),
);
console.log(
  `concepts ${snapshot.concepts.length}, labels ${snapshot.labels.length}, relations ${snapshot.relations.length}`,
);
