import type { matchingSv } from './sv.js';

/** Matching (issue 19): English, complete. */
export const matchingEn: Record<keyof typeof matchingSv, string> = {
  'errors.personRestricted':
    'The person has objected to or restricted processing: no matching is done while the restriction holds',
};
