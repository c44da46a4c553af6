import { mean } from 'simple-statistics';

/** The unweighted mean of the members that have a value: how Kolada computes group values. */
export interface MeanResult {
  /** The mean, or null when no member has a value. */
  value: number | null;
  /** Members that contributed a value. */
  count: number;
  /** Members in the group. */
  members: number;
}

export function unweightedMean(values: readonly (number | null | undefined)[]): MeanResult {
  const present = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return { value: present.length > 0 ? mean(present) : null, count: present.length, members: values.length };
}
