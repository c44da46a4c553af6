#!/usr/bin/env node
// Smoke run: what a user does first, on whatever Node runs this script (CI runs it on Node 20 while
// the full suite runs on Node 24, see .ci/run). Through the `etablera` command (bin/etablera.js,
// so the build in .build/ as installed), into a new SQLite store in a temporary folder:
//   1. `etablera import` the committed fixture (test/fixture/kolada, Källa: Kolada);
//   2. `etablera keys new`, then `etablera serve` with that key on a free loopback port, first-start
//      sync and schedule off;
//   3. fetch the main pages, their .json/.csv/.xlsx, every asset a page links to, the API and the
//      taxonomy search, and check each reply (status, type, a marker in the body);
//   4. stop the server with SIGTERM and check that it shut down cleanly (exit code 0) and that it
//      logged no error.
// Any failure is listed and the exit code is 1. Usage: node scripts/smoke.mjs
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const fixture = join(root, 'test/fixture/kolada');
const work = mkdtempSync(join(tmpdir(), 'etablera-smoke-'));
const env = {
  ...process.env,
  ETABLERA_DATA_DIR: work,
  DATABASE_URL: '',
  ETABLERA_SYNC_ON_START: 'off',
  ETABLERA_SYNC_SCHEDULE: 'off',
  KOLADA_BASE_URL: 'http://127.0.0.1:9/v3',
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
};
const failures = [];
const etablera = join(root, 'bin/etablera.js');

function freePort() {
  return new Promise((done, fail) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
    server.on('error', fail);
  });
}

async function check(path, expect) {
  const started = performance.now();
  let problem = null;
  let bytes = 0;
  let status = '-';
  try {
    const reply = await fetch(`${base}${path}`, { redirect: 'manual' });
    status = reply.status;
    const body = Buffer.from(await reply.arrayBuffer());
    bytes = body.length;
    const type = reply.headers.get('content-type') ?? '';
    if (status !== (expect.status ?? 200)) problem = `status ${status}, expected ${expect.status ?? 200}`;
    else if (expect.type && !type.startsWith(expect.type))
      problem = `content-type ${type}, expected ${expect.type}`;
    else if (expect.text && !body.toString('utf8').includes(expect.text))
      problem = `no "${expect.text}" in the reply`;
    else if (expect.bytes && !body.subarray(0, expect.bytes.length).equals(expect.bytes))
      problem = 'not the expected file format';
    else if (bytes < (expect.minBytes ?? 1)) problem = `only ${bytes} bytes`;
    if (!problem && expect.onBody) expect.onBody(body.toString('utf8'));
  } catch (error) {
    problem = error.message;
  }
  const ms = Math.round(performance.now() - started);
  console.log(
    `${problem ? 'FAIL' : 'ok  '} ${String(status).padEnd(3)} ${String(bytes).padStart(8)} B ${String(ms).padStart(5)} ms  ${path}${problem ? `  — ${problem}` : ''}`,
  );
  if (problem) failures.push(`${path}: ${problem}`);
}

