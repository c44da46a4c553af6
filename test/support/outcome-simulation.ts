/**
 * A simulated caseload for the own-KPI tests and benchmark: people arriving over three years, each
 * inventoried, most given a plan a few weeks later, with sfi, praktik and course steps of realistic
 * lengths, some reaching work or studies, and ladder levels confirmed along the way. Seeded: the same
 * people on every machine. `writeCaseload` puts them into a store as Process would hold them (the
 * plan sealed with the data key), straight into the tables, so thousands take seconds.
 */
import { randomUUID } from 'node:crypto';
import { Random } from '../../src/demo/random.js';
import type { PlanDocument, PlanStep } from '../../src/domain/process/plan/individual-plan.js';
import type { Keyring } from '../../src/domain/process/privacy/field-cipher.js';
import { PLACES } from '../../src/domain/process/privacy/sealed-columns.js';
import type { Store } from '../../src/store/database.js';

export interface SimulatedPerson {
  id: string;
  organisation: string;
  gender: 'K' | 'M' | 'declined' | null;
  inventoryAt: string;
  planAt: string | null;
  /** Every step with its final status and, when done, its day. */
  steps: { type: PlanStep['type']; status: PlanStep['status']; doneOn: string | null }[];
  outcome: { kind: 'work' | 'studies'; from: string } | null;
  levels: { level: number; confirmedAt: string }[];
}

export interface SimulationOptions {
  seed: number;
  /** Organisation id → number of people. */
  organisations: Record<string, number>;
  /** First day people arrive (YYYY-MM-DD); they arrive over `years` years. */
  start: string;
  years: number;
  /** The day the simulation stops: nothing after it has happened yet. */
  today: string;
}

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

export function simulateCaseload(o: SimulationOptions): SimulatedPerson[] {
  const rnd = new Random(o.seed);
  const start = Date.parse(`${o.start}T00:00:00Z`);
  const span = o.years * 365 * DAY_MS;
  const today = Date.parse(`${o.today}T23:59:59Z`);
  const days = (mean: number, sd: number, lo: number, hi: number) =>
    clamp(mean + sd * rnd.normal(), lo, hi) * DAY_MS;
  const out: SimulatedPerson[] = [];
  for (const [organisation, n] of Object.entries(o.organisations))
    for (let i = 0; i < n; i++) {
      const g = rnd.next();
      const gender = g < 0.47 ? 'K' : g < 0.94 ? 'M' : g < 0.97 ? 'declined' : null;
      const inventory = start + Math.floor(rnd.next() * span) + Math.floor(rnd.next() * DAY_MS);
      if (inventory > today) continue;
      const levels: SimulatedPerson['levels'] = [];
      const level = (l: number, at: number) => {
        if (at <= today) levels.push({ level: l, confirmedAt: new Date(at).toISOString() });
      };
      level(1, inventory + days(7, 4, 0, 30));
      // A plan 2–8 weeks after the inventory, for nine in ten.
      const plan = rnd.next() < 0.9 ? inventory + days(35, 12, 10, 60) : null;
      const steps: SimulatedPerson['steps'] = [];
      let outcome: SimulatedPerson['outcome'] = null;
      if (plan !== null && plan <= today) {
        level(2, plan + days(3, 2, 0, 10));
        // Sfi: 3–18 months; praktik after it, 1–3 months; a course for some, 4–10 months.
        const sfiEnd = plan + days(270, 90, 90, 540);
        const sfiDone = rnd.next() < 0.85;
        steps.push(stepBy('sfi', sfiDone, sfiEnd, today));
        if (sfiDone && sfiEnd <= today) level(3, sfiEnd + days(5, 3, 0, 20));
        const praktikEnd = sfiEnd + days(60, 20, 30, 90);
        if (rnd.next() < 0.6) {
          steps.push(stepBy('praktik', rnd.next() < 0.9, praktikEnd, today));
          if (praktikEnd <= today) level(4, praktikEnd + days(5, 3, 0, 20));
        }
        if (rnd.next() < 0.3)
          steps.push(stepBy('course', rnd.next() < 0.8, plan + days(210, 60, 120, 300), today));
        // Work or studies for a little over half, mostly 6–30 months after the inventory.
        if (rnd.next() < 0.55) {
          const from = inventory + days(420, 180, 120, 1100);
          if (from <= today) {
            outcome = { kind: rnd.next() < 0.7 ? 'work' : 'studies', from: day(from) };
            level(5, from + days(10, 5, 0, 30));
          }
        }
      }
      out.push({
        id: randomId(rnd),
        organisation,
        gender,
        inventoryAt: new Date(inventory).toISOString(),
        planAt: plan !== null && plan <= today ? new Date(plan).toISOString() : null,
        steps,
        outcome,
        levels,
      });
    }
  return out;
}

