import type { iplanSv } from './sv.js';

/** The individual plan, guidance log and incentive ladder (issue 20): English, complete. */
export const iplanEn: Record<keyof typeof iplanSv, string> = {
  'errors.planChanged':
    'The plan has changed since you opened it (now version {current}, you started from {basedOn}): open it again and redo the change',
  'errors.invalidRule': 'The rule in "{parameter}" cannot be used: {detail}',
  'errors.noProposal': 'There is no proposal of level {level} to confirm for the person',
};
