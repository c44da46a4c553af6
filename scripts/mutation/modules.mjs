// The modules under mutation testing (TESTING.md): the code to mutate and the tests that must catch
// its bugs. Each is run and scored on its own (`npm run mutation -- <name>`). A new critical module
// (e.g. the authorisation and personal-data code under its own folder) is one more entry here, with
// `threshold: 90`; `mutate` globs are relative to the repository root, and `tests` should be the
// focused tests of the module (each mutant runs only the tests that cover it, but all of these run once).
// `realData: true` when a test reads the real-data store: the sandbox then loads it first (minutes).

const notTests = ['!**/*.test.ts', '!**/*.test.tsx'];
const ACCOUNT_REPOSITORIES =
  'src/store/repositories/{accounts,api-token,audit,session,sign-in-throttle}.repository.ts';

/** @type {{ name: string; mutate: string[]; tests: string[]; threshold: number; realData?: boolean }[]} */
export const MODULES = [
  {
    name: 'kolada-api',
    mutate: ['src/http/kolada-api/**/*.ts', ...notTests],
    // Every test beside the code: the unit tests of the error handler and the plugin, and the OpenAPI
    // snapshot that holds the schemas, kill what the in-process API tests cannot.
    tests: ['src/http/kolada-api/*.test.ts'],
    threshold: 80,
  },
  {
    name: 'security',
    mutate: ['src/http/security/**/*.ts', ...notTests],
    tests: [
      'src/http/security/security.test.ts',
      'test/reliability/security.test.ts',
      'src/http/cache/response-cache.test.ts',
    ],
    threshold: 80,
  },
  {
    name: 'store',
    mutate: [
      'src/store/repositories/**/*.ts',
      'src/store/bulk/**/*.ts',
      'src/store/sync-lock.ts',
      `!${ACCOUNT_REPOSITORIES}`,
      ...notTests,
    ],
    tests: [
      'src/store/store.test.ts',
      'src/store/repositories/*.test.ts',
      'src/store/bulk/*.test.ts',
      // Plan's, dialogue's, the taxonomy's and the analyses' repositories are tested through their services.
      'src/domain/plan/*.test.ts',
      'src/http/api/plan/plan-api.test.ts',
      'src/domain/dialogue/*.test.ts',
      'src/http/api/dialogue/dialogue-api.test.ts',
      'src/domain/process/taxonomy/*.test.ts',
      'src/http/api/taxonomy/taxonomy-api.test.ts',
      'src/domain/analysis/*.test.ts',
      'src/import/import.test.ts',
      'src/store/sync-lock.test.ts',
      'src/http/kolada-api/kolada-api.test.ts',
    ],
    threshold: 80,
    // Plan's follow-up and API tests import a plan whose indicators are real Kolada KPIs.
    realData: true,
  },
  {
    name: 'sync',
    mutate: [
      'src/kolada/**/*.ts',
      'src/store/backends/sqlite/sync-lock.ts',
      'src/store/sync-lock.ts',
      ...notTests,
    ],
    tests: [
      'src/kolada/value-diff.test.ts',
      'src/kolada/kolada-client.test.ts',
      'src/kolada/data-items.test.ts',
      'src/kolada/sync-progress.test.ts',
      'src/kolada/ids.test.ts',
      'src/kolada/sync.service.unit.test.ts',
      'src/store/sync-lock.test.ts',
      'src/store/backends/sqlite/sync-lock.test.ts',
      'src/kolada/sync.service.test.ts',
    ],
    threshold: 80,
    realData: true,
  },
  {
    name: 'import',
    mutate: ['src/import/**/*.ts', ...notTests],
    tests: [
      'src/import/item-parsers.test.ts',
      'src/import/import-error.test.ts',
      'src/import/item-source.test.ts',
      'src/import/import.service.test.ts',
      'src/import/import.test.ts',
      'test/reliability/hostile-input.test.ts',
    ],
    threshold: 80,
  },
  {
    // Authorisation (roles, the seam, sessions, tokens) and personal data (accounts, audit log).
    name: 'accounts',
    mutate: [
      'src/accounts/**/*.ts',
      'src/http/auth/auth.ts',
      'src/http/auth/public-routes.ts',
      ACCOUNT_REPOSITORIES,
      ...notTests,
    ],
    tests: [
      'src/accounts/*.test.ts',
      'src/http/auth/*.test.ts',
      'src/store/repositories/{accounts,api-token,audit,session,sign-in-throttle}.repository.test.ts',
    ],
    threshold: 90,
  },
  {
    // Statistics and analyses, and the comparator's compact values with their ranks and means.
    name: 'analysis',
    mutate: [
      'src/domain/analysis/**/*.ts',
      'src/domain/statistics/**/*.ts',
      'src/domain/comparison/year-values.ts',
      ...notTests,
    ],
    tests: [
      'src/domain/analysis/*.test.ts',
      'src/domain/statistics/*.test.ts',
      'src/domain/comparison/year-values.test.ts',
    ],
    threshold: 80,
  },
  {
    // Process's personal data: people, access by need, encryption, rotation, erasure, export.
    name: 'process',
    mutate: [
      'src/domain/process/people/**/*.ts',
      'src/domain/process/privacy/**/*.ts',
      'src/http/api/process/**/*.ts',
      ...notTests,
    ],
    tests: [
      'src/domain/process/people/*.test.ts',
      'src/domain/process/privacy/*.test.ts',
      'src/http/api/process/*.test.ts',
    ],
    threshold: 90,
  },
  {
    // Plan's authorisation: a reporter's scope (the seam's organisation check is in `accounts`).
    name: 'plan-auth',
    mutate: ['src/domain/plan/report-scope.ts', ...notTests],
    tests: ['src/domain/plan/report-scope.test.ts', 'src/http/ui/plan/plan-pages.test.ts'],
    threshold: 90,
  },
];
