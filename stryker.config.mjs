// Stryker (mutation testing) for one module of scripts/mutation/modules.mjs; run it through
// `npm run mutation`, which picks the module, SQLite and the shared data path (see TESTING.md).
import { MODULES } from './scripts/mutation/modules.mjs';
import { reportPaths } from './scripts/mutation/report-paths.mjs';

const name = process.env.ETABLERA_MUTATION_MODULE;
const module = MODULES.find((m) => m.name === name);
if (!module) throw new Error(`ETABLERA_MUTATION_MODULE must be one of ${MODULES.map((m) => m.name).join(', ')}`);
// Set by scripts/mutation/run.mjs when it runs the module file by file.
const file = process.env.ETABLERA_MUTATION_FILE || undefined;
const paths = reportPaths(name, file);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: {
    configFile: module.realData ? 'vitest.config.ts' : 'scripts/mutation/vitest.config.ts',
    related: true,
  },
  // Mutants that do not type-check are set aside instead of run; ETABLERA_MUTATION_CHECKER=off skips
  // that step (much faster on a busy machine; such mutants then run and mostly count as killed).
  checkers: process.env.ETABLERA_MUTATION_CHECKER === 'off' ? [] : ['typescript'],
  tsconfigFile: 'tsconfig.json',
  mutate: file ? [file] : module.mutate,
  testFiles: module.tests,
  coverageAnalysis: 'perTest',
  // A file that no module test imports (or that holds only types) is then reported, its mutants
  // as not covered, instead of Stryker stopping with "No tests were executed".
  allowEmpty: true,
  // The machine is shared; each worker also holds a vitest instance and a TypeScript checker.
  concurrency: Number(process.env.ETABLERA_MUTATION_CONCURRENCY ?? 1),
  reporters: ['progress', 'clear-text', 'html', 'json'],
  clearTextReporter: { allowEmojis: false, logTests: false, maxTestsToLog: 0 },
  htmlReporter: { fileName: paths.html },
  jsonReporter: { fileName: paths.json },
  // A rerun tests only mutants whose code or covering tests changed since the last run.
  incremental: true,
  incrementalFile: paths.incremental,
  // With realData, the sandbox gets its own real-data store (.tmp is the checkout's).
  // Anchored with '/' where a source folder has the same name (src/domain/plan/reports, src/**/data).
  ignorePatterns: ['/.tmp', '/reports', '/coverage', '/test-results', '/screenshots', '/data', '*.db*'],
  thresholds: { high: module.threshold, low: module.threshold - 10, break: null },
  timeoutMS: 30_000,
  dryRunTimeoutMinutes: 60,
  cleanTempDir: 'always',
};
