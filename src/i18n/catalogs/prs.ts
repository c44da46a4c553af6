/** Dari (Afghan Persian): for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsPrs } from './accounts/prs.js';
import { dialoguePrs } from './dialogue/prs.js';
import { iplanPrs } from './iplan/prs.js';
import { layoutPrs } from './layout/prs.js';
import { matchingPrs } from './matching/prs.js';
import { processPrs } from './process/prs.js';
import { taxonomyPrs } from './taxonomy/prs.js';

export const prs: PartialCatalog = {
  draft: true,
  messages: {
    ...layoutPrs,
    ...processPrs,
    ...iplanPrs,
    ...accountsPrs,
    ...taxonomyPrs,
    ...dialoguePrs,
    ...matchingPrs,
  },
};
