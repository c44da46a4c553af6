/**
 * The one place repositories are made. A service gets a `Repositories` (the store opens one:
 * `store.repositories`) and takes the repository it needs from it; for a transaction,
 * `repositories.transaction(work)` (or `.in(trx)` for a transaction begun elsewhere) gives the same
 * bundle over that transaction. Nothing else calls `new …Repository(` (tests may, to reach one table).
 *
 * Every repository takes the connection it runs on (`Db`: the pool or a transaction); the two whose
 * SQL differs between the databases also take the store's `SqlFlavour` (backends/backend.ts).
 */
import type { Kysely, Transaction } from 'kysely';
import type { Db, SqlFlavour } from '../backends/backend.js';
import type { DataVersionSignal } from '../data-version-signal.js';
import type { Database } from '../schema.js';
import { AccountsRepository } from './accounts.repository.js';
import { AnalysisRepository } from './analysis.repository.js';
import { ApiTokenRepository } from './api-token.repository.js';
import { AuditRepository } from './audit.repository.js';
import { ComparisonRepository } from './comparison.repository.js';
import { DialogueRepository } from './dialogue.repository.js';
import { ImportLogRepository } from './import-log.repository.js';
import { IndividualPlanRepository } from './individual-plan.repository.js';
import { MailOutboxRepository } from './mail-outbox.repository.js';
import { MetadataRepository } from './metadata.repository.js';
import { OutcomeRepository } from './outcome.repository.js';
import { PeopleRepository } from './people.repository.js';
import { PlanRepository } from './plan.repository.js';
import { ReportRepository } from './report.repository.js';
import { SealedValuesRepository } from './sealed-values.repository.js';
import { SessionRepository } from './session.repository.js';
import { SignInThrottleRepository } from './sign-in-throttle.repository.js';
import { StatisticsRepository } from './statistics.repository.js';
import { StoreMetaRepository } from './store-meta.repository.js';
import { SyncStateRepository } from './sync-state.repository.js';
import { TaxonomyRepository } from './taxonomy.repository.js';
import { ValueRepository } from './value.repository.js';

export interface Repositories {
  /** The connection these repositories run on: the store's pool or one transaction. */
  readonly db: Db;
  readonly accounts: AccountsRepository;
  readonly analysis: AnalysisRepository;
  readonly apiTokens: ApiTokenRepository;
  readonly audit: AuditRepository;
  readonly comparison: ComparisonRepository;
  readonly dialogues: DialogueRepository;
  readonly importLog: ImportLogRepository;
  readonly individualPlans: IndividualPlanRepository;
  readonly mailOutbox: MailOutboxRepository;
  readonly metadata: MetadataRepository;
  readonly outcomes: OutcomeRepository;
  readonly people: PeopleRepository;
  readonly plans: PlanRepository;
  readonly reports: ReportRepository;
  readonly sealedValues: SealedValuesRepository;
  readonly sessions: SessionRepository;
  readonly signInThrottle: SignInThrottleRepository;
  readonly statistics: StatisticsRepository;
  readonly storeMeta: StoreMetaRepository;
  readonly syncState: SyncStateRepository;
  readonly taxonomy: TaxonomyRepository;
  readonly values: ValueRepository;
  /** The same repositories over a transaction begun elsewhere. */
  in(trx: Transaction<Database>): Repositories;
  /** Runs `work` in one transaction, with the repositories over it (all or nothing). */
  transaction<T>(work: (repositories: Repositories, trx: Transaction<Database>) => Promise<T>): Promise<T>;
}

/**
 * The repositories over `db` (a store's pool or one of its transactions). `dataVersion`, the store's
 * signal (PostgreSQL), lets the pool's data version be kept between changes; never a transaction's,
 * which must see its own writes.
 */
export function repositoriesOf(db: Db, flavour: SqlFlavour, dataVersion?: DataVersionSignal): Repositories {
  // Some repositories start transactions of their own; over a transaction they are only read or written.
  const pool = db as Kysely<Database>;
  return {
    db,
    accounts: new AccountsRepository(db),
    analysis: new AnalysisRepository(pool),
    apiTokens: new ApiTokenRepository(pool),
    audit: new AuditRepository(db),
    comparison: new ComparisonRepository(pool),
    dialogues: new DialogueRepository(db, flavour),
    importLog: new ImportLogRepository(pool),
    individualPlans: new IndividualPlanRepository(db),
    mailOutbox: new MailOutboxRepository(db, flavour),
    metadata: new MetadataRepository(db, flavour),
    outcomes: new OutcomeRepository(db),
    people: new PeopleRepository(db),
    plans: new PlanRepository(db),
    reports: new ReportRepository(db),
    sealedValues: new SealedValuesRepository(db),
    sessions: new SessionRepository(pool),
    signInThrottle: new SignInThrottleRepository(pool),
    statistics: new StatisticsRepository(pool),
    storeMeta: new StoreMetaRepository(pool, dataVersion),
    syncState: new SyncStateRepository(pool),
    taxonomy: new TaxonomyRepository(pool),
    values: new ValueRepository(pool),
    in: (trx) => repositoriesOf(trx, flavour),
    transaction: (work) => pool.transaction().execute((trx) => work(repositoriesOf(trx, flavour), trx)),
  };
}
