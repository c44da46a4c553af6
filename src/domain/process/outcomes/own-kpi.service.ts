/**
 * Outcomes → own KPIs. `recompute` derives each person's pseudonymised outcome events from the Process
 * tables (the plan is opened with the data key), replaces that person's events, then aggregates every
 * event of the organisation — including those of people erased since, whose events no longer link to
 * anyone — into the own KPIs' cells (own-kpi-aggregation.ts) and writes what changed into the KPI
 * store with origin 'local'. Each run is logged in `import_log` (kind `own-kpi`), which moves the data
 * version, so cached API replies and comparisons see the new figures.
 *
 * An organisation's KPIs go to the municipality its id names (a four-digit code); a partner
 * organisation (a slug) has no municipality and gets none.
 */
import { randomBytes } from 'node:crypto';
import { Cron } from 'croner';
import { SCHEDULE_TIMEZONE } from '../../../app-start/sync-schedule.js';
import type { Store } from '../../../store/database.js';
import type { Repositories } from '../../../store/repositories/index.js';
import type { OutcomePersonRow, OwnValueRow } from '../../../store/repositories/outcome.repository.js';
import { refreshStatistics } from '../../analysis/statistics.service.js';
import type { PlanDocument } from '../plan/individual-plan.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { deriveEvents, eventGender, type PersonFacts } from './outcome-events.js';
import { aggregateOwnKpis, type EventRow } from './own-kpi-aggregation.js';
import { OWN_KPI_IDS, OWN_KPIS, SUPPRESSED_STATUS } from './own-kpi-definitions.js';

export interface RecomputeResult {
  organisations: string[];
  /** Organisations without a municipality (partners), which get no own KPIs. */
  skipped: string[];
  people: number;
  events: number;
  cells: number;
  suppressed: number;
  changed: number;
  seconds: number;
}

const MUNICIPALITY_ORG = /^\d{4}$/;
const BATCH = 1000;

