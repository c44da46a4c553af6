/**
 * The scheduled sync against the fake Kolada server on both backends: an incremental run per slot,
 * a failure that is logged and retried at the next slot, one instance per slot when several share a
 * store, the timer itself, and what /api/status shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/support/dialects.js';
import { type FakeKolada, startFakeKolada } from '../../test/support/fake-kolada/fake-kolada.js';
import { valueDigest } from '../../test/support/store-checksum.js';
import { createTempStore, type TempStore } from '../../test/support/temp-store.js';
import { loadSettings, SettingsError } from '../config/settings.js';
import { buildApp } from '../http/app.js';
import { KoladaClient } from '../kolada/kolada-client.js';
import { SyncProgress } from '../kolada/sync-progress.js';
import { openStore } from '../store/database.js';
import { ScheduledSync, type ScheduledSyncOptions } from './scheduled-sync.js';

const KPI = 'N00700';
let fake: FakeKolada;

beforeAll(async () => {
  fake = await startFakeKolada({ kpis: [KPI] });
}, 600_000);
afterAll(async () => {
  await fake?.close();
});

function recordingLog() {
  const lines: string[] = [];
  return {
    lines,
    log: {
      info: (m: string) => lines.push(`info ${m}`),
      warn: (m: string) => lines.push(`warn ${m}`),
      error: (m: string) => lines.push(`error ${m}`),
    },
  };
}

function scheduled(temp: TempStore, over: Partial<ScheduledSyncOptions> = {}) {
  const { lines, log } = recordingLog();
  const sync = new ScheduledSync({
    store: temp.store,
    schedule: '17 3 * * *',
    client: () => new KoladaClient({ baseUrl: fake.url, timeoutMs: 10_000, retries: 0 }),
    progress: new SyncProgress(),
    log,
    selection: { kpis: [KPI], metadata: false },
    ...over,
  });
  return { sync, lines };
}

const slot = (n: number) => new Date(Date.UTC(2026, 0, n, 2, 17));

for (const dialect of DIALECTS) {
  describe(`scheduled sync (${dialect})`, () => {
    const temps: TempStore[] = [];
    const tempStore = async () => {
      const t = await createTempStore(dialect);
      temps.push(t);
      return t;
    };
    afterAll(async () => {
      for (const t of temps) await t.destroy();
    });

    it('syncs incrementally at each slot and shows the last and next run in /api/status', async () => {
      const temp = await tempStore();
      const { sync } = scheduled(temp, { selection: { kpis: [KPI], metadata: true } });
      const first = await sync.runSlot(slot(1));
      expect(first).toMatchObject({ slot: slot(1).toISOString(), outcome: 'ok' });
      const before = await valueDigest(temp.store, [KPI]);
      expect(before.rows).toBeGreaterThan(1000);

      // Kolada changes one value; the next slot fetches only what changed since the high-water mark.
      fake.setValue(KPI, '1280', 2020, 'T', 12.5);
      const from = fake.requests.length;
      try {
        const second = await sync.runSlot(slot(2));
        expect(second?.outcome).toBe('ok');
        expect(second?.message).toMatch(/1 changed/);
      } finally {
        fake.resetValues();
      }
      const dataRequests = fake.requests.slice(from).filter((r) => r.url.startsWith(`/v3/data/kpi/${KPI}/`));
      expect(dataRequests.length).toBeGreaterThan(0);
      expect(dataRequests.every((r) => r.url.includes('from_date='))).toBe(true);
      const changed = await temp.store.db
        .selectFrom('value')
        .select('value')
        .where('kpi_id', '=', KPI)
        .where('municipality_id', '=', '1280')
        .where('period', '=', 2020)
        .where('gender', '=', 'T')
        .executeTakeFirstOrThrow();
      expect(Number(changed.value)).toBe(12.5);

      const app = await buildApp({ store: temp.store, settings: loadSettings({ LOG_LEVEL: 'silent' }) });
      try {
        const status = (await app.inject('/api/status')).json();
        expect(status.schedule).toMatchObject({
          schedule: '17 3 * * *',
          timezone: 'Europe/Stockholm',
          lastRun: { slot: slot(2).toISOString(), outcome: 'ok' },
        });
        // 03:17 in Stockholm is 02:17 or 01:17 UTC, and always ahead.
        expect(status.schedule.nextRun).toMatch(/T0[12]:17:00\.000Z$/);
        expect(Date.parse(status.schedule.nextRun)).toBeGreaterThan(Date.now());
        const off = await buildApp({
          store: temp.store,
          settings: loadSettings({ LOG_LEVEL: 'silent', ETABLERA_SYNC_SCHEDULE: 'off' }),
        });
        const offStatus = (await off.inject('/api/status')).json();
        await off.close();
        expect(offStatus.schedule).toMatchObject({ schedule: 'off', nextRun: null });
      } finally {
        await app.close();
      }
    });

    it('logs a failed run, keeps going, and succeeds at the next slot', async () => {
      const temp = await tempStore();
      let url = 'http://127.0.0.1:9/v3'; // nothing listens on the discard port
      const { sync, lines } = scheduled(temp, {
        client: () => new KoladaClient({ baseUrl: url, timeoutMs: 5_000, retries: 0 }),
      });
      const failed = await sync.runSlot(slot(3));
      expect(failed?.outcome).toBe('failed');
      expect(lines.some((l) => /^error Scheduled sync failed: .*next try/.test(l))).toBe(true);
      expect((await sync.status()).lastRun?.outcome).toBe('failed');
      url = fake.url;
      const retried = await sync.runSlot(slot(4));
      expect(retried?.outcome).toBe('ok');
      expect((await valueDigest(temp.store, [KPI])).rows).toBeGreaterThan(1000);
    });

    it('runs each slot in exactly one of several instances sharing the store', async () => {
      const temp = await tempStore();
      const instances = [scheduled(temp).sync];
      const others = await Promise.all(
        [1, 2].map(() =>
          openStore({ databaseUrl: temp.env.DATABASE_URL, dataDir: temp.env.ETABLERA_DATA_DIR }),
        ),
      );
      try {
        for (const store of others) instances.push(scheduled({ ...temp, store }).sync);
        const from = fake.requests.length;
        const runs = await Promise.all(instances.map((s) => s.runSlot(slot(5))));
        expect(runs.filter((r) => r !== null)).toHaveLength(1);
        expect(runs.find((r) => r !== null)?.outcome).toBe('ok');
        const fetched = fake.requests.slice(from).filter((r) => r.url.startsWith(`/v3/data/kpi/${KPI}/`));
        expect(fetched.length).toBeGreaterThan(0);
        // The same slot again (a late timer, a restarted instance) is not run twice.
        expect(await instances[1]!.runSlot(slot(5))).toBeNull();
        expect(await instances[2]!.runSlot(slot(6))).toMatchObject({ outcome: 'ok' });
      } finally {
        for (const store of others) await store.close();
      }
    });

    it('fires on its cron schedule once started, and stops', async () => {
      const temp = await tempStore();
      const { sync, lines } = scheduled(temp, { schedule: '* * * * * *' });
      sync.start();
      try {
        await expect.poll(async () => (await sync.status()).lastRun?.outcome, { timeout: 60_000 }).toBe('ok');
      } finally {
        sync.stop();
      }
      expect(lines[0]).toMatch(/^info Scheduled sync: "\* \* \* \* \* \*" \(Europe\/Stockholm\), next at /);
    });
  });
}

describe('ETABLERA_SYNC_SCHEDULE', () => {
  it('defaults to a quiet hour, accepts cron patterns and "off", and names a bad pattern', () => {
    expect(loadSettings({}).syncSchedule).toBe('17 3 * * *');
    expect(loadSettings({ ETABLERA_SYNC_SCHEDULE: 'off' }).syncSchedule).toBe('off');
    expect(loadSettings({ ETABLERA_SYNC_SCHEDULE: '0 2 * * 1' }).syncSchedule).toBe('0 2 * * 1');
    for (const bad of ['nightly', '61 3 * * *', '* * *'])
      expect(() => loadSettings({ ETABLERA_SYNC_SCHEDULE: bad }), bad).toThrow(SettingsError);
    expect(() => loadSettings({ ETABLERA_SYNC_SCHEDULE: '61 3 * * *' })).toThrow(
      /ETABLERA_SYNC_SCHEDULE.*"61 3 \* \* \*"/,
    );
  });
});
