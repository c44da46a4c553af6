/** Runs `node bin/etablera.js …` as a child in its own process group, so SIGKILL reaches tsx's child too. */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '../support/real-data.js';

export interface CliRun {
  pid: number;
  exited: Promise<number | null>;
  output(): string;
  kill(): Promise<void>;
}

export function runCli(args: string[], env: NodeJS.ProcessEnv): CliRun {
  const child = spawn(process.execPath, [join(REPO_ROOT, 'bin/etablera.js'), ...args], {
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
