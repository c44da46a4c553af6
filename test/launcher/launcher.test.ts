/**
 * bin/etablera.js and scripts/build.mjs: the command runs the JavaScript build, knows when the build
 * no longer matches the source, and passes stop signals on to the server so it shuts down cleanly.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/real-data.js';

const BIN = join(REPO_ROOT, 'bin/etablera.js');
const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };

/** The packages a built file loads before it runs: its static imports and those of the chunks it imports. */
function staticPackages(dir: string, file: string, seen = new Set<string>()): Set<string> {
  const packages = new Set<string>();
  if (seen.has(file)) return packages;
  seen.add(file);
  const text = readFileSync(join(dir, file), 'utf8');
  for (const m of text.matchAll(/^import\s+(?:[^;]*?\s+from\s+)?"([^"]+)";/gms)) {
    const spec = m[1]!;
    if (spec.startsWith('./')) for (const p of staticPackages(dir, spec.slice(2), seen)) packages.add(p);
    else if (!spec.startsWith('node:'))
      packages.add(
        spec
          .split('/')
          .slice(0, spec.startsWith('@') ? 2 : 1)
          .join('/'),
      );
  }
  return packages;
}

/** Packages that only some commands or pages need, so they must not load at every start. */
const LOADED_WHEN_NEEDED = [
  'exceljs',
  'pg',
  'pg-cursor',
  '@node-rs/argon2',
  '@zxcvbn-ts/language-common',
  'stream-json',
  'csv-parse',
  '@fastify/ajv-compiler',
];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
    server.on('error', reject);
  });
}

describe('the build', () => {
  // Inside the checkout, as .build/ is: the bundle finds its packages in node_modules from there.
  mkdirSync(join(REPO_ROOT, '.tmp'), { recursive: true });
  const outDir = mkdtempSync(join(REPO_ROOT, '.tmp/build-test-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('is fresh when built, stale when a source file differs, and runs', async () => {
    const { build, freshEntry } = await import('../../scripts/build.mjs');
    expect(freshEntry({ outDir })).toBeUndefined(); // nothing built yet
    const manifest = await build({ outDir });
    expect(Object.keys(manifest.inputs)).toContain('src/cli/main.ts');
    const entry = freshEntry({ outDir });
    expect(entry).toBe(join(outDir, manifest.entry));

    const run = spawnSync(process.execPath, [entry!, '--version'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe(version);

    // What loads at start (the reason for the build): the command table needs commander and no store,
    // server or heavy library; the server (the chunk of src/http/app.ts) no package that only some
    // pages or commands use. A static import of one of them would undo the lazy loading unnoticed.
    const cli = staticPackages(outDir, manifest.entry);
    expect(cli).toContain('commander');
    for (const heavy of ['kysely', 'fastify', 'better-sqlite3', ...LOADED_WHEN_NEEDED])
      expect(cli).not.toContain(heavy);
    const appChunk = readdirSync(outDir).find(
      (f) => f.endsWith('.js') && readFileSync(join(outDir, f), 'utf8').includes('\n// src/http/app.ts\n'),
    );
    const server = staticPackages(outDir, appChunk!);
    expect(server).toContain('fastify');
    for (const heavy of LOADED_WHEN_NEEDED) expect(server).not.toContain(heavy);

    // A source file changed since the build (its size or time differs from the one recorded): stale.
    const edited = structuredClone(manifest);
    edited.inputs['src/http/app.ts']![1] -= 1000;
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(edited));
    expect(freshEntry({ outDir })).toBeUndefined();
    // A source file the build was made from is gone: stale.
    const gone = structuredClone(manifest);
    gone.inputs['src/http/removed-since.ts'] = [1, 1];
    writeFileSync(join(outDir, 'manifest.json'), JSON.stringify(gone));
    expect(freshEntry({ outDir })).toBeUndefined();
  });
});

describe('bin/etablera.js', () => {
  it('prints the version and the command list quickly, without loading the commands', () => {
    const run = spawnSync(process.execPath, [BIN, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(version);
    const help = spawnSync(process.execPath, [BIN, '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    for (const command of ['serve', 'import', 'backup', 'restore', 'sync', 'plan', 'taxonomy'])
      expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  describe('serve', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'etablera-launcher-'));
    const env = { ...process.env, DATABASE_URL: '', ETABLERA_DATA_DIR: dataDir };
    // What a first start loads in the background, loaded before, so the server is idle when stopped.
    beforeAll(() => {
      const load = spawnSync(process.execPath, [BIN, 'taxonomy', 'load-snapshot'], { env, encoding: 'utf8' });
      expect(load.status, load.stderr).toBe(0);
    });
    afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

    async function start(until: RegExp, detached = false): Promise<{ child: ChildProcess; port: number }> {
      const port = await freePort();
      const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port)], {
        detached,
        env: {
          ...env,
          ETABLERA_SYNC_ON_START: 'off',
          ETABLERA_SYNC_SCHEDULE: 'off',
          LOG_LEVEL: 'info',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let log = '';
      child.stdout!.on('data', (d) => {
        log += d;
      });
      child.stderr!.on('data', (d) => {
        log += d;
      });
      await expect
        .poll(
          () => {
            if (child.exitCode !== null) throw new Error(`server exited:\n${log}`);
            return until.test(log);
          },
          { timeout: 110_000, interval: 200 },
        )
        .toBe(true);
      return { child, port };
    }

    const exit = (child: ChildProcess) =>
      new Promise<{ code: number | null; signal: string | null }>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null)
          resolve({ code: child.exitCode, signal: child.signalCode });
        else child.on('exit', (code, signal) => resolve({ code, signal }));
      });

    // The signal goes to the launcher only (not its process group, as a service manager or `kill`
    // sends it): the server in the child process must still close and exit 0, not be cut off.
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      it(`passes ${signal} on: the server closes and both processes exit 0`, async () => {
        const { child, port } = await start(/Server listening/);
        const health = await fetch(`http://127.0.0.1:${port}/api/health`);
        expect(health.status).toBe(200);
        child.kill(signal);
        expect(await exit(child)).toEqual({ code: 0, signal: null });
        expect(await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => 'closed')).toBe('closed');
      });
    }

    it('takes Ctrl-C in a terminal (SIGINT to both processes, then passed on once more) as one stop', async () => {
      const { child, port } = await start(/Server listening/, true);
      process.kill(-child.pid!, 'SIGINT');
      expect(await exit(child)).toEqual({ code: 0, signal: null });
      expect(await fetch(`http://127.0.0.1:${port}/api/health`).catch(() => 'closed')).toBe('closed');
    });
  });
});
