/** The real plan files in ../shared/data/plan used by the Plan tests. */
import { join } from 'node:path';
import { SHARED_DATA } from './real-data.js';

export const LULEA_FILE = join(SHARED_DATA, 'plan/lulea-mal2040-arbete.yaml');
/** The Kolada KPIs the Luleå file binds its indicators to. */
export const LULEA_KPIS = ['N00973', 'N01951', 'N01802', 'N15428', 'N17461', 'N18409'];
