/** Ukrainian: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsUk } from './accounts/uk.js';
import { dialogueUk } from './dialogue/uk.js';
import { iplanUk } from './iplan/uk.js';
import { layoutUk } from './layout/uk.js';
import { matchingUk } from './matching/uk.js';
import { processUk } from './process/uk.js';
import { taxonomyUk } from './taxonomy/uk.js';

export const uk: PartialCatalog = {
  draft: true,
  messages: {
    ...layoutUk,
    ...processUk,
    ...iplanUk,
    ...accountsUk,
    ...taxonomyUk,
    ...dialogueUk,
    ...matchingUk,
  },
};
