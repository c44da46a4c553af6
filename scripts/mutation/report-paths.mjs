// Where Stryker's reports go: a module run whole (a part of it chosen with --mutate) writes
// reports/mutation/<module>.*; a module run file by file (the default) writes one set of reports per
// file under reports/mutation/<module>/, and the runner keeps each file's outcome in a committed record.

/** @param {string} module @param {string} [file] a file under mutation, relative to the root */
export function reportPaths(module, file) {
  const base = file
    ? `reports/mutation/${module}/${file.replaceAll('/', '__')}`
    : `reports/mutation/${module}`;
  return {
    html: `${base}.html`,
    json: `${base}.json`,
    incremental: `${base}.incremental.json`,
  };
}

/** The committed record of a module's files (figures, mutants not killed, stamps): see run.mjs. */
export const recordPath = (module) => `test/mutation-results/${module}.json`;
