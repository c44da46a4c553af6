/** The `etablera` command run as a child process, the way users run it: `node bin/etablera.js …`. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './real-data.js';

export const ETABLERA_BIN = join(REPO_ROOT, 'bin/etablera.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the CLI to its end with `env` added to this process's environment and `stdin` as its input. */
export function cliResult(args: string[], options: { env?: NodeJS.ProcessEnv; stdin?: string } = {}) {
  return new Promise<CliResult>((resolve, reject) => {
    const child = spawn(process.execPath, [ETABLERA_BIN, ...args], {
      env: { ...process.env, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

export interface CliRun {
  pid: number;
  exited: Promise<number | null>;
  output(): string;
  kill(): Promise<void>;
}

/**
 * Starts the CLI in a process group of its own, so `kill()` (SIGKILL) reaches any child it starts;
 * for tests that kill it mid-way or watch its output while it runs.
 */
export function runCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [ETABLERA_BIN, ...args], {
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  let done = false;
  const exited = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      done = true;
      resolve(code);
    }),
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error('could not start the CLI');
  return {
    pid,
    exited,
    output: () => output,
    async kill() {
      if (!done) process.kill(-pid, 'SIGKILL');
      await exited;
    },
  };
}
