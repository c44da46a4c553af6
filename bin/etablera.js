#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader so `npx etablera` works without a build step.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const [command, ...rest] = process.argv.slice(2);
// The server makes many short-lived objects per reply: with a 4 MB young generation (V8 lets it
// grow to 16 MB) they are collected early, about 50 MB less memory at the same throughput
// (BENCHMARKS.md). Other commands keep Node's defaults.
const nodeFlags = command === 'serve' ? JSON.parse(readFileSync(join(here, 'server-node-flags.json'), 'utf8')) : [];
const args = [...nodeFlags, '--import', import.meta.resolve('tsx'), join(here, '../src/cli/main.ts')];
const result = spawnSync(process.execPath, [...args, ...(command === undefined ? [] : [command]), ...rest], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
