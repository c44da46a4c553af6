/** Arabic: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsAr } from './accounts/ar.js';
import { taxonomyAr } from './taxonomy/ar.js';

export const ar: PartialCatalog = {
  draft: true,
  messages: {
    ...accountsAr,
    ...taxonomyAr,
  },
};
