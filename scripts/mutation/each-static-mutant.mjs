// Shared by static-check.mjs and openapi-check.mjs: the static mutants of one file in a Stryker report
// or record that Stryker did not judge (see leftToCheck), or the ids in IDS=1,2 whatever their status,
// each applied in turn to the file as it was at a git revision and judged by `check`; one line printed
// a mutant; the file is put back after. `check(m)` returns { kept: true when the mutant was not caught, label }.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

/**
 * A static mutant Stryker did not judge: reported Survived although the tests may kill it
 * (stryker-js#6144), or set aside by --ignoreStatic; not one a `// Stryker disable` mark ignored (its
 * reason is the mark's text: judged already). `reason` in a record, `statusReason` in a report.
 */
const leftToCheck = (m) =>
  m.static &&
  (m.status === 'Survived' ||
    (m.status === 'Ignored' && /"ignoreStatic" was enabled/.test(m.reason ?? m.statusReason ?? '')));

export async function eachStaticMutant({ report, file, rev }, check) {
  const entry = JSON.parse(readFileSync(report, 'utf8')).files[file];
  if (!entry) throw new Error(`${report} has no mutants of ${file} (not run yet, or another module's file)`);
  const mutants = entry.mutants;
  const original = execFileSync('git', ['show', `${rev}:${file}`], { encoding: 'utf8' });
  const working = readFileSync(file, 'utf8');
  const lines = original.split('\n');
  const offset = (line, column) =>
    lines.slice(0, line - 1).reduce((n, s) => n + s.length + 1, 0) + column - 1;
  const ids = process.env.IDS?.split(',');
  const chosen = mutants.filter((m) => (ids ? ids.includes(m.id) : leftToCheck(m)));
  const shown = (text) => text.replace(/\s+/g, ' ').slice(0, 60);
  let kept = 0;
  try {
    for (const m of chosen) {
      const a = offset(m.location.start.line, m.location.start.column);
      const b = offset(m.location.end.line, m.location.end.column);
      writeFileSync(file, original.slice(0, a) + m.replacement + original.slice(b));
      const verdict = await check(m);
      if (verdict.kept) kept++;
      console.log(
        `${verdict.label}\t${m.id}\t${m.mutatorName}\t${m.location.start.line}:${m.location.start.column}\t${shown(original.slice(a, b))} -> ${shown(m.replacement)}`,
      );
    }
  } finally {
    writeFileSync(file, working);
  }
  return { tried: chosen.length, kept };
}
