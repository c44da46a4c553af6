/** The reminder schedule in the server: started only with e-mail on, says why not, and a failing run never throws. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings } from '../config/settings.js';
import { Mailer } from '../mail/mailer.js';
import { ScheduledReminders } from './scheduled-reminders.js';

describe('scheduled plan reminders', () => {
  let temp: TempStore;
  beforeAll(async () => {
    temp = await createTempStore('sqlite');
  });
  afterAll(async () => {
    await temp?.destroy();
  });
  const logs = () => {
    const lines: string[] = [];
    return {
      lines,
      log: {
        info: (m: string) => lines.push(`info ${m}`),
        warn: (m: string) => lines.push(`warn ${m}`),
        error: (m: string) => lines.push(`error ${m}`),
      },
    };
  };

  it('does not start without e-mail, and says why', () => {
    const { lines, log } = logs();
    const mailer = new Mailer({ store: temp.store, settings: loadSettings({}), log });
    const job = new ScheduledReminders({
      store: temp.store,
      mailer,
      schedule: '13 7-20 * * *',
      baseUrl: '',
      log,
    });
    job.start();
    expect(lines).toEqual([expect.stringMatching(/^warn Plan reminders are not sent: E-mail is off/)]);
    job.stop();
  });

  it('starts on its schedule with e-mail on, and a run that fails is logged, not thrown', async () => {
    const { lines, log } = logs();
    const settings = loadSettings({ ETABLERA_SMTP_HOST: '127.0.0.1', ETABLERA_MAIL_FROM: 'e@x.se' });
    const mailer = new Mailer({ store: temp.store, settings, log });
    const job = new ScheduledReminders({
      store: temp.store,
      mailer,
      schedule: '13 7-20 * * *',
      baseUrl: 'https://etablera.example',
      log,
    });
    job.start();
    expect(lines.at(-1)).toMatch(
      /^info Plan reminders: "13 7-20 \* \* \*" \(Europe\/Stockholm\), next at 20/,
    );
    job.stop();
    // A store that is gone: the run reports null and logs the error.
    const broken = await createTempStore('sqlite');
    const brokenJob = new ScheduledReminders({
      store: broken.store,
      mailer: new Mailer({ store: broken.store, settings, log }),
      schedule: 'off',
      baseUrl: '',
      log,
    });
    await broken.destroy();
    expect(await brokenJob.run()).toBe(null);
    expect(lines.at(-1)).toMatch(/^error Plan reminders failed: .*the next run tries again/);
  });
});