export class OwnKpiService {
  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
  ) {}

  /** Recomputes the own KPIs of one organisation, or of every organisation with people or events. */
  async recompute({
    organisation,
    now = new Date(),
  }: {
    organisation?: string;
    now?: Date;
  } = {}): Promise<RecomputeResult> {
    const started = performance.now();
    const repositories = this.store.repositories;
    const all = organisation ? [organisation] : await repositories.outcomes.organisationsWithOutcomes();
    const organisations = all.filter((o) => MUNICIPALITY_ORG.test(o));
    const skipped = all.filter((o) => !MUNICIPALITY_ORG.test(o));
    const logId = await repositories.importLog.start('own-kpi', organisation ?? 'all');
    try {
      const people = await repositories.outcomes.people(organisations);
      for (let i = 0; i < people.length; i += BATCH)
        await repositories.transaction((r) => this.deriveFor(r, people.slice(i, i + BATCH)));
      const events = await repositories.outcomes.events(organisations);
      const rows: EventRow[] = events.map((e) => ({
        subject: e.subject,
        municipality: e.organisation_id,
        gender: eventGender(e.gender),
        kind: e.kind,
        month: e.month,
        detail: e.detail,
      }));
      const cells = aggregateOwnKpis(rows, now.toISOString().slice(0, 7));
      const changed = await this.write(organisations, cells, now);
      const result: RecomputeResult = {
        organisations,
        skipped,
        people: people.length,
        events: events.length,
        cells: cells.length,
        suppressed: cells.filter((c) => c.status === SUPPRESSED_STATUS).length,
        changed,
        seconds: 0,
      };
      if (changed > 0) await refreshStatistics(repositories.statistics, OWN_KPI_IDS);
      result.seconds = (performance.now() - started) / 1000;
      await repositories.importLog.finish(logId, 'ok', { ...result, organisations: organisations.length });
      return result;
    } catch (error) {
      await repositories.importLog.finish(logId, 'failed', {}, (error as Error).message);
      throw error;
    }
  }

  /**
   * Brings one person's events up to date (erasure calls this just before it deletes the person, so
   * that what happened since the last run is counted, and then no longer linked to anyone).
   */
  async refreshPerson(personId: string, repositories: Repositories = this.store.repositories): Promise<void> {
    const person = await repositories.outcomes.person(personId);
    if (person) await this.deriveFor(repositories, [person]);
  }

  private async deriveFor(repositories: Repositories, people: readonly OutcomePersonRow[]): Promise<void> {
    if (people.length === 0) return;
    const outcomes = repositories.outcomes;
    const newRefs: { id: string; ref: string }[] = [];
    const subjectOf = new Map<string, string>();
    for (const p of people) {
      const ref = p.outcome_ref ?? randomBytes(12).toString('base64url');
      if (!p.outcome_ref) newRefs.push({ id: p.id, ref });
      subjectOf.set(p.id, ref);
    }
    await outcomes.setOutcomeRefs(newRefs);
    const ids = people.map((p) => p.id);
    const dates = await outcomes.firstDates(ids);
    const plans = new Map<string, PlanDocument>();
    for (const row of await repositories.individualPlans.latestOf(ids))
      plans.set(
        row.person_id,
        JSON.parse(this.keyring.open(row.plan_sealed, PLACES.plan(row.person_id))) as PlanDocument,
      );
    const levels = new Map<string, { level: number; confirmedAt: string }[]>();
    for (const l of await outcomes.ladderSteps(ids)) {
      const list = levels.get(l.person_id) ?? [];
      list.push({ level: l.level, confirmedAt: l.confirmed_at });
      levels.set(l.person_id, list);
    }
    const rows = people.flatMap((p) => {
      const plan = plans.get(p.id);
      const facts: PersonFacts = {
        inventoryAt: dates.get(p.id)?.inventoryAt ?? null,
        planAt: dates.get(p.id)?.planAt ?? null,
        stepsDoneOn: (plan?.steps ?? []).flatMap((s) => (s.status === 'done' && s.doneOn ? [s.doneOn] : [])),
        outcome: plan?.outcome ?? null,
        levels: levels.get(p.id) ?? [],
      };
      const subject = subjectOf.get(p.id) as string;
      return deriveEvents(facts).map((e) => ({
        subject,
        organisation_id: p.organisation_id,
        gender: eventGender(p.gender),
        kind: e.kind,
        month: e.month,
        detail: e.detail,
      }));
    });
    await outcomes.replaceEvents([...subjectOf.values()], rows);
  }

  /** Writes the own KPIs' metadata and the cells that changed; returns how many changed. */
  private async write(
    organisations: readonly string[],
    cells: ReturnType<typeof aggregateOwnKpis>,
    now: Date,
  ): Promise<number> {
    return this.store.repositories.transaction(async (r) => {
      await r.outcomes.upsertOwnKpis(
        OWN_KPIS.map((k) => ({
          id: k.id,
          title: k.title,
          description: k.description,
          is_divided_by_gender: 1,
          municipality_type: 'K',
          operating_area: 'Etablering (egen uppgift)',
          perspective: 'Resultat',
          publ_period: 'Årligen, beräknas varje natt',
          unit: k.unit,
          origin: 'local' as const,
        })),
      );
      const key = (v: { kpi_id: string; municipality_id: string; period: number; gender: string }) =>
        `${v.kpi_id}|${v.municipality_id}|${v.period}|${v.gender}`;
      const stored = new Map(
        (await r.outcomes.ownValues(OWN_KPI_IDS, organisations)).map((v) => [key(v), v] as const),
      );
      const changed: OwnValueRow[] = [];
      for (const c of cells) {
        const row: OwnValueRow = {
          kpi_id: c.kpi,
          municipality_id: c.municipality,
          period: c.period,
          gender: c.gender,
          value: c.value,
          status: c.status,
        };
        const before = stored.get(key(row));
        stored.delete(key(row));
        if (!before || before.value !== row.value || before.status !== row.status) changed.push(row);
      }
      const gone = [...stored.values()];
      await r.outcomes.writeValues(changed, gone, now.toISOString());
      return changed.length + gone.length;
    });
  }
}

/**
 * The nightly recomputation in the server (ETABLERA_OWN_KPI_SCHEDULE). Two instances running it at once
 * compute the same cells from the same events, so every instance may run it; nothing throws into the
 * server: a failed run is logged and the next night tries again.
 */
export function startOwnKpiJob(
  store: Store,
  keyring: Keyring | null,
  schedule: string,
  log: { info(m: string): void; error(m: string): void },
): { stop(): void } {
  if (schedule === 'off' || !keyring) return { stop() {} };
  const job = new Cron(schedule, { timezone: SCHEDULE_TIMEZONE, protect: true, unref: true }, async () => {
    try {
      const r = await new OwnKpiService(store, keyring).recompute();
      log.info(
        `Own KPIs: ${r.organisations.length} organisation(s), ${r.people} people, ${r.changed} value(s) changed (${r.suppressed} of ${r.cells} cells suppressed) in ${r.seconds.toFixed(1)} s`,
      );
    } catch (error) {
      log.error(`Own-KPI recomputation failed: ${String(error)}; the next run tries again`);
    }
  });
  return { stop: () => job.stop() };
}
