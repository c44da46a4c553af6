#!/usr/bin/env node
// `node scripts/mutation/static-check.mjs <report.json> <file> <git revision> <test file>`: applies each
// static mutant that a Stryker report calls Survived to <file> as it was at <revision>, runs <test file>
// (without the global setup) and prints killed or SURVIVED per mutant; the file is put back after.
// Why: Stryker 9.6.1 activates a static mutant (a module-level constant: a regex, a Set, the CSP) only
// after the module has loaded when test files are named (stryker-js#6144), so such mutants are
// reported Survived whatever the tests do. IDS=1,2 checks those mutant ids instead (any status).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [report, file, rev, test] = process.argv.slice(2);
if (!test) {
  console.error('usage: static-check.mjs <report.json> <file> <git revision> <test file>');
  process.exit(2);
}
const mutants = JSON.parse(readFileSync(report, 'utf8')).files[file].mutants;
const original = execFileSync('git', ['show', `${rev}:${file}`], { encoding: 'utf8' });
const working = readFileSync(file, 'utf8');
const lines = original.split('\n');
const offset = (line, column) => lines.slice(0, line - 1).reduce((n, s) => n + s.length + 1, 0) + column - 1;
const ids = process.env.IDS?.split(',');
const chosen = mutants.filter((m) => (ids ? ids.includes(m.id) : m.status === 'Survived' && m.static));
let survived = 0;
try {
  for (const m of chosen) {
    const a = offset(m.location.start.line, m.location.start.column);
    const b = offset(m.location.end.line, m.location.end.column);
    writeFileSync(file, original.slice(0, a) + m.replacement + original.slice(b));
    const run = spawnSync('npx', ['vitest', 'run', '--config', 'scripts/mutation/vitest.config.ts', test], {
      encoding: 'utf8',
      env: { ...process.env, ETABLERA_TEST_SHARED_DATA: '/nonexistent' },
    });
    if (run.status === 0) survived++;
    const shown = (text) => text.replace(/\s+/g, ' ').slice(0, 60);
    console.log(
      `${run.status === 0 ? 'SURVIVED' : 'killed'}\t${m.id}\t${m.mutatorName}\t${m.location.start.line}:${m.location.start.column}\t${shown(original.slice(a, b))} -> ${shown(m.replacement)}`,
    );
  }
} finally {
  writeFileSync(file, working);
}
console.log(`${chosen.length - survived} of ${chosen.length} killed`);
