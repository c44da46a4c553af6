#!/usr/bin/env node
// `npm run mutation [-- <module>… [<stryker option>…]]`: Stryker on SQLite for each named module (all when none is
// named), one after the other, then the score of each. Not in CI: it takes long.
// A module runs file by file, each file one Stryker run with its own reports, so that a run cut off
// (the machine stops, Ctrl-C) loses only the file it was on. Each file's outcome is kept, small, in
// test/mutation-results/<module>.json, which is committed: the figures, the mutants not killed (what
// static-check.mjs needs), the tests Stryker ran for the file and a stamp of what the outcome came from.
// A later run, in this clone or another, reuses every file whose stamp is unchanged, so a module of
// hours can span sessions (reports/ does not outlive a checkout), and a test added where a file's
// tests do not reach does not make the file run again. With --mutate (a part of a module), the module
// runs as one Stryker run instead.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'tinyglobby';
import { MODULES } from './modules.mjs';
import { recordPath, reportPaths } from './report-paths.mjs';

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
// --ignoreStatic: Stryker leaves static mutants (module-level code, run once at load) aside instead of
// running every related test for each; static-check.mjs then checks them by hand, one test file each.
const IGNORE_STATIC = strykerOptions.includes('--ignoreStatic');
const modules = asked.length > 0 ? MODULES.filter((m) => asked.includes(m.name)) : MODULES;

// Stryker runs the tests in a copy under .stryker-tmp, where ../shared is not beside the checkout.
const shared = process.env.ETABLERA_TEST_SHARED_DATA || resolve(root, '../shared/data');
const env = {
  ...process.env,
  ETABLERA_TEST_DIALECTS: 'sqlite',
  ...(existsSync(shared) ? { ETABLERA_TEST_SHARED_DATA: shared } : {}),
};

/** How many mutants of each status (Killed, Survived, …) a Stryker JSON report's `mutants` hold. */
function countStatuses(mutants) {
  const count = {};
  for (const m of mutants) count[m.status] = (count[m.status] ?? 0) + 1;
  return count;
}

/** Figures from counts per status, summed over files (mutation-testing-report-schema statuses). */
function score(counts) {
  const count = {};
  for (const c of counts)
    for (const [status, n] of Object.entries(c)) count[status] = (count[status] ?? 0) + n;
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

/** A file's record from its Stryker report: the counts, and the mutants not killed, without their tests. */
function recordOf(report, file, stampValue, testsRun) {
  const mutants = report.files[file]?.mutants ?? [];
  const notKilled = mutants
    .filter((m) => m.status !== 'Killed' && m.status !== 'Timeout')
    .map(({ id, mutatorName, replacement, location, status, static: isStatic, statusReason }) => ({
      id,
      mutatorName,
      replacement,
      location,
      status,
      ...(isStatic ? { static: true } : {}),
      // Why it was ignored: a mark's text, or --ignoreStatic (static-check.mjs then takes it).
      ...(status === 'Ignored' && statusReason ? { reason: statusReason.slice(0, 120) } : {}),
    }));
  return {
    stamp: stampValue,
    date: new Date().toISOString().slice(0, 16),
    checker: process.env.ETABLERA_MUTATION_CHECKER ?? 'on',
    counts: countStatuses(mutants),
    tests: testsRun,
    mutants: notKilled,
  };
}

/**
 * Writes a module's records whole or not at all (a run cut off mid-write keeps the previous file),
 * one mutant a line so that a new run's diff shows which mutants changed.
 */
function writeRecords(path, records) {
  const files = Object.entries(records.files).map(([file, { mutants, ...figures }]) => {
    const list = mutants.map((m) => `\n   ${JSON.stringify(m)}`).join(',');
    return `  ${JSON.stringify(file)}: ${JSON.stringify(figures).slice(0, -1)},"mutants":[${list}]}`;
  });
  writeFileSync(`${path}.part`, `{"files":{\n${files.join(',\n')}\n}}\n`);
  renameSync(`${path}.part`, path);
}

/**
 * Runs Stryker once for `module` (one `file` of it, or all of it), its output shown as it comes.
 * Resolves to whether it wrote a fresh report, and how many mutants it found (from its log).
 */
function stryker(module, file) {
  const report = join(root, reportPaths(module.name, file).json);
  rmSync(report, { force: true });
  const child = spawn(
    process.execPath,
    [
      join(root, 'node_modules/@stryker-mutator/core/bin/stryker.js'),
      'run',
      'stryker.config.mjs',
      ...strykerOptions,
    ],
    {
      cwd: root,
      stdio: ['inherit', 'pipe', 'inherit'],
      env: { ...env, ETABLERA_MUTATION_MODULE: module.name, ETABLERA_MUTATION_FILE: file ?? '' },
    },
  );
  let mutants;
  let early = ''; // the output until the instrumenter's count, which comes first
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (mutants !== undefined) return;
    early += chunk;
    const found = /Instrumented \d+ source file\(s\) with (\d+) mutant/.exec(early);
    if (found) mutants = Number(found[1]);
  });
  return new Promise((done, fail) => {
    child.on('error', fail);
    child.on('close', (code) => done({ ok: code === 0, reported: existsSync(report), mutants }));
  });
}

