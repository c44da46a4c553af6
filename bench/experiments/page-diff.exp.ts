/**
 * The comparator's pages from two checkouts, byte by byte: this one's build and another's (e.g. a
 * worktree of main before a change), both serving the bench's real-data store. A change meant to
 * make the pages cheaper (issue 24: the compact value tables) must leave every page as it was.
 * Profiles (latest, a chosen year, a selection, a group), KPI pages (genders, years, compared kommuner,
 * a selection, a group) and compare pages, over a spread of kommuner and every integration KPI. Asset
 * links' content hashes are left out of the comparison.
 * `npx tsx bench/experiments/page-diff.exp.ts <other checkout> [sqlite|postgres]`
 */
import { resolve } from 'node:path';
import { INTEGRATION_KPI_IDS } from '../../src/domain/integration-set.js';
import { REAL_STORE } from '../import/import.bench.js';
import { benchStore } from '../lib/bench-stores.js';
import { type RunningServer, startServer } from '../lib/server.js';

const [otherCheckout, dialectArg = 'sqlite'] = process.argv.slice(2);
if (!otherCheckout) throw new Error('usage: page-diff.exp.ts <other checkout> [sqlite|postgres]');
const dialect = dialectArg === 'postgres' ? 'postgres' : 'sqlite';
const other = (await import(resolve(otherCheckout, 'bench/lib/server.ts'))) as {
  startServer: typeof startServer;
};
const store = benchStore(dialect, REAL_STORE);
const servers: RunningServer[] = [await other.startServer(store), await startServer(store)];
const [a, b] = servers as [RunningServer, RunningServer];
try {
  const reply = await fetch(`${a.url}/v3/municipality?type=K`);
  const kommuner = ((await reply.json()) as { values: { id: string }[] }).values.map((m) => m.id);
  const kpi = (i: number) => INTEGRATION_KPI_IDS[i % INTEGRATION_KPI_IDS.length]!;
  const paths: string[] = [];
  kommuner
    .filter((_, i) => i % 7 === 0)
    .forEach((k, i) => {
      paths.push(
        `/kommun/${k}`,
        `/kommun/${k}?ar=${2012 + (i % 12)}`,
        `/kommun/${k}?ref=urval&urval=0180,1480`,
      );
      const second = kommuner[(i * 13) % kommuner.length];
      paths.push(`/jamfor?kommun=${k},${second},0180&kpi=${kpi(i)},${kpi(i * 5 + 3)}`);
      paths.push(`/jamfor?kommun=${k},1480&kpi=${kpi(i)},${kpi(i * 5 + 3)}&ar=2019`);
    });
  INTEGRATION_KPI_IDS.forEach((id, i) => {
    const k = kommuner[(i * 11) % kommuner.length];
    paths.push(
      `/nyckeltal/${id}`,
      `/nyckeltal/${id}?kommun=${k}`,
      `/nyckeltal/${id}?kommun=${k}&kon=K&jmf=1480,0180&ref=urval&urval=1480,0180,1280`,
      `/nyckeltal/${id}?kommun=${k}&kon=M&ar=2018`,
      `/nyckeltal/${id}?kommun=${k}&ar=2016`,
    );
  });
  // A reference group as the page offers it (its option's value).
  for (const k of kommuner.filter((_, i) => i % 29 === 0)) {
    const html = await (await fetch(`${a.url}/kommun/${k}`)).text();
    const group = /value="(G\d+)"/.exec(html)?.[1];
    if (group) paths.push(`/kommun/${k}?ref=${group}`, `/nyckeltal/${kpi(3)}?kommun=${k}&ref=${group}`);
  }

  const differ: string[] = [];
  const statuses = new Map<number, number>();
  // Swedish, and every fifth page in English too (numbers are written differently).
  const asked = [
    ...paths.map((p) => ({ path: p, lang: 'sv' })),
    ...paths.filter((_, i) => i % 5 === 0).map((p) => ({ path: p, lang: 'en' })),
  ];
  for (const { path, lang } of asked) {
    const headers = { cookie: `etablera_lang=${lang}` };
    const [ra, rb] = await Promise.all([fetch(a.url + path, { headers }), fetch(b.url + path, { headers })]);
    // Asset links carry their content's hash, which differs whenever the client script does.
    const withoutAssetHashes = (t: string) => t.replace(/\?v=[0-9a-f]{12}/g, '?v=…');
    const [ta, tb] = [withoutAssetHashes(await ra.text()), withoutAssetHashes(await rb.text())];
    statuses.set(ra.status, (statuses.get(ra.status) ?? 0) + 1);
    if (ra.status === rb.status && ta === tb) continue;
    differ.push(`${path} (${lang})`);
    if (differ.length <= 3) {
      let i = 0;
      while (i < ta.length && ta[i] === tb[i]) i++;
      console.log(`${path}: ${ra.status} / ${rb.status}, first difference at ${i}`);
      console.log(`  other: …${ta.slice(Math.max(0, i - 120), i + 120)}`);
      console.log(`  this:  …${tb.slice(Math.max(0, i - 120), i + 120)}`);
    }
  }
  console.log(
    `${dialect}: ${asked.length} pages (statuses ${[...statuses].map(([s, n]) => `${s}×${n}`).join(', ')}), ` +
      `${asked.length - differ.length} identical, ${differ.length} differ${differ.length ? `: ${differ.slice(0, 10).join(' ')}` : ''}`,
  );
  if (differ.length) process.exitCode = 1;
} finally {
  for (const s of servers) await s.stop();
}
