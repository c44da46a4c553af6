#!/usr/bin/env node
// `node scripts/mutation/static-check.mjs <report.json> <file> <git revision> <test file>`: applies each
// static mutant that a Stryker report or record calls Survived, or Ignored under --ignoreStatic, to
// <file> as it was at <revision>, runs <test file> (without the global setup) and prints killed or
// SURVIVED per mutant; the file is put back after.
// Why: Stryker 9.6.1 activates a static mutant (a module-level constant: a regex, a Set, the CSP) only
// after the module has loaded when test files are named (stryker-js#6144), so such mutants are
// reported Survived whatever the tests do; and each one it runs takes every related test, so a module
// with many is run with --ignoreStatic and they are checked here, one test file each. IDS=1,2 checks
// those mutant ids instead (any status).
import { spawnSync } from 'node:child_process';
import { eachStaticMutant } from './each-static-mutant.mjs';

const [report, file, rev, test] = process.argv.slice(2);
if (!test) {
  console.error('usage: static-check.mjs <report.json> <file> <git revision> <test file>');
  process.exit(2);
}
const { tried, kept } = await eachStaticMutant({ report, file, rev }, () => {
  const run = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/mutation/vitest.config.ts', test], {
    encoding: 'utf8',
    env: { ...process.env, ETABLERA_TEST_SHARED_DATA: '/nonexistent' },
  });
  return { kept: run.status === 0, label: run.status === 0 ? 'SURVIVED' : 'killed' };
});
console.log(`${tried - kept} of ${tried} killed`);
