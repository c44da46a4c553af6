#!/usr/bin/env node
// `npm run bench:start [-- --root <checkout>] [--runs N]`: how long Etablera takes to start, as a user
// starts it (`node bin/etablera.js …`, what `npm start` and the `etablera` command run):
//   version, help, import --help — `etablera --version` etc., start to exit;
//   serve — `etablera serve` on an existing SQLite store (first-start sync and schedule off), from
//             spawn to the "Server listening" log line.
// Wall time, and CPU time (user + system) of every process Etablera started (the launcher, the server
// child, esbuild's service) up to that moment, from /proc (10 ms ticks). `--root` measures another
// checkout, e.g. one before a change. Medians of N runs (default 5) after one warm-up run. Not a test.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const root = resolve(option('--root', resolve(import.meta.dirname, '../..')));
const runs = Number(option('--runs', '5'));
const TICK_S = 0.01; // USER_HZ is 100 on Linux

/** CPU seconds (user + system) of a process and all its living descendants, plus those it waited for. */
function treeCpu(pid) {
  let stat;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields after the name: state(0) … utime(11) stime(12) cutime(13) cstime(14)
  let cpu = (Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14])) * TICK_S;
  for (const task of readdirSync(`/proc/${pid}/task`)) {
    let children = '';
    try {
      children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
    } catch {}
    for (const child of children.split(' ').filter(Boolean)) cpu += treeCpu(Number(child));
  }
  return cpu;
}

/** Runs `node bin/etablera.js …` until an output line matches `until`, then stops it (SIGTERM). */
function measure(commandArgs, env, until) {
  return new Promise((done, fail) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, [join(root, 'bin/etablera.js'), ...commandArgs], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      // A process group of its own: the SIGTERM reaches the server whatever the launcher does with it.
      detached: true,
    });
    let output = '';
    let result;
    const onData = (chunk) => {
      output += chunk;
      if (!result && until.test(output)) {
        result = { wall: Number(process.hrtime.bigint() - started) / 1e9, cpu: treeCpu(child.pid) };
        process.kill(-child.pid, 'SIGTERM');
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      if (!result) return fail(new Error(`exited (${code ?? signal}) before ${until}: ${output}`));
      done(result);
    });
  });
}

/** A command that exits: wall from Node, CPU from GNU time (it sums the children the launcher waited for). */
function measureExit(commandArgs, env) {
  return new Promise((done, fail) => {
    const out = join(work, 'time.txt');
    const started = process.hrtime.bigint();
    const child = spawn(
      '/usr/bin/time',
      ['-o', out, '-f', '%U %S', process.execPath, join(root, 'bin/etablera.js'), ...commandArgs],
      { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('exit', (code) => {
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) return fail(new Error(`exit ${code}: ${stderr}`));
      const [user, sys] = readFileSync(out, 'utf8').trim().split('\n').at(-1).split(' ').map(Number);
      done({ wall, cpu: user + sys });
    });
  });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const work = mkdtempSync(join(tmpdir(), 'etablera-start-'));
const env = {
  ETABLERA_DATA_DIR: join(work, 'data'),
  ETABLERA_SYNC_ON_START: 'off',
  ETABLERA_SYNC_SCHEDULE: 'off',
  DATABASE_URL: '',
  PORT: '0',
};
try {
  // The first start creates the store (migrations, the taxonomy snapshot): not what is measured.
  await measure(['serve'], env, /Taxonomy snapshot loaded/);
  const cases = {
    version: () => measureExit(['--version'], env),
    help: () => measureExit(['--help'], env),
    'import --help': () => measureExit(['import', '--help'], env),
    serve: () => measure(['serve'], env, /Server listening/),
  };
  console.log(`${root}  node ${process.version}  load ${loadavg()[0].toFixed(2)}  median of ${runs}`);
  for (const [name, run] of Object.entries(cases)) {
    try {
      await run();
    } catch (error) {
      console.log(`${name.padEnd(14)} fails here: ${error.message.split('\n')[0]}`);
      continue;
    }
    const figures = [];
    for (let i = 0; i < runs; i++) figures.push(await run());
    const wall = median(figures.map((f) => f.wall));
    const cpu = median(figures.map((f) => f.cpu));
    console.log(`${name.padEnd(14)} wall ${wall.toFixed(2)} s   cpu ${cpu.toFixed(2)} s`);
  }
  console.log(`load ${loadavg()[0].toFixed(2)} at the end`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
