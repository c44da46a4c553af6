/** The unweighted mean of a group, as Kolada computes group values: every member with a value counts once. */
import { mean } from 'simple-statistics';

export interface MeanResult {
  /** Unweighted mean of the members that have a value, or null. */
  value: number | null;
  /** Members that contributed a value. */
  count: number;
  /** Members in the group. */
  members: number;
}

export function unweightedMean(values: readonly (number | null | undefined)[]): MeanResult {
  const present = values.filter((v): v is number => Number.isFinite(v));
  return {
    value: present.length > 0 ? mean(present) : null,
    count: present.length,
    members: values.length,
  };
}
