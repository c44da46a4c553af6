#!/usr/bin/env node
// `node scripts/mutation/openapi-check.mjs <report.json> <file> <git revision>`: applies each static
// mutant of <file> (a Kolada API schema or route table, as it was at <revision>) and checks whether the
// /v3 and /v2 OpenAPI documents of the Kolada API on a bare app still equal the committed snapshots:
// the assertion of plugin.test.ts's "documents /vX exactly as the committed OpenAPI snapshot", without
// vitest (a few seconds a mutant instead of a minute on the busy machine). Prints killed or SAME DOC;
// a mutant with the same documents may still be killed by another test (static-check.mjs runs them).
// Static mutants only, as Stryker reports them (Survived, or Ignored with --ignoreStatic); IDS=1,2 for
// chosen ones (any status). The file is put back after.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';

const [report, file, rev] = process.argv.slice(2);
if (!rev) {
  console.error('usage: openapi-check.mjs <report.json> <file> <git revision>');
  process.exit(2);
}
const mutants = JSON.parse(readFileSync(report, 'utf8')).files[file].mutants;
const original = execFileSync('git', ['show', `${rev}:${file}`], { encoding: 'utf8' });
const working = readFileSync(file, 'utf8');
const lines = original.split('\n');
const offset = (line, column) => lines.slice(0, line - 1).reduce((n, s) => n + s.length + 1, 0) + column - 1;
const ids = process.env.IDS?.split(',');
const chosen = mutants.filter((m) =>
  ids ? ids.includes(m.id) : m.static && (m.status === 'Survived' || m.status === 'Ignored'),
);

// The Kolada API alone, as plugin.test.ts builds it; the documents need no data.
const entry = `
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import Fastify from 'fastify';
import { lazySchemaCompilers } from './src/http/lazy-schema-compilers.ts';
import { koladaFrameworkError } from './src/http/kolada-api/errors.ts';
import { koladaApi } from './src/http/kolada-api/plugin.ts';
const schemas = lazySchemaCompilers();
const app = Fastify({
  routerOptions: { ignoreTrailingSlash: true, maxParamLength: 8192 },
  frameworkErrors: koladaFrameworkError,
  schemaController: { compilersFactory: schemas.compilersFactory },
});
schemas.attach(app);
const store = { repositories: { metadata: {}, values: {}, storeMeta: { dataset: async () => 'empty' } } };
await app.register(koladaApi, { store, publicBaseUrl: '' });
for (const version of ['v3', 'v2']) {
  const res = await app.inject({ method: 'GET', url: '/' + version + '/openapi.json' });
  const snapshot = JSON.parse(readFileSync('src/http/kolada-api/openapi-snapshots/' + version + '.json', 'utf8'));
  if (res.statusCode !== 200 || !isDeepStrictEqual(res.json(), snapshot)) {
    console.log('documents differ: ' + version);
    process.exit(1);
  }
}
process.exit(0);
`;
const bundle = '.openapi-check.mjs';

let same = 0;
try {
  for (const m of chosen) {
    const a = offset(m.location.start.line, m.location.start.column);
    const b = offset(m.location.end.line, m.location.end.column);
    writeFileSync(file, original.slice(0, a) + m.replacement + original.slice(b));
    let status = 1;
    try {
      await build({
        stdin: { contents: entry, resolveDir: process.cwd(), loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        packages: 'external',
        outfile: bundle,
        logLevel: 'silent',
      });
      const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
      if (process.env.DEBUG) console.log(run.stdout, run.stderr);
      status = run.status;
      if (status !== 0 && !run.stdout.includes('documents differ')) status = 'app fails';
    } catch {
      status = 'does not build'; // the test file would not load either
    }
    if (status === 0) same++;
    const shown = (text) => text.replace(/\s+/g, ' ').slice(0, 60);
    console.log(
      `${status === 0 ? 'SAME DOC' : status === 1 ? 'killed' : `killed (${status})`}\t${m.id}\t${m.mutatorName}\t${m.location.start.line}:${m.location.start.column}\t${shown(original.slice(a, b))} -> ${shown(m.replacement)}`,
    );
  }
} finally {
  writeFileSync(file, working);
  rmSync(bundle, { force: true });
}
console.log(`${chosen.length - same} of ${chosen.length} killed (documents differ)`);
