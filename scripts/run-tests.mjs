#!/usr/bin/env node
// Runs the test suite on SQLite and, when a PostgreSQL server answers, on PostgreSQL too; on the
// committed fixture always and on the full data in ../shared/data when it is beside the checkout.
// Without PostgreSQL or ../shared/data the suite still runs and says loudly what was skipped; in CI
// (CI=true) either is a failure, because nothing may be skipped there.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import pg from 'pg';

const root = resolve(import.meta.dirname, '..');
const sharedData = resolve(root, '../shared/data');
const bar = '!'.repeat(78);

const url = process.env.TEST_DATABASE_URL || 'postgres://etablera:etablera@localhost:5432/etablera_test';
const env = { ...process.env, TEST_DATABASE_URL: url };

async function postgresAnswers() {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

if (!env.ETABLERA_TEST_DIALECTS) {
  const answer = await postgresAnswers();
  if (answer === true) {
    env.ETABLERA_TEST_DIALECTS = 'sqlite,postgres';
  } else if (process.env.CI) {
    console.error(`\nCI: PostgreSQL at ${url.replace(/:[^:@/]+@/, ':***@')} does not answer (${answer}).`);
    console.error('CI must run every store test on both backends; failing instead of skipping.\n');
    process.exit(1);
  } else {
    env.ETABLERA_TEST_DIALECTS = 'sqlite';
    console.warn(
      `\n${bar}\n!! PostgreSQL half SKIPPED: ${url.replace(/:[^:@/]+@/, ':***@')} does not answer (${answer}).`,
    );
    console.warn(
      '!! Only SQLite is tested. To test PostgreSQL too, start it and create the role and database:',
    );
    console.warn(
      '!!   su postgres -c "psql -c \\"CREATE ROLE etablera LOGIN SUPERUSER PASSWORD \'etablera\'\\""',
    );
    console.warn('!!   su postgres -c "psql -c \'CREATE DATABASE etablera_test OWNER etablera\'"');
    console.warn(`!! or set TEST_DATABASE_URL to a database you own, then run npm test again.\n${bar}\n`);
  }
}

/** Test files with suites that need ../shared/data (they call describeFullData or itFullData). */
function fullDataFiles() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory()
        ? e.name === 'node_modules'
          ? []
          : walk(join(dir, e.name))
        : /\.test\.tsx?$/.test(e.name)
          ? [join(dir, e.name)]
          : [],
    );
  return [...walk(join(root, 'src')), ...walk(join(root, 'test'))]
    .filter((f) => /\b(describeFullData|itFullData)\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(root, f));
}

const hasFullData = existsSync(sharedData);
function warnFullDataSkipped() {
  console.warn(`\n${bar}\n!! Full-data suites SKIPPED: ${sharedData} is not there (a fresh clone).`);
  console.warn('!! Everything else ran on the committed fixture (test/fixture/kolada). Skipped, in:');
  for (const f of fullDataFiles()) console.warn(`!!   ${f}`);
  console.warn(`!! To run them, put the shared data at ../shared/data beside the checkout.\n${bar}\n`);
}
if (!hasFullData) {
  if (process.env.CI) {
    console.error(
      `\nCI: the full test data ${sharedData} is missing; CI runs every suite, failing instead.\n`,
    );
    process.exit(1);
  }
  warnFullDataSkipped();
}

console.log(`Testing on: ${env.ETABLERA_TEST_DIALECTS}; data: fixture${hasFullData ? ' and full' : ' only'}`);
const result = spawnSync(
  process.execPath,
  ['node_modules/vitest/vitest.mjs', 'run', ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    env,
  },
);
if (env.ETABLERA_TEST_DIALECTS === 'sqlite' && !process.env.CI) {
  console.warn('\n!! Reminder: the PostgreSQL half of the suite was SKIPPED (see above).\n');
}
if (!hasFullData) warnFullDataSkipped();
process.exit(result.status ?? 1);
