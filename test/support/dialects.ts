/**
 * Which backends the store tests run against (ETABLERA_TEST_DIALECTS, set by scripts/run-tests.mjs).
 * Every store test loops: `for (const dialect of DIALECTS) describe(dialect, …)`.
 */
import type { Dialect } from '../../src/store/database.js';

export const DIALECTS: Dialect[] = (process.env.ETABLERA_TEST_DIALECTS ?? 'sqlite')
  .split(',')
  .map((d) => d.trim())
  .filter((d): d is Dialect => d === 'sqlite' || d === 'postgres');

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://etablera:etablera@localhost:5432/etablera_test';

/** The URL of another database on the same server as the test database. */
export function databaseUrl(name: string): string {
  const url = new URL(TEST_DATABASE_URL);
  url.pathname = `/${name}`;
  return url.toString();
}
