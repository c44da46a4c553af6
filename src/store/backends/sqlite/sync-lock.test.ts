/**
 * The SQLite sync lock (PostgreSQL's advisory lock is tested in src/kolada/sync-lock.test.ts): one
 * holder at a time, and a holder that was killed, whether reaped or left a zombie, holds nothing.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../../../test/support/real-data.js';
import { type FileLock, sqliteSyncLockPath, tryAcquireSqliteSyncLock } from './sync-lock.js';

let dir: string;
let database: string;
const held: FileLock[] = [];
const children: ChildProcess[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'etablera-lock-'));
  database = join(dir, 'etablera.db');
});
afterEach(() => {
  for (const lock of held.splice(0)) lock.release();
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function acquire(): FileLock | null {
  const lock = tryAcquireSqliteSyncLock(database);
  if (lock) held.push(lock);
  return lock;
}

/** Lines a child writes, as they come. */
function lines(child: ChildProcess): () => string[] {
  let text = '';
  child.stdout?.on('data', (d) => {
    text += d;
  });
  return () => text.split('\n').filter(Boolean);
}

async function waitFor<T>(value: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const v = value();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** The state letter of a process from /proc (Linux), e.g. 'S' sleeping, 'Z' zombie. */
function procState(pid: number): string | undefined {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0];
  } catch {
    return undefined;
  }
}

// Takes the lock in a process of its own and says so; it then waits to be killed.
const HOLDER = `import { tryAcquireSqliteSyncLock } from ${JSON.stringify(join(REPO_ROOT, 'src/store/backends/sqlite/sync-lock.ts'))};
const lock = tryAcquireSqliteSyncLock(process.argv[1]);
console.log(lock ? 'locked' : 'busy');
// Keeps the lock reachable: a connection the garbage collector finalises is closed, and its lock freed.
globalThis.heldLock = lock;
setInterval(() => {}, 1000);`;
const holderArgs = ['--import', 'tsx', '--input-type=module', '-e', HOLDER];

describe('SQLite sync lock', () => {
  it('has one holder at a time in a process, and is free again once released', () => {
    const first = acquire();
    expect(first).not.toBeNull();
    expect(acquire()).toBeNull();
    first?.release();
    first?.release(); // twice is harmless
    expect(acquire()).not.toBeNull();
  });

  it('is refused while another process holds it, and free as soon as that process is SIGKILLed', async () => {
    const child = spawn(process.execPath, [...holderArgs, database], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    const out = lines(child);
    expect(await waitFor(() => out()[0], 'the holder')).toBe('locked');
    expect(acquire()).toBeNull();
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(acquire()).not.toBeNull();
  });

  it.runIf(process.platform === 'linux')(
    'is free when its killed holder is a zombie nobody reaps',
    async () => {
      // The shell starts the holder, prints its PID and becomes `sleep`, which never reaps it: killed,
      // the holder stays a zombie with its PID still in the process table (as under an init that
      // does not reap orphans, or a parent that has not got round to it).
      const script = `"${process.execPath}" "$@" & echo $!; exec sleep 600`;
      const parent = spawn('sh', ['-c', script, 'sh', ...holderArgs, database], {
        cwd: REPO_ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      children.push(parent);
      const out = lines(parent);
      const pid = Number(await waitFor(() => out()[0], 'the holder PID'));
      expect(await waitFor(() => out()[1], 'the holder')).toBe('locked');
      expect(acquire()).toBeNull();
      process.kill(pid, 'SIGKILL');
      // The kernel closes a killed process's files as its last thread exits, a moment after SIGKILL,
      // and only then marks it a zombie (CI saw the lock free while it was still 'R'; the leader thread
      // alone shows 'Z' while the others are still closing the files): wait for one, then the other.
      expect(await waitFor(() => acquire() ?? undefined, 'the lock')).not.toBeNull();
      expect(await waitFor(() => (procState(pid) === 'Z' ? 'Z' : undefined), 'the zombie')).toBe('Z');
    },
  );

  it('ignores a PID lock file of earlier versions naming a running process, and removes it', () => {
    const legacy = `${database}.sync-lock`;
    writeFileSync(legacy, String(process.pid));
    expect(acquire()).not.toBeNull();
    expect(existsSync(legacy)).toBe(false);
    expect(existsSync(sqliteSyncLockPath(database))).toBe(true);
  });

  it('throws, rather than reporting the lock as held, when the lock file cannot be used', () => {
    writeFileSync(sqliteSyncLockPath(database), 'not an SQLite file, '.repeat(100));
    expect(() => acquire()).toThrow(/not a database/);
  });
});
