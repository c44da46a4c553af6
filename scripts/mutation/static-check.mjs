#!/usr/bin/env node
// `node scripts/mutation/static-check.mjs <report.json> <file> <git revision> <test file> [<test name>]`: applies each
// static mutant that a Stryker report or record calls Survived, or Ignored under --ignoreStatic, to
// <file> as it was at <revision>, runs <test file> (without the global setup) and prints killed or
// SURVIVED per mutant; the file is put back after. A test name (vitest's -t pattern) runs only the
// tests of the file whose names match it: one test that builds a whole app instead of all of them.
// Why: Stryker 9.6.1 activates a static mutant (a module-level constant: a regex, a Set, the CSP) only
// after the module has loaded when test files are named (stryker-js#6144), so such mutants are
// reported Survived whatever the tests do; and each one it runs takes every related test, so a module
// with many is run with --ignoreStatic and they are checked here, one test file each. IDS=1,2 checks
// those mutant ids instead (any status).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eachStaticMutant } from './each-static-mutant.mjs';

const [report, file, rev, test, testName] = process.argv.slice(2);
if (!test) {
  console.error('usage: static-check.mjs <report.json> <file> <git revision> <test file> [<test name>]');
  process.exit(2);
}
const only = testName ? ['-t', testName] : [];
const jsonFile = join(tmpdir(), `static-check-${process.pid}.json`);
/** Runs the test: how many of its tests passed and failed (vitest's JSON report on stdout). */
const outcome = () => {
  rmSync(jsonFile, { force: true });
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      'scripts/mutation/vitest.config.ts',
      '--reporter=json',
      `--outputFile=${jsonFile}`,
      test,
      ...only,
    ],
    { encoding: 'utf8', env: { ...process.env, ETABLERA_TEST_SHARED_DATA: '/nonexistent' } },
  );
  const report = existsSync(jsonFile) ? JSON.parse(readFileSync(jsonFile, 'utf8')) : {};
  return { ok: run.status === 0, passed: report.numPassedTests ?? 0 };
};
// Unmutated, the test must pass (or every mutant would count as killed) and must have run (a name that
// matches no test skips them all, and vitest passes: every mutant would count as survived).
const baseline = outcome();
if (!baseline.ok || baseline.passed === 0) {
  console.error(
    `${test}${testName ? ` -t "${testName}"` : ''} ${baseline.ok ? 'runs no test' : 'fails'} on the unmutated ${file}: nothing to judge by`,
  );
  process.exit(1);
}
const { tried, kept } = await eachStaticMutant({ report, file, rev }, () => {
  const survived = outcome().ok;
  return { kept: survived, label: survived ? 'SURVIVED' : 'killed' };
});
console.log(`${tried - kept} of ${tried} killed`);
