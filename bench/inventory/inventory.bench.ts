/**
 * The competence inventory's speed (issue 18): the interview page of a section and saving a section,
 * each measured as the server time of one request over loopback HTTP (the app listening in this
 * process, requests one at a time), on a fresh bench store with the bundled taxonomy, two
 * organisations' users and PEOPLE people with a recorded inventory. Budgets: an inventory page
 * p50 ≤ 50 ms; saving a section p50 ≤ 30 ms, its audit entry written in the same transaction. The
 * baseline (same run) is a page that reads no person: the sign-in page, i.e. what HTTP, the session
 * and the page runner cost anyway.
 *
 * Part of `npm run bench` (`--only inventory`); alone: `npm run bench:inventory [sqlite|postgres]`.
 */

import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { loadSettings } from '../../src/config/settings.js';
import { SECTIONS } from '../../src/domain/process/people/inventory-sections.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect } from '../../src/store/database.js';
import { PeopleRepository } from '../../src/store/repositories/people.repository.js';
import { CONCEPTS, keyLine, seedProcessUsers } from '../../test/support/process.js';
import { benchStore, freshStore, openBenchStore } from '../lib/bench-stores.js';
import { Report } from '../lib/report.js';
import { percentile } from '../lib/stats.js';

const PEOPLE = 50;
const ROUNDS = Number(process.env.INVENTORY_BENCH_ROUNDS ?? 300);
const WARMUP = 30;

export async function inventoryBench(dialect: Dialect, report: Report): Promise<void> {
  const target = benchStore(dialect, 'inventory');
  await freshStore(target);
  const store = await openBenchStore(target);
  await loadBundledTaxonomy(store);
  const users = await seedProcessUsers(store);
  await new PeopleRepository(store.db).setLegalBasis('2580', 'art. 6.1 e');
  const app = await buildApp({
    store,
    settings: loadSettings({
      LOG_LEVEL: 'silent',
      ETABLERA_RATE_LIMIT_MAX: '0',
      ETABLERA_PROCESS_KEYS: keyLine('k1'),
    }),
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const auth = { authorization: `Bearer ${users.caseworker.token}` };
    const call = async (method: string, path: string, body?: string, headers: object = {}) => {
      const res = await fetch(`${base}${path}`, { method, body, headers: { ...auth, ...headers } });
      await res.arrayBuffer();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status}`);
    };
    const json = { 'content-type': 'application/json' };
    const people: string[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const res = await fetch(`${base}/api/people`, {
        method: 'POST',
        headers: { ...auth, ...json },
        body: JSON.stringify({ organisation: '2580', name: `Person ${i}`, language: 'ar', contact: '070-1' }),
      });
      const { id } = (await res.json()) as { id: string };
      people.push(id);
      await call('POST', `/api/people/${id}/consents`, '{}', json);
      await call(
        'PUT',
        `/api/people/${id}/inventory`,
        JSON.stringify({
          education: [
            { level: CONCEPTS.upperSecondary.id, field: 'unknown', country: CONCEPTS.somalia.id, years: 3 },
          ],
          work: [
            { occupation: CONCEPTS.sfiTeacher.id, years: '2-4', country: 'unknown', tasks: 'undervisning' },
          ],
          skills: [CONCEPTS.steel.id, CONCEPTS.refrigeration.id],
          languages: [
            {
              language: CONCEPTS.lithuanian.id,
              listening: 'B1',
              reading: 'B1',
              speaking: 'A2',
              writing: 'A2',
            },
          ],
          drivingLicences: [CONCEPTS.licenceAM.id],
          freeText: 'bagare i tio år',
        }),
        json,
      );
    }
    const time = async (work: (i: number) => Promise<void>): Promise<number[]> => {
      for (let i = 0; i < WARMUP; i++) await work(i);
      const samples: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        const start = process.hrtime.bigint();
        await work(i);
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      return samples;
    };
    const load = loadavg()[0]?.toFixed(2);
    const baseline = await time(() => call('GET', '/logga-in'));
    const pages = await time((i) =>
      call('GET', `/personer/${people[i % PEOPLE]}/inventering/${SECTIONS[i % SECTIONS.length]}?lang=sv`),
    );
    const form = { 'content-type': 'application/x-www-form-urlencoded', 'x-etablera-autosave': '1' };
    const levels = ['A1', 'A2', 'B1', 'B2', 'C1', 'C2'];
    const auditBefore = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('action', '=', 'person.write')
      .executeTakeFirstOrThrow();
    const saves = await time((i) =>
      call(
        'POST',
        `/personer/${people[i % PEOPLE]}/inventering/languages`,
        new URLSearchParams({
          'languages.0.language': CONCEPTS.lithuanian.id,
          'languages.0.listening': levels[i % 6]!,
          'languages.0.reading': 'B1',
          'languages.0.speaking': levels[(i + 1) % 6]!,
          'languages.0.writing': 'A2',
        }).toString(),
        form,
      ),
    );
    const auditAfter = await store.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('action', '=', 'person.write')
      .executeTakeFirstOrThrow();
    const audited = Number(auditAfter.n) - Number(auditBefore.n);
    const loadEnd = loadavg()[0]?.toFixed(2);
    const p50 = (s: number[]) => Number(percentile(s, 50).toFixed(2));
    const note = `${ROUNDS} sequential requests after ${WARMUP} warm-up, ${PEOPLE} people; load average 1 min ${load} → ${loadEnd}`;
    report.add({
      section: 'inventory',
      dialect,
      what: 'interview page of a section (GET /personer/{id}/inventering/{section}): p50',
      value: p50(pages),
      unit: 'ms',
      baseline: p50(baseline),
      ratio: p50(pages) / p50(baseline),
      target: '≤ 50 ms',
      met: p50(pages) <= 50,
      note,
    });
    report.add({
      section: 'inventory',
      dialect,
      what: 'same, p90',
      value: Number(percentile(pages, 90).toFixed(2)),
      unit: 'ms',
    });
    report.add({
      section: 'inventory',
      dialect,
      what: `saving a section with its audit entry (POST …/inventering/languages, autosave): p50 (${audited} audit entries for ${ROUNDS + WARMUP} saves)`,
      value: p50(saves),
      unit: 'ms',
      baseline: p50(baseline),
      ratio: p50(saves) / p50(baseline),
      target: '≤ 30 ms',
      met: p50(saves) <= 30 && audited >= ROUNDS,
      note,
    });
    report.add({
      section: 'inventory',
      dialect,
      what: 'same, p90',
      value: Number(percentile(saves, 90).toFixed(2)),
      unit: 'ms',
    });
    report.note(`inventory (${dialect}): ${note}`);
  } finally {
    await app.close();
    await store.close();
  }
}

// `npm run bench:inventory [sqlite|postgres]`: this section alone.
if (process.argv[1]?.endsWith('inventory.bench.ts')) {
  const report = new Report();
  const dialects: Dialect[] =
    process.argv[2] === 'postgres'
      ? ['postgres']
      : process.argv[2] === 'both'
        ? ['sqlite', 'postgres']
        : ['sqlite'];
  for (const dialect of dialects) await inventoryBench(dialect, report);
  report.printSummary();
}
