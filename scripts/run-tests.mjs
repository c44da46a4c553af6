#!/usr/bin/env node
// Runs the test suite on SQLite and, when a PostgreSQL server answers, on PostgreSQL too.
// Without PostgreSQL the suite still runs on SQLite and says loudly what was skipped; in CI
// (CI=true) a missing PostgreSQL is a failure, because nothing may be skipped there.
import { spawnSync } from 'node:child_process';
import pg from 'pg';

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
    const bar = '!'.repeat(78);
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

console.log(`Testing on: ${env.ETABLERA_TEST_DIALECTS}`);
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
process.exit(result.status ?? 1);
