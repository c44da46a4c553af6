/**
 * A plan as a document: the shape of the import/export format (docs/plan-format.md), independent of
 * how the store keeps it. Field names follow the file format.
 */
import type { ActionStatus, PeriodKind, PlanStatus, TrendMethod } from '../../store/plan-schema.js';
import type { Direction, Gender } from '../../store/schema.js';
import type { DeadlineRule } from './periods.js';

export const TREND_METHODS: readonly TrendMethod[] = ['regression', 'baseline_latest', 'last_two'];
export const ACTION_STATUSES: readonly ActionStatus[] = [
  'ej_paborjad',
  'paborjad',
  'forsenad',
  'genomford',
  'avford',
];
export const COMPARISONS = ['riket', 'kommungrupp', 'liknande', 'grupp'] as const;
export type Comparison = (typeof COMPARISONS)[number];
export const DIRECTIONS: readonly Direction[] = ['higher', 'lower', 'neither'];
export const GENDERS: readonly Gender[] = ['T', 'K', 'M'];
export const PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'adopted', 'superseded'];

export interface VerdictLevelDoc {
  key: string;
  label: string;
  icon?: string;
  colour?: string;
  /** The "bedömning saknas" level. */
  missing?: boolean;
}

export interface VerdictDoc {
  period: string;
  level: string;
  text?: string;
}

export interface IndicatorDoc {
  code?: string;
  title: string;
  direction: Direction;
  unit?: string;
  kolada?: { kpi: string; municipality?: string; gender?: Gender };
  /** Own measure values by gender and period (a file's plain `values: {period: v}` is gender T). */
  values?: Partial<Record<Gender, Record<string, number>>>;
  baseline?: { period: string; value?: number };
  targets?: Record<string, number>;
  trend_method?: TrendMethod;
  /** First period of the regression span (default: the baseline period, else the first value). */
  trend_from?: string;
  compare_with?: Comparison;
  /** For compare_with: grupp — a Kolada group id or a list of kommun codes. */
  compare_group?: string | string[];
  published?: Record<string, Record<string, number>>;
}

export interface ActionDoc {
  code?: string;
  title: string;
  responsible?: string;
  start?: string;
  due?: string;
  status: ActionStatus;
  progress?: number;
  origin?: string;
}

export interface NodeDoc {
  code?: string;
  type: string;
  title: string;
  description?: string;
  responsible?: string;
  verdicts?: VerdictDoc[];
  indicators?: IndicatorDoc[];
  actions?: ActionDoc[];
  children?: NodeDoc[];
}

export interface PlanDoc {
  title: string;
  organisation: string;
  /** The kommun whose Kolada values indicators read by default (default: the organisation). */
  municipality?: string;
  status?: PlanStatus;
  public?: boolean;
  vision?: string;
  decision?: { body?: string; date?: string; reference?: string };
  source?: { url?: string; title?: string; licence_basis?: string; retrieved?: string };
  periods: { kind: PeriodKind; from: number; to: number; deadline?: DeadlineRule };
  verdict_scale: VerdictLevelDoc[];
  nodes: NodeDoc[];
}

/** The default ordinal scale when a plan names none: four levels and "bedömning saknas". */
export const DEFAULT_VERDICT_SCALE: readonly VerdictLevelDoc[] = [
  { key: 'uppnatt', label: 'Målet är uppnått' },
  { key: 'troligt', label: 'Troligt att målet nås' },
  { key: 'osakert', label: 'Osäkert om målet kan nås' },
  { key: 'inte_troligt', label: 'Inte troligt att målet nås' },
  { key: 'saknas', label: 'Bedömning saknas', missing: true },
];

/** Icons by position on the scale (best first): shape and text carry the meaning, never colour alone. */
const LEVEL_ICONS = ['●', '◕', '◑', '◔', '○'];
const LEVEL_COLOURS = ['#1a7f37', '#7ab800', '#d4a000', '#c4321c'];

export function defaultIcon(position: number, levels: number, missing: boolean): string {
  if (missing) return '?';
  const scaled = levels <= 1 ? 0 : Math.round((position / (levels - 1)) * (LEVEL_ICONS.length - 2));
  return LEVEL_ICONS[Math.min(scaled, LEVEL_ICONS.length - 2)]!;
}

export function defaultColour(position: number, levels: number, missing: boolean): string | undefined {
  if (missing) return undefined;
  const scaled = levels <= 1 ? 0 : Math.round((position / (levels - 1)) * (LEVEL_COLOURS.length - 1));
  return LEVEL_COLOURS[scaled];
}

/** "saknas"/"bedömning saknas" is the missing level unless a level says `missing` itself. */
export function isMissingLevel(level: VerdictLevelDoc): boolean {
  return level.missing ?? (level.key === 'saknas' || /bedömning saknas/i.test(level.label));
}