function stepBy(type: PlanStep['type'], completes: boolean, end: number, today: number) {
  if (end > today) return { type, status: 'started' as const, doneOn: null };
  return completes
    ? { type, status: 'done' as const, doneOn: day(end) }
    : { type, status: 'cancelled' as const, doneOn: null };
}

/** A UUID-shaped id from the seeded stream, so the same seed gives the same ids. */
function randomId(rnd: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rnd.next() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20)}`;
}

export function planOf(p: SimulatedPerson): PlanDocument {
  return {
    goal: { kind: 'other', conceptId: null, label: 'Arbete' },
    steps: p.steps.map((s, i) => ({
      id: `s${i}`,
      type: s.type,
      title: '',
      level: null,
      owner: { kind: 'caseworker', name: null },
      start: null,
      due: null,
      status: s.status,
      doneOn: s.doneOn,
      closes: { gates: [], skills: [], factors: [] },
    })),
    ...(p.outcome ? { outcome: p.outcome } : {}),
  };
}

/** Writes the people into the store's Process tables (the organisations must exist for the API tests). */
export async function writeCaseload(
  store: Store,
  keyring: Keyring,
  people: readonly SimulatedPerson[],
): Promise<void> {
  const db = store.db;
  const ladders = new Map<string, number>();
  for (const org of new Set(people.map((p) => p.organisation))) {
    const row = await db
      .insertInto('ladder_version')
      .values({
        organisation_id: org,
        valid_from: '2020-01-01',
        ladder_json: '{"levels":[]}',
        saved_by: 'simulation',
        saved_at: '2020-01-01T00:00:00.000Z',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    ladders.set(org, row.id);
  }
  const sealedEmpty = (id: string) => keyring.seal('{}', PLACES.inventory(id));
  for (let i = 0; i < people.length; i += 200) {
    const chunk = people.slice(i, i + 200);
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('person')
        .values(
          chunk.map((p) => ({
            id: p.id,
            organisation_id: p.organisation,
            audit_ref: randomUUID(),
            language: 'ar',
            name_sealed: keyring.seal(`Person ${p.id.slice(0, 6)}`, PLACES.personName(p.id)),
            contact_sealed: null,
            user_id: null,
            status: 'open' as const,
            restricted: 0,
            created_at: p.inventoryAt,
            closed_at: null,
            gender: p.gender,
          })),
        )
        .execute();
      await trx
        .insertInto('person_inventory')
        .values(
          chunk.map((p) => ({
            person_id: p.id,
            inventory_sealed: sealedEmpty(p.id),
            updated_at: p.planAt ?? p.inventoryAt,
            updated_by: 'simulation',
            first_saved_at: p.inventoryAt,
          })),
        )
        .execute();
      const plans = chunk.filter((p) => p.planAt !== null);
      if (plans.length)
        await trx
          .insertInto('person_plan_version')
          .values(
            plans.flatMap((p) => [
              {
                person_id: p.id,
                version: 1,
                plan_sealed: keyring.seal(
                  JSON.stringify({ goal: planOf(p).goal, steps: [] }),
                  PLACES.plan(p.id),
                ),
                source: 'edit',
                saved_at: p.planAt as string,
                saved_by: 'simulation',
              },
              {
                person_id: p.id,
                version: 2,
                plan_sealed: keyring.seal(JSON.stringify(planOf(p)), PLACES.plan(p.id)),
                source: 'edit',
                saved_at: p.planAt as string,
                saved_by: 'simulation',
              },
            ]),
          )
          .execute();
      const steps = chunk.flatMap((p) =>
        p.levels.map((l) => ({
          person_id: p.id,
          level: l.level,
          level_name: `Nivå ${l.level}`,
          ladder_version_id: ladders.get(p.organisation) as number,
          confirmed_by: 'simulation',
          confirmed_at: l.confirmedAt,
        })),
      );
      for (let j = 0; j < steps.length; j += 200)
        await trx
          .insertInto('person_ladder_step')
          .values(steps.slice(j, j + 200))
          .execute();
    });
  }
}
