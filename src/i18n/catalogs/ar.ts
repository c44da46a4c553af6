/** Arabic: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsAr } from './accounts/ar.js';
import { dialogueAr } from './dialogue/ar.js';
import { iplanAr } from './iplan/ar.js';
import { layoutAr } from './layout/ar.js';
import { matchingAr } from './matching/ar.js';
import { processAr } from './process/ar.js';
import { taxonomyAr } from './taxonomy/ar.js';

export const ar: PartialCatalog = {
  draft: true,
  messages: {
    ...layoutAr,
    ...accountsAr,
    ...taxonomyAr,
    ...dialogueAr,
    ...processAr,
    ...iplanAr,
    ...matchingAr,
  },
};
