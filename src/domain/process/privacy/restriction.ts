/**
 * The objection/restriction flag as other modules ask for it (GDPR art. 18 and 21): while a person's
 * processing is restricted, nothing may be proposed for them — no matching, no ladder proposals. Those
 * modules call `isProcessingRestricted` before they compute anything for a person (and
 * `restrictedPeople` to leave such people out of a batch); this is the one place that answers.
 */
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../../store/schema.js';

type Db = Kysely<Database> | Transaction<Database>;

/** True when the person's processing is restricted, or when there is no such person (nothing to do). */
export async function isProcessingRestricted(db: Db, personId: string): Promise<boolean> {
  const row = await db
    .selectFrom('person')
    .select('restricted')
    .where('id', '=', personId)
    .executeTakeFirst();
  return !row || row.restricted === 1;
}

/** Of the given people, those whose processing is restricted (or who no longer exist). */
export async function restrictedPeople(db: Db, personIds: readonly string[]): Promise<Set<string>> {
  // `in ()` is a syntax error on PostgreSQL (SQLite accepts it): restriction.test.ts kills these mutants
  // there, and mutation testing runs on SQLite only.
  // Stryker disable next-line ConditionalExpression: killed on PostgreSQL, see above
  if (personIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('person')
    .select(['id', 'restricted'])
    .where('id', 'in', [...personIds])
    .execute();
  const open = new Set(rows.filter((r) => r.restricted !== 1).map((r) => r.id));
  return new Set(personIds.filter((id) => !open.has(id)));
}

/** Thrown by a module asked to propose something for a restricted person. */
export class ProcessingRestrictedError extends Error {
  readonly statusCode = 409;
  constructor() {
    super('The person has objected to or restricted the processing of their data: nothing is proposed');
  }
}
