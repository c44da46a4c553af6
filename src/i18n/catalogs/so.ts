/** Somali: for the newcomer-facing pages of Plan and Process, which add their texts here. */
import type { PartialCatalog } from '../catalog.js';
import { accountsSo } from './accounts/so.js';
import { dialogueSo } from './dialogue/so.js';
import { iplanSo } from './iplan/so.js';
import { layoutSo } from './layout/so.js';
import { matchingSo } from './matching/so.js';
import { processSo } from './process/so.js';
import { taxonomySo } from './taxonomy/so.js';

export const so: PartialCatalog = {
  draft: true,
  messages: {
    ...layoutSo,
    ...processSo,
    ...iplanSo,
    ...accountsSo,
    ...taxonomySo,
    ...dialogueSo,
    ...matchingSo,
  },
};