/**
 * What a file's outcome depends on: the checker setting, --ignoreStatic, its source and the contents of the tests
 * Stryker ran for it (vitest's related tests: those whose imports reach the file). Another test cannot
 * kill its mutants; a new test file that reaches it can only kill more, so the record then understates
 * until the file's entry is deleted and the file runs again.
 */
function stamp(file, testsRun, ignoreStatic = IGNORE_STATIC) {
  const hash = createHash('sha256');
  hash.update(`checker=${process.env.ETABLERA_MUTATION_CHECKER ?? 'on'}\n`);
  // Only when on, so that the records made without it keep their stamps.
  if (ignoreStatic) hash.update('ignoreStatic\n');
  for (const path of [file, ...testsRun]) {
    const full = join(root, path);
    hash.update(`${path}\n`).update(existsSync(full) ? readFileSync(full) : 'missing');
  }
  return hash.digest('hex');
}

/** Runs `module` file by file, each file unless its record's stamp is unchanged; records saved as they come. */
async function runByFile(module) {
  mkdirSync(join(root, 'reports/mutation', module.name), { recursive: true });
  const recordFile = join(root, recordPath(module.name));
  const records = existsSync(recordFile) ? JSON.parse(readFileSync(recordFile, 'utf8')) : { files: {} };
  // Files never run come first, the smallest first: a module of hours spans sessions, and a run cut
  // off should have given as many files as it could a record before it reruns files whose record is
  // only out of date.
  const run = (file) => Number(file in records.files);
  const size = (file) => (run(file) ? 0 : readFileSync(join(root, file)).length);
  const files = globSync(module.mutate, { cwd: root })
    .sort()
    .sort((a, b) => run(a) - run(b) || size(a) - size(b));
  const failed = [];
  let reused = 0;
  for (const [i, file] of files.entries()) {
    const header = `\n--- ${module.name} [${i + 1}/${files.length}] ${file}`;
    const record = records.files[file];
    // A record made without --ignoreStatic judged more than one with it would: good for either run.
    const current = (ignoreStatic) => record.stamp === stamp(file, record.tests, ignoreStatic);
    if (record?.tests && (current(IGNORE_STATIC) || current(false))) {
      console.log(`${header}: unchanged since its record (${record.date}), reused`);
      reused++;
      continue;
    }
    console.log(header);
    const json = join(root, reportPaths(module.name, file).json);
    const run = await stryker(module, file);
    // Without a test that imports it, Stryker ends without a report (allowEmpty): right for a
    // file of types only, not for one with mutants, which no test can then kill.
    if (run.ok && !run.reported && run.mutants === 0)
      writeFileSync(json, JSON.stringify({ files: { [file]: { mutants: [] } }, testFiles: {} }));
    else if (!(run.ok && run.reported)) {
      failed.push(
        run.ok && run.mutants > 0 ? `${file} (${run.mutants} mutants, no module test imports it)` : file,
      );
      continue;
    }
    const report = JSON.parse(readFileSync(json, 'utf8'));
    const testsRun = Object.keys(report.testFiles ?? {}).sort();
    records.files[file] = recordOf(report, file, stamp(file, testsRun), testsRun);
    writeRecords(recordFile, records);
  }
  if (failed.length > 0) return { failed: `stryker failed on ${failed.join(', ')}` };
  // Files no longer under mutation (renamed, deleted) leave the record.
  const kept = Object.fromEntries(files.filter((f) => records.files[f]).map((f) => [f, records.files[f]]));
  if (Object.keys(kept).length !== Object.keys(records.files).length)
    writeRecords(recordFile, { files: kept });
  return { files: files.length, reused, counts: Object.values(kept).map((r) => r.counts) };
}

const rows = [];
for (const module of modules) {
  console.log(
    `\n=== Mutation testing: ${module.name} (${module.mutate.filter((p) => !p.startsWith('!')).join(', ')}) ===\n`,
  );
  const started = Date.now();
  const whole = strykerOptions.some((o) => o === '-m' || o.startsWith('--mutate'));
  const outcome = whole
    ? await stryker(module).then((run) => (run.ok && run.reported ? {} : { failed: 'stryker failed' }))
    : await runByFile(module);
  if (outcome.failed) {
    rows.push({ module: module.name, failed: outcome.failed });
    continue;
  }
  const counts = whole
    ? Object.values(JSON.parse(readFileSync(join(root, reportPaths(module.name).json), 'utf8')).files).map(
        (f) => countStatuses(f.mutants),
      )
    : outcome.counts;
  rows.push({
    module: module.name,
    threshold: module.threshold,
    minutes: (Date.now() - started) / 60_000,
    ...(whole ? {} : { reused: `${outcome.reused}/${outcome.files}` }),
    ...score(counts),
  });
}

console.log(
  '\nmodule        killed  survived  no cov.  ignored  invalid   score  target  minutes  files reused',
);
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
  const target = `${r.threshold} %`.padStart(6);
  const after = `${r.minutes.toFixed(0).padStart(7)}  ${(r.reused ?? '—').padStart(12)}`;
  console.log(
    `${r.module.padEnd(12)}  ${cells.join('  ')}  ${pct}  ${target}  ${after}${ok ? '' : '  BELOW'}`,
  );
}
console.log(
  `\nReports: reports/mutation/<module>/<file>.html (files run here); each file's figures and mutants not killed: ${recordPath('<module>')} (${new Date().toISOString().slice(0, 10)})`,
);
process.exit(below ? 1 : 0);
