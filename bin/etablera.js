#!/usr/bin/env node
// The `etablera` command. Runs the JavaScript build in .build/ (made by `npm install` through
// `prepare`, scripts/build.mjs); when the source changed since (a pull, an edit) it rebuilds first
// (≈ 1 s), and if it cannot build it runs the TypeScript through tsx as before (≈ 3 s more).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, freshEntry } from '../scripts/build.mjs';
import { serverEnv, serverNodeFlags } from './server-process.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const source = join(here, '../src/cli/main.ts');
const command = process.argv[2];

async function builtEntry() {
  const entry = freshEntry();
  if (entry || process.env.ETABLERA_BUILD === 'off') return entry;
  try {
    await build();
    // The build leaves esbuild's service (a child process, ≈ 13 MB) running for later builds; this
    // launcher makes no more, and for `serve` it lives as long as the server.
    const { stop } = await import('esbuild');
    await stop();
    return freshEntry();
  } catch (error) {
    console.error(`etablera: cannot build .build/ (${error.message}); running the TypeScript through tsx`);
    return undefined;
  }
}

const entry = await builtEntry();

if (command === 'serve') {
  // The server makes many short-lived objects per reply, and each scavenge copies the page being
  // rendered: an 8 MB young generation (bin/server-node-flags.json) halves the scavenges of a 4 MB one,
  // 15 % more throughput for ≈ 10 MB a process; the old generation may grow to 1.5× what survived the
  // last full collection before the next, not up to 4× (V8's choice on a machine with much memory),
  // which kept ≈ 150 MB of garbage in each worker (issue 24, BENCHMARKS.md session 35); and no
  // allocation-site pretenuring: V8 sometimes decided that a site's objects live long and made them
  // in the old generation, and such a process ran three times the full collections and spent ≈ 30 %
  // more CPU a request for its whole life (8 of 18 processes started; BENCHMARKS.md session 43).
  // V8 takes such flags only at start, hence a child process for `serve`.
  // ETABLERA_HEAP_MB adds the heap limit; the environment limits malloc's arenas (server-process.mjs).
  const loader = entry ? [] : ['--import', import.meta.resolve('tsx')];
  const child = spawn(process.execPath, [...serverNodeFlags(), ...loader, entry ?? source, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: serverEnv(),
  });
  // Pass stop signals on, so the server closes its connections and the store before it exits. (Ctrl-C
  // in a terminal reaches both processes; the server ignores a second signal while it shuts down.)
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => child.kill(signal));
  }
  child.on('exit', (code, signal) => {
    if (signal) {
      process.removeAllListeners(signal);
      process.kill(process.pid, signal);
    } else process.exit(code ?? 1);
  });
} else {
  if (!entry) await import('tsx');
  await import(pathToFileURL(entry ?? source).href);
}
