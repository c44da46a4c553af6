/**
 * Caseload reminders through the server's reminder run, against a real SMTP server, on both
 * databases: the case worker with a step overdue, a step due today and a follow-up due gets one e-mail
 * with the counts and a link to their caseload — no name, no goal, no note in it — and a second run the
 * same day sends nothing; a case worker with nothing due gets nothing; a closed case reminds no one.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/support/dialects.js';
import {
  api,
  keyLine,
  type ProcessUsers,
  seedConcepts,
  seedProcessUsers,
} from '../../../../test/support/process.js';
import { TestSmtpServer, TRUST_TEST_CERT } from '../../../../test/support/smtp.js';
import { createTempStore, type TempStore } from '../../../../test/support/temp-store.js';
import { loadSettings } from '../../../config/settings.js';
import { buildApp } from '../../../http/app.js';
import { Mailer } from '../../../mail/mailer.js';
import { addDays } from './caseload.js';
import { swedishToday } from './caseload.service.js';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

for (const dialect of DIALECTS) {
  describe(`caseload reminders by e-mail (${dialect})`, () => {
    let temp: TempStore;
    let smtp: TestSmtpServer;
    let app: FastifyInstance;
    let users: ProcessUsers;
    // Midday in Sweden, so the Swedish day is the one the plans are dated from.
    const now = new Date(`${swedishToday()}T10:00:00Z`);
    const today = swedishToday(now);

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      smtp = await new TestSmtpServer().start();
      await seedConcepts(temp.store);
      users = await seedProcessUsers(temp.store);
      const settings = loadSettings({
        ...smtp.env(),
        ETABLERA_RATE_LIMIT_MAX: '0',
        ETABLERA_PROCESS_KEYS: keyLine('k1'),
        ETABLERA_PUBLIC_URL: 'https://etablera.example',
      });
      const mailer = new Mailer({ store: temp.store, settings, log: quiet, transportExtra: TRUST_TEST_CERT });
      app = await buildApp({ store: temp.store, settings, mailer });
      const as = api(app, users.caseworker.token);
      const person = async (name: string) =>
        (await as('POST', '/api/people', { organisation: '2580', name, language: 'sv' })).json().id as string;
      const due = await person('Samira Zk3');
      await as('PUT', `/api/people/${due}/plan`, {
        goal: { kind: 'occupation', label: 'Lokalvårdare Qv8' },
        steps: [
          { type: 'sfi', due: addDays(today, -2), status: 'started' },
          { type: 'praktik', due: today },
          { type: 'course', due: addDays(today, 10) },
        ],
      });
      await as('POST', `/api/people/${due}/notes`, { text: 'Hemlig anteckning Wp2', followUpOn: today });
      // A closed case with an overdue step reminds no one.
      const closed = await person('Stängd Person');
      await as('PUT', `/api/people/${closed}/plan`, { steps: [{ type: 'sfi', due: addDays(today, -9) }] });
      await temp.store.db.updateTable('person').set({ status: 'closed' }).where('id', '=', closed).execute();
      // Another organisation's case worker with nothing due.
      const calm = (
        await api(app, users.otherOrg.token)('POST', '/api/people', {
          organisation: '1280',
          name: 'Lugn',
          language: 'sv',
        })
      ).json().id;
      await api(app, users.otherOrg.token)('PUT', `/api/people/${calm}/plan`, {
        steps: [{ type: 'sfi', due: addDays(today, 30) }],
      });
    }, 60_000);
    afterAll(async () => {
      await app?.close();
      await smtp?.stop();
      await temp?.destroy();
    });

    it('sends the case worker one e-mail of counts a day, naming no one', async () => {
      const first = await app.planReminders.run(now);
      expect(first?.caseload).toEqual({ queued: 1, already: 0, mailOff: false });
      const [mail] = await smtp.waitFor(1);
      expect(mail?.to).toEqual(['cw@lulea.se']);
      expect(mail?.subject).toBe('Påminnelse: 1 person i dina ärenden behöver dig');
      expect(mail?.text).toContain('1 steg är försenat');
      expect(mail?.text).toContain('1 steg ska vara klart i dag');
      expect(mail?.text).toContain('1 uppföljning att göra');
      expect(mail?.text).toContain('https://etablera.example/personer/arenden');
      expect(mail?.html).toContain('lang="sv"');
      for (const secret of ['Samira', 'Qv8', 'Wp2', 'Stängd', 'Lugn'])
        expect(`${mail?.subject}${mail?.text}${mail?.html}`).not.toContain(secret);
      // The same day again: recorded already, nothing sent.
      const again = await app.planReminders.run(now);
      expect(again?.caseload).toEqual({ queued: 0, already: 1, mailOff: false });
      const rows = await temp.store.db.selectFrom('caseload_reminder').selectAll().execute();
      expect(rows).toEqual([{ user_id: users.caseworker.userId, day: today, sent_at: now.toISOString() }]);
      await app.mailer.deliverDue();
      expect(smtp.messages).toHaveLength(1);
    });
  });
}
