/** Ukrainian: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsUk } from './accounts/uk.js';
import { taxonomyUk } from './taxonomy/uk.js';

export const uk: PartialCatalog = {
  draft: true,
  messages: {
    ...accountsUk,
    ...taxonomyUk,
  },
};
