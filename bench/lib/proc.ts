/** What a benchmark reads about processes from Linux's /proc: the tree below one, and their memory. */
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/** Every process below `root` (from /proc: each process's parent is the 4th field of its stat). */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(name)]);
    } catch {
      // gone meanwhile
    }
  }
  const out: number[] = [];
  const walk = (pid: number) => {
    for (const c of children.get(pid) ?? []) {
      out.push(c);
      walk(c);
    }
  };
  walk(root);
  return out;
}

/**
 * This benchmark's chromium processes: the processes below it that run chromium's executable (tsx's
 * esbuild service, 5–8 MB, is a child too, and no part of chromium).
 */
export function chromiumBelow(root: number): number[] {
  return descendants(root).filter((pid) => {
    try {
      return readlinkSync(`/proc/${pid}/exe`).includes('chromium');
    } catch {
      return false;
    }
  });
}

export function statusKb(pid: number | 'self', field: 'VmRSS' | 'VmHWM'): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** Proportional set size: each shared page divided among the processes sharing it. */
export function pssKb(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** CPU time (user + system) in clock ticks from a /proc `stat` line: the 14th and 15th fields. */
export function cpuTicksOf(stat: string): number {
  // After the command name, which may hold spaces.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** The machine's CPU ticks by state, from the first line of /proc/stat. */
export function machineTicks(): { busy: number; idle: number; steal: number; total: number } {
  const cpuLine = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const [, user, nice, system, idle, iowait, irq, softirq, steal] = cpuLine.split(/\s+/).map(Number);
  const busy = (user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0);
  return {
    busy,
    idle: (idle ?? 0) + (iowait ?? 0),
    steal: steal ?? 0,
    total: busy + (idle ?? 0) + (iowait ?? 0) + (steal ?? 0),
  };
}

/** /proc counts CPU time in USER_HZ ticks, 100 a second on every Linux. */
export const TICKS_PER_S = 100;

/** CPU time (user + system, all its threads) `pid` has used so far, in seconds; 0 once it is gone. */
export function cpuSecondsOf(pid: number): number {
  try {
    return cpuTicksOf(readFileSync(`/proc/${pid}/stat`, 'utf8')) / TICKS_PER_S;
  } catch {
    return 0;
  }
}

/**
 * The PostgreSQL backends serving `database` (the server runs on this machine): PostgreSQL names them
 * `postgres: [cluster: ]<user> <database> <client> <state>`.
 */
export function postgresBackendPids(database: string): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const title = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (/^postgres: (?:\S+: )?\S+ (\S+) /.exec(title)?.[1] === database) out.push(Number(name));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}
