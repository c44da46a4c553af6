/** Runs a child process and measures its wall time and peak RSS (GNU time's %M covers its descendants). */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR } from './bench-stores.js';

export interface ChildResult {
  code: number;
  stdout: string;
  stderr: string;
  seconds: number;
  /** Peak resident set size in MB of the child and the descendants it waited for; NaN if unknown. */
  peakRssMb: number;
}

const GNU_TIME = '/usr/bin/time';

export function runMeasured(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<ChildResult> {
  const timeFile = join(BENCH_DIR, `time-${process.pid}-${Date.now()}.txt`);
  const useTime = existsSync(GNU_TIME);
  const [cmd, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, command, ...args]] : [command, args];
  const started = process.hrtime.bigint();
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, argv, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      let peakRssMb = Number.NaN;
      if (useTime && existsSync(timeFile)) {
        const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
        peakRssMb = kb / 1024;
        rmSync(timeFile, { force: true });
      }
      resolvePromise({ code: code ?? 1, stdout, stderr, seconds, peakRssMb });
    });
  });
}
