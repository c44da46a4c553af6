/**
 * The individual plan's speed (issue 20): a person's plan page (the plan with 12 steps, its
 * versions, 6 guidance notes and the ladder with its proposal) and the case worker's caseload page
 * (PEOPLE people, each with a plan), each measured as the server time of one request over loopback HTTP
 * (the app listening in this process, requests one at a time), on a fresh bench store. Budget: a
 * person's plan page p50 ≤ 50 ms. Every request also writes its audit entries (the plan page four:
 * person, plan, notes, ladder; the caseload one per person listed). The baseline (same run) is a page
 * that reads no person: the sign-in page, i.e. what HTTP, the session and the page runner cost anyway.
 *
 * Part of `npm run bench` (`--only iplan`); alone: `npm run bench:iplan [sqlite|postgres|both]`.
 */

import type { AddressInfo } from 'node:net';
import { loadavg } from 'node:os';
import { loadSettings } from '../../src/config/settings.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect } from '../../src/store/database.js';
import { keyLine, seedConcepts, seedProcessUsers } from '../../test/support/process.js';
import { benchStore, freshStore, openBenchStore } from '../lib/bench-stores.js';
import { Report } from '../lib/report.js';
import { percentile } from '../lib/stats.js';

const PEOPLE = 50;
const ROUNDS = Number(process.env.IPLAN_BENCH_ROUNDS ?? 300);
const WARMUP = 30;
const TYPES = ['sfi', 'validation', 'praktik', 'course', 'drivingLicence', 'jobSearch'] as const;

const LADDER = {
  levels: [
    { level: 1, name: 'Kartlagd', rule: { var: 'inventory.done' }, needs: { sv: 'Kartläggningen.' } },
    { level: 2, name: 'Plan klar', rule: { var: 'plan.made' }, needs: { sv: 'En plan.' } },
    { level: 3, name: 'Sfi-kurs klar', rule: { '>=': [{ var: 'done.sfi' }, 1] }, needs: { sv: 'Sfi.' } },
    { level: 4, name: 'Praktik', rule: { '>=': [{ var: 'done.praktik' }, 1] }, needs: { sv: 'Praktik.' } },
    {
      level: 5,
      name: 'Arbete/studier',
      rule: { '>=': [{ doneWithin: [90] }, 3] },
      needs: { sv: 'Tre steg.' },
    },
  ],
};

export async function iplanBench(dialect: Dialect, report: Report): Promise<void> {
  const target = benchStore(dialect, 'iplan');
  await freshStore(target);
  const store = await openBenchStore(target);
  await seedConcepts(store);
  const users = await seedProcessUsers(store);
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
    const call = async (method: string, path: string, body?: unknown, token = users.caseworker.token) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 200)}`);
      return text;
    };
    await call('PUT', '/api/organisations/2580/ladder', LADDER, users.processAdmin.token);
    const people: string[] = [];
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    for (let i = 0; i < PEOPLE; i++) {
      const { id } = JSON.parse(
        await call('POST', '/api/people', { organisation: '2580', name: `Person ${i}`, language: 'ar' }),
      ) as { id: string };
      people.push(id);
      const steps = Array.from({ length: 12 }, (_, k) => ({
        type: TYPES[k % TYPES.length],
        title: `Steg ${k}`,
        due: day(k * 7 - 30),
        status: k < 3 ? 'done' : k < 6 ? 'started' : 'planned',
      }));
      // Three versions: the history the page lists.
      for (let v = 0; v < 3; v++)
        await call('PUT', `/api/people/${id}/plan`, {
          goal: { kind: 'occupation', label: 'Undersköterska' },
          steps: steps.slice(0, 10 + v),
        });
      for (let n = 0; n < 6; n++)
        await call('POST', `/api/people/${id}/notes`, {
          text: `Vi pratade om steg ${n}. `.repeat(20),
          followUpOn: day(n * 5 - 10),
        });
    }
    const time = async (work: (i: number) => Promise<unknown>): Promise<number[]> => {
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
    const pages = await time((i) => call('GET', `/personer/${people[i % PEOPLE]}/plan`));
    const caseloadRounds = Math.max(20, Math.round(ROUNDS / 10));
    const caseload: number[] = [];
    for (let i = 0; i < caseloadRounds + 3; i++) {
      const start = process.hrtime.bigint();
      await call('GET', '/personer/arenden');
      if (i >= 3) caseload.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    const loadEnd = loadavg()[0]?.toFixed(2);
    const p50 = (s: number[]) => Number(percentile(s, 50).toFixed(2));
    const note = `${ROUNDS} sequential requests after ${WARMUP} warm-up, ${PEOPLE} people with 10–12 steps, 3 versions and 6 notes each; load average 1 min ${load} → ${loadEnd}`;
    report.add({
      section: 'iplan',
      dialect,
      what: "a person's plan page with notes and ladder (GET /personer/{id}/plan): p50",
      value: p50(pages),
      unit: 'ms',
      baseline: p50(baseline),
      ratio: p50(pages) / p50(baseline),
      target: '≤ 50 ms',
      met: p50(pages) <= 50,
      note,
    });
    report.add({
      section: 'iplan',
      dialect,
      what: 'same, p90',
      value: Number(percentile(pages, 90).toFixed(2)),
      unit: 'ms',
    });
    report.add({
      section: 'iplan',
      dialect,
      what: `the case worker's caseload page, ${PEOPLE} people (GET /personer/arenden): p50 of ${caseloadRounds}`,
      value: p50(caseload),
      unit: 'ms',
      baseline: p50(baseline),
      ratio: p50(caseload) / p50(baseline),
      note,
    });
    report.note(`iplan (${dialect}): ${note}`);
  } finally {
    await app.close();
    await store.close();
  }
}

// `npm run bench:iplan [sqlite|postgres|both]`: this section alone.
if (process.argv[1]?.endsWith('iplan.bench.ts')) {
  const report = new Report();
  const dialects: Dialect[] =
    process.argv[2] === 'postgres'
      ? ['postgres']
      : process.argv[2] === 'both'
        ? ['sqlite', 'postgres']
        : ['sqlite'];
  for (const dialect of dialects) await iplanBench(dialect, report);
  report.printSummary();
}
