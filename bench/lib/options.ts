/** Command-line options of `npm run bench`. */
import type { Dialect } from '../../src/store/database.js';
import type { Warmup } from '../mix/warmup.js';

export const SECTIONS = [
  'import',
  'api',
  'page',
  'scale',
  'matching',
  'mix',
  'taxonomy',
  'inventory',
  'iplan',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  quick: boolean;
  sections: Section[];
  dialects: Dialect[];
  /** Repetitions of each import (the median is reported). */
  importRuns: number;
  /** Seconds each autocannon / in-process measurement runs. */
  seconds: number;
  /** Rebuild the cached 10× store even if one exists. */
  rebuildScale: boolean;
  /** Values-file subset for --quick imports (lines); 0 = the whole file. */
  quickLines: number;
  /** Only load the real store and generate the 10× store (no measurements). */
  prepare: boolean;
  /** Minutes of the mix soak (0: no soak). */
  soakMinutes: number;
  /** Unmeasured mix before each measured mix run (every worker's caches warm): seconds, or until steady. */
  warmup: Warmup;
  /** Measured mix rounds: each server (1 process, all workers) measured this many times, in turn. */
  rounds: number;
}

const USAGE = `npm run bench -- [options]
  --quick                  short runs (2 s per measurement, imports of the first 400,000 data lines)
  --only <list>            sections to run: ${SECTIONS.join(',')} (default: all)
  --dialect <list>         sqlite,postgres (default: both; PostgreSQL is skipped loudly if absent)
  --import-runs <n>        repetitions of each import, median reported (default 1)
  --seconds <n>            seconds per API measurement (default 10, --quick 2)
  --rebuild-scale          regenerate the cached 10x store
  --prepare                only load the bench stores (real data, 10x), measure nothing
  --soak                   after the mix, a 10-minute soak with all workers: memory growth, heap snapshots
  --soak-minutes <n>       the soak, n minutes long (e.g. 2 for a shorter check)
  --warmup <n|steady>      unmeasured mix before each measured mix run: n seconds, or 10-s windows until
                           throughput levels off, at most 300 s (default steady, --quick: --seconds)
  --rounds <n>             the mix measures 1 process and all workers in turn, n rounds of --seconds each,
                           the order alternating (default 3, --quick 1)`;

export function parseOptions(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    quick: false,
    sections: [...SECTIONS],
    dialects: ['sqlite', 'postgres'],
    importRuns: 1,
    seconds: 0,
    rebuildScale: false,
    quickLines: 0,
    prepare: false,
    soakMinutes: 0,
    warmup: -1,
    rounds: 0,
  };
  const args = [...argv];
  const value = (flag: string): string => {
    const v = args.shift();
    if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    return v;
  };
  while (args.length > 0) {
    const arg = args.shift() as string;
    if (arg === '--quick') options.quick = true;
    else if (arg === '--only') {
      const list = value(arg).split(',');
      for (const s of list)
        if (!(SECTIONS as readonly string[]).includes(s)) throw new Error(`unknown section "${s}"\n${USAGE}`);
      options.sections = list as Section[];
    } else if (arg === '--dialect') {
      const list = value(arg).split(',');
      for (const d of list)
        if (d !== 'sqlite' && d !== 'postgres') throw new Error(`unknown dialect "${d}"\n${USAGE}`);
      options.dialects = list as Dialect[];
    } else if (arg === '--import-runs') options.importRuns = Math.max(1, Number(value(arg)) || 1);
    else if (arg === '--seconds') options.seconds = Math.max(1, Number(value(arg)) || 1);
    else if (arg === '--rebuild-scale') options.rebuildScale = true;
    else if (arg === '--prepare') options.prepare = true;
    else if (arg === '--soak') options.soakMinutes = 10;
    else if (arg === '--soak-minutes') {
      const minutes = Number(value(arg));
      if (!(minutes > 0)) throw new Error(`--soak-minutes needs a number of minutes above 0\n${USAGE}`);
      options.soakMinutes = minutes;
    } else if (arg === '--warmup') {
      const given = value(arg);
      const seconds = Number(given);
      if (given !== 'steady' && !(seconds >= 0))
        throw new Error(
          `--warmup needs "steady" or a number of seconds, 0 or more (got "${given}")\n${USAGE}`,
        );
      options.warmup = given === 'steady' ? 'steady' : seconds;
    } else if (arg === '--rounds') {
      const given = value(arg);
      const rounds = Number(given);
      if (!Number.isInteger(rounds) || rounds < 1)
        throw new Error(`--rounds needs a whole number, 1 or more (got "${given}")\n${USAGE}`);
      options.rounds = rounds;
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else throw new Error(`unknown option "${arg}"\n${USAGE}`);
  }
  if (options.seconds === 0) options.seconds = options.quick ? 2 : 10;
  if (options.quick) options.quickLines = 400_000;
  if (options.warmup === -1) options.warmup = options.quick ? options.seconds : 'steady';
  if (options.rounds === 0) options.rounds = options.quick ? 1 : 3;
  return options;
}
