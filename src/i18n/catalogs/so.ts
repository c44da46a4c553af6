/** Somali: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { dialogueSo } from './dialogue/so.js';

export const so: PartialCatalog = {
  draft: true,
  messages: { ...dialogueSo },
};
