import { UsageError } from './usage-error.js';

/** Parses "a,b,c" id lists given on the command line. */
export function idList(name: string, pattern: RegExp) {
  return (text: string): string[] => {
    const ids = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = ids.find((id) => !pattern.test(id));
    if (bad !== undefined) throw new UsageError(`${name}: "${bad}" is not a valid id`);
    return ids;
  };
}

/** Parses "2015,2018" or "2010-2022" into years. */
export function yearList(text: string): number[] {
  const years: number[] = [];
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const range = /^(\d{4})-(\d{4})$/.exec(part);
    if (range) {
      const from = Number(range[1]);
      const to = Number(range[2]);
      if (to < from) throw new UsageError(`--years: range "${part}" runs backwards`);
      for (let y = from; y <= to; y++) years.push(y);
    } else if (/^\d{4}$/.test(part)) years.push(Number(part));
    else throw new UsageError(`--years: "${part}" is not a year (2022) or a range (2010-2022)`);
  }
  return years;
}
