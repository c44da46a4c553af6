import type { Migration } from 'kysely';
import type { Dialect } from '../database.js';
import { initialMigration } from './0001-initial.js';
import { kpiStatisticsMigration } from './0002-kpi-statistics.js';
import { syncStateMigration } from './0003-sync-state.js';
import { ouSyncStateMigration } from './0011-ou-sync-state.js';
import { accountsMigration } from './0020-accounts.js';
import { totpReplayMigration } from './0021-totp-replay.js';
import { taxonomyMigration } from './0030-taxonomy.js';
import { planMigration } from './0040-plan.js';
import { planReporterMigration } from './0041-plan-reporter.js';
import { processPeopleMigration } from './0050-process-people.js';
import { processInformationMigration } from './0051-process-information.js';
import { mailMigration } from './0060-mail.js';
import { planReportMigration } from './0080-plan-report.js';
import { dialogueMigration } from './0090-dialogue.js';
import { taxonomyLabelReviewMigration } from './0100-taxonomy-label-review.js';

import { inventoryMigration } from './0110-inventory.js';

import { matchingMigration } from './0120-matching.js';
import { individualPlanMigration } from './0140-individual-plan.js';
import { incentiveLadderMigration } from './0141-incentive-ladder.js';
import { caseloadReminderMigration } from './0150-caseload-reminder.js';
import { ownKpisMigration } from './0160-own-kpis.js';
import { retentionPseudonymiseMigration } from './0170-retention-pseudonymise.js';
import { groupMemberByMunicipalityMigration } from './0180-group-member-by-municipality.js';
import { dataVersionNotifyMigration } from './0190-data-version-notify.js';

/**
 * Migrations renamed after a release: old name → new name. Kysely knows a migration by its name, so a
 * store that ran one under its old name gets the record renamed before migrating (see `migrate`).
 */
export const RENAMED_MIGRATIONS: Readonly<Record<string, string>> = {
  // Two migrations were both numbered 0002; the later one became 0003.
  '0002-sync-state': '0003-sync-state',
};

/**
 * All migrations in order. Names sort lexically; add new ones with the next number.
 *
 * Migrations take the dialect's name rather than the store's backend (backends/): a migration is one
 * schema change, read and reviewed as one file with its few per-database column types side by side,
 * and it must stay frozen as released, while a backend's code may change. So the schema differences
 * stay here and the run-time differences behind `StoreBackend`.
 */
export function migrationsFor(dialect: Dialect): Record<string, Migration> {
  return {
    '0001-initial': initialMigration(dialect),
    '0002-kpi-statistics': kpiStatisticsMigration(dialect),
    '0003-sync-state': syncStateMigration(dialect),
    '0011-ou-sync-state': ouSyncStateMigration(),
    '0020-accounts': accountsMigration(dialect),
    '0021-totp-replay': totpReplayMigration(),
    '0030-taxonomy': taxonomyMigration(dialect),
    '0040-plan': planMigration(dialect),
    '0041-plan-reporter': planReporterMigration(),
    '0050-process-people': processPeopleMigration(dialect),
    '0051-process-information': processInformationMigration(),
    '0060-mail': mailMigration(dialect),
    '0080-plan-report': planReportMigration(dialect),
    '0090-dialogue': dialogueMigration(dialect),
    '0100-taxonomy-label-review': taxonomyLabelReviewMigration(),
    '0110-inventory': inventoryMigration(),
    '0120-matching': matchingMigration(dialect),
    '0140-individual-plan': individualPlanMigration(dialect),
    '0141-incentive-ladder': incentiveLadderMigration(dialect),
    '0150-caseload-reminder': caseloadReminderMigration(),
    '0160-own-kpis': ownKpisMigration(),
    '0170-retention-pseudonymise': retentionPseudonymiseMigration(),
    '0180-group-member-by-municipality': groupMemberByMunicipalityMigration(),
    '0190-data-version-notify': dataVersionNotifyMigration(dialect),
  };
}
