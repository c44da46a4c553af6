#!/usr/bin/env node
// `npm run mutation [-- <module>… [<stryker option>…]]`: Stryker on SQLite for each named module (all when none is
// named), one after the other, then the score of each. Not in CI: it takes long.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MODULES } from './modules.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// Module names, then options passed on to Stryker, e.g. `analysis --mutate src/domain/analysis/ols.ts`.
const args = process.argv.slice(2);
const firstOption = args.findIndex((a) => a.startsWith('-'));
const asked = firstOption < 0 ? args : args.slice(0, firstOption);
const strykerOptions = firstOption < 0 ? [] : args.slice(firstOption);
const unknown = asked.filter((a) => !MODULES.some((m) => m.name === a));
if (unknown.length > 0) {
  console.error(
    `Unknown module(s): ${unknown.join(', ')}. Modules: ${MODULES.map((m) => m.name).join(', ')}`,
  );
  process.exit(2);
}
const modules = asked.length > 0 ? MODULES.filter((m) => asked.includes(m.name)) : MODULES;

// Stryker runs the tests in a copy under .stryker-tmp, where ../shared is not beside the checkout.
const shared = process.env.ETABLERA_TEST_SHARED_DATA || resolve(root, '../shared/data');
const env = {
  ...process.env,
  ETABLERA_TEST_DIALECTS: 'sqlite',
  ...(existsSync(shared) ? { ETABLERA_TEST_SHARED_DATA: shared } : {}),
};

/** Figures from a Stryker JSON report (mutation-testing-report-schema). */
function score(report) {
  const count = {};
  for (const file of Object.values(report.files))
    for (const m of file.mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  const killed = (count.Killed ?? 0) + (count.Timeout ?? 0);
  const survived = count.Survived ?? 0;
  const noCoverage = count.NoCoverage ?? 0;
  const valid = killed + survived + noCoverage;
  return {
    killed,
    survived,
    noCoverage,
    ignored: count.Ignored ?? 0,
    invalid: (count.CompileError ?? 0) + (count.RuntimeError ?? 0),
    score: valid === 0 ? null : (100 * killed) / valid,
  };
}

const rows = [];
for (const module of modules) {
  console.log(
    `\n=== Mutation testing: ${module.name} (${module.mutate.filter((p) => !p.startsWith('!')).join(', ')}) ===\n`,
  );
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'),
      'run',
      'stryker.config.mjs',
      ...strykerOptions,
    ],
    { cwd: root, stdio: 'inherit', env: { ...env, ETABLERA_MUTATION_MODULE: module.name } },
  );
  const reportFile = join(root, `reports/mutation/${module.name}.json`);
  if (run.status !== 0 || !existsSync(reportFile)) {
    rows.push({ module: module.name, failed: `stryker exited ${run.status ?? run.signal}` });
    continue;
  }
  rows.push({
    module: module.name,
    threshold: module.threshold,
    ...score(JSON.parse(readFileSync(reportFile, 'utf8'))),
  });
}

console.log('\nmodule        killed  survived  no cov.  ignored  invalid   score  target');
let below = false;
for (const r of rows) {
  if (r.failed) {
    below = true;
    console.log(`${r.module.padEnd(12)}  ${r.failed}`);
    continue;
  }
  const ok = r.score !== null && r.score >= r.threshold;
  below ||= !ok;
  const cells = [r.killed, r.survived, r.noCoverage, r.ignored, r.invalid].map((n) => String(n).padStart(7));
  const pct = r.score === null ? '    n/a' : `${r.score.toFixed(1).padStart(6)} %`;
  console.log(`${r.module.padEnd(12)}  ${cells.join('  ')}  ${pct}  ${r.threshold} %${ok ? '' : '  BELOW'}`);
}
console.log(`\nReports: reports/mutation/<module>.html (${new Date().toISOString().slice(0, 10)})`);
process.exit(below ? 1 : 0);
