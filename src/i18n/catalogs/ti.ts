/** Tigrinya: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsTi } from './accounts/ti.js';
import { dialogueTi } from './dialogue/ti.js';
import { iplanTi } from './iplan/ti.js';
import { layoutTi } from './layout/ti.js';
import { matchingTi } from './matching/ti.js';
import { processTi } from './process/ti.js';
import { taxonomyTi } from './taxonomy/ti.js';

export const ti: PartialCatalog = {
  draft: true,
  messages: {
    ...layoutTi,
    ...processTi,
    ...iplanTi,
    ...accountsTi,
    ...taxonomyTi,
    ...dialogueTi,
    ...matchingTi,
  },
};
