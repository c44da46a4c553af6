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
