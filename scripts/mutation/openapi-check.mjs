#!/usr/bin/env node
import { spawnSync } from 'node:child_process';
// `node scripts/mutation/openapi-check.mjs <report.json> <file> <git revision>`: applies each static
// mutant of <file> (a Kolada API schema or route table, as it was at <revision>) and checks whether the
// /v3 and /v2 OpenAPI documents of the Kolada API on a bare app still equal the committed snapshots:
// the assertion of plugin.test.ts's "documents /vX exactly as the committed OpenAPI snapshot", without
// vitest (a few seconds a mutant instead of a minute on the busy machine). Prints killed or SAME DOC;
// a mutant with the same documents may still be killed by another test (static-check.mjs runs them).
// Static mutants only, as Stryker reports them (Survived, or Ignored with --ignoreStatic); IDS=1,2 for
// chosen ones (any status). The file is put back after.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { eachStaticMutant } from './each-static-mutant.mjs';

const [report, file, rev] = process.argv.slice(2);
if (!rev) {
  console.error('usage: openapi-check.mjs <report.json> <file> <git revision>');
  process.exit(2);
}

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

async function sameDocuments() {
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
  } catch {
    return { kept: false, label: 'killed (does not build)' }; // the test file would not load either
  }
  const run = spawnSync(process.execPath, [bundle], { encoding: 'utf8' });
  if (process.env.DEBUG) console.log(run.stdout, run.stderr);
  if (run.status === 0) return { kept: true, label: 'SAME DOC' };
  return { kept: false, label: run.stdout.includes('documents differ') ? 'killed' : 'killed (app fails)' };
}

try {
  const { tried, kept } = await eachStaticMutant({ report, file, rev }, sameDocuments);
  console.log(`${tried - kept} of ${tried} killed (documents differ)`);
} finally {
  rmSync(bundle, { force: true });
}
