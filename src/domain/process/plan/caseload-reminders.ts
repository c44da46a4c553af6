/**
 * Caseload reminders by e-mail (issue 20): once a day at most, each case worker whose caseload has
 * something due — a step overdue or due today, a guidance follow-up due — gets one e-mail with the
 * counts and a link to their caseload page. The e-mail names no one and says nothing of any plan: it
 * leaves Etablera, personal data does not (the case worker reads the details signed in, audited).
 *
 * - **Who**: active users assigned as case worker to open people, in organisations where they still
 *   hold process.read (an assignment left behind by a changed role reminds no one).
 * - **Once**: a row in `caseload_reminder` (user, Swedish day) is inserted in the transaction that
 *   queues the e-mail; a second run or instance the same day gets a conflict and sends nothing. With
 *   e-mail off nothing is recorded. The outbox then sends it (src/mail/mailer.ts).
 */
import { GRANTS, type Role } from '../../../accounts/roles.js';
import { isLocale, type Locale } from '../../../i18n/locales.js';
import { caseloadReminderMail } from '../../../mail/compose.js';
import type { Mailer } from '../../../mail/mailer.js';
import type { Store } from '../../../store/database.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { CaseloadService, swedishToday } from './caseload.service.js';

export interface CaseloadReminderResult {
  queued: number;
  already: number;
  mailOff: boolean;
}

/** What a case worker is reminded of on `today`: counts only. */
export interface CaseloadDue {
  overdue: number;
  dueToday: number;
  followUps: number;
  people: number;
}

export async function sendCaseloadReminders(input: {
  store: Store;
  keyring: Keyring | null;
  mailer: Mailer;
  baseUrl: string;
  now?: Date;
}): Promise<CaseloadReminderResult> {
  const { store, mailer, keyring } = input;
  const result: CaseloadReminderResult = { queued: 0, already: 0, mailOff: !mailer.enabled };
  // Process off (no data key): no plans to read, nothing to remind of.
  if (!mailer.enabled || !keyring) return result;
  const now = input.now ?? new Date();
  const today = swedishToday(now);
  const db = store.db;
  const assignments = await db
    .selectFrom('person_caseworker as c')
    .innerJoin('person as p', 'p.id', 'c.person_id')
    .innerJoin('app_user as u', 'u.id', 'c.user_id')
    .innerJoin('membership as m', (j) =>
      j.onRef('m.user_id', '=', 'c.user_id').onRef('m.organisation_id', '=', 'p.organisation_id'),
    )
    .selectAll('p')
    .select(['u.id as userId', 'u.email as email', 'u.locale as locale', 'm.role as role'])
    .where('p.status', '=', 'open')
    .where('u.status', '=', 'active')
    .orderBy('u.id')
    .execute();
  const byUser = new Map<string, { email: string; locale: string | null; people: typeof assignments }>();
  for (const a of assignments) {
    if (!GRANTS[a.role as Role]?.includes('process.read')) continue;
    const entry = byUser.get(a.userId) ?? { email: a.email, locale: a.locale, people: [] };
    entry.people.push(a);
    byUser.set(a.userId, entry);
  }
  const caseload = new CaseloadService(store, keyring);
  for (const [userId, { email, locale, people }] of byUser) {
    const rows = await caseload.rows(people, today, false);
    const due: CaseloadDue = {
      overdue: rows.reduce((n, r) => n + r.overdue.length, 0),
      dueToday: rows.reduce((n, r) => n + r.dueSoon.filter((s) => s.due === today).length, 0),
      followUps: rows.reduce((n, r) => n + r.followUpsDue.length, 0),
      people: rows.filter(
        (r) => r.overdue.length + r.followUpsDue.length > 0 || r.dueSoon.some((s) => s.due === today),
      ).length,
    };
    if (due.overdue + due.dueToday + due.followUps === 0) continue;
    const lang: Locale = isLocale(locale) ? locale : 'sv';
    const inserted = await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('caseload_reminder')
        .values({ user_id: userId, day: today, sent_at: now.toISOString() })
        .onConflict((oc) => oc.doNothing())
        .returning('user_id')
        .executeTakeFirst();
      // No row: this case worker was reminded today already (another run, or another instance).
      if (!row) return false;
      await mailer.enqueue(
        caseloadReminderMail(lang, { to: email, due, link: `${input.baseUrl}/personer/arenden` }),
        trx,
      );
      return true;
    });
    if (inserted) result.queued++;
    else result.already++;
  }
  if (result.queued) mailer.kick();
  return result;
}