let base = '';
let server;
try {
  console.log(`Smoke run on Node ${process.version} in ${work}`);
  const files = readdirSync(fixture)
    .filter((f) => f.endsWith('.json') || f.endsWith('.json.gz'))
    .map((f) => join(fixture, f));
  const imported = spawnSync(process.execPath, [etablera, 'import', ...files], { env, encoding: 'utf8' });
  if (imported.status !== 0)
    throw new Error(`etablera import failed (${imported.status}):\n${imported.stderr}`);
  console.log(
    imported.stdout
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith(' '))
      .join('\n'),
  );

  // A data key, as an operator sets one (`etablera keys new`), so that Process starts too.
  const key = spawnSync(process.execPath, [etablera, 'keys', 'new', '--id', 'smoke'], {
    env,
    encoding: 'utf8',
  });
  if (key.status !== 0) throw new Error(`etablera keys new failed (${key.status}):\n${key.stderr}`);
  env.ETABLERA_PROCESS_KEYS = key.stdout.trim();

  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [etablera, 'serve', '--port', String(port)], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  server.stdout.on('data', (d) => {
    log += d;
  });
  server.stderr.on('data', (d) => {
    log += d;
  });
  const exited = new Promise((done) => server.on('exit', (code, signal) => done({ code, signal })));
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`the server exited at start:\n${log}`);
    if (Date.now() > deadline) throw new Error(`the server did not answer within 60 s:\n${log}`);
    const ok = await fetch(`${base}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 200));
  }

  const html = { type: 'text/html' };
  const assets = new Set();
  const collectAssets = (body) => {
    for (const m of body.matchAll(/(?:href|src|data-[a-z-]+)="(\/assets\/[^"]+)"/g))
      assets.add(m[1].replaceAll('&amp;', '&'));
  };
  await check('/', { ...html, text: 'Kolada', onBody: collectAssets });
  await check('/kommun/1282', { ...html, text: 'Landskrona', onBody: collectAssets });
  await check('/kommun/1282.json', { type: 'application/json', text: 'Landskrona' });
  await check('/kommun/1282.csv', { type: 'text/csv', text: 'Kolada' });
  await check('/kommun/1282.xlsx', {
    type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    bytes: Buffer.from('PK'),
  });
  await check('/nyckeltal/N00700', { ...html, text: 'N00700', onBody: collectAssets });
  await check('/jamfor?kommun=1282&kpi=N00700', { ...html, text: 'Landskrona', onBody: collectAssets });
  await check('/analys', html);
  await check('/analys/forvantat?kpi=N00700', { ...html, text: 'N00700' });
  await check('/analys/samband?x=N00700&y=N00708', { ...html, text: 'N00708' });
  await check('/logga-in', { ...html, text: 'form' });
  await check('/kommun/9999', { status: 404, type: 'text/html' });
  for (const asset of [...assets].sort()) await check(asset, { minBytes: 100 });
  if (![...assets].some((a) => a.includes('kommuner.geojson')))
    failures.push('no page links the map (kommuner.geojson)');

  await check('/api/status', { type: 'application/json', text: '"dataset"' });
  await check('/v3/kpi/N00700', { type: 'application/json', text: 'N00700' });
  await check('/v3/municipality?title=Landskrona', { type: 'application/json', text: '1282' });
  await check('/v3/data/kpi/N00700/year/2020', { type: 'application/json', text: '"values"' });
  await check('/v2/data/kpi/N00700/municipality/1282', { type: 'application/json', text: '"values"' });
  await check('/api/openapi.json', { type: 'application/json', text: '"openapi"' });
  // The taxonomy snapshot loads in the background at first start; wait for it (at most 2 minutes).
  const taxonomyBy = Date.now() + 120_000;
  while (
    Date.now() < taxonomyBy &&
    !/Taxonomy snapshot loaded|Loading the taxonomy snapshot failed/.test(log)
  )
    await new Promise((r) => setTimeout(r, 500));
  await check('/api/taxonomy/search?q=undersk%C3%B6terska', {
    type: 'application/json',
    text: '"results":[{',
  });

  process.kill(server.pid, 'SIGTERM');
  const { code, signal } = await exited;
  server = undefined;
  if (code !== 0) failures.push(`the server did not shut down cleanly on SIGTERM (exit ${code ?? signal})`);
  else console.log('ok   server stopped on SIGTERM with exit code 0');
  if (/"level":(50|60)/.test(log)) failures.push(`the server logged errors:\n${log}`);
} catch (error) {
  failures.push(error.message);
} finally {
  if (server) server.kill('SIGKILL');
  rmSync(work, { recursive: true, force: true });
}

if (failures.length) {
  console.error(`\nSmoke run FAILED on Node ${process.version}:\n- ${failures.join('\n- ')}`);
  process.exit(1);
}
console.log(`\nSmoke run passed on Node ${process.version}.`);
