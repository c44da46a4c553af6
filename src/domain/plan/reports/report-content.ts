/**
 * The content of a follow-up report, once, for every output: a flat list of blocks (headings,
 * paragraphs, tables with raw numbers, charts as SVG with their alt text) built from the period's
 * follow-up, the template and the language. HTML, PDF, Word and Excel are drawn from this same
 * content, and a frozen report keeps it (with its charts) as the snapshot of what was reported.
 */

import { chartRenderer } from '../../../documents/svg-chart.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { formatDate } from '../../../i18n/format.js';
import { type Translate, translator } from '../../../i18n/translator.js';
import type {
  ActionFollowup,
  IndicatorFollowup,
  NodeFollowup,
  PlanFollowup,
  SummaryLine,
} from '../followup.service.js';
import { summarise } from '../followup.service.js';
import { indicatorChart } from './report-chart.js';
import type { ReportTemplate, TemplateSection } from './report-template.js';

export type ReportLanguage = 'sv' | 'en';
export const REPORT_LANGUAGES: readonly ReportLanguage[] = ['sv', 'en'];

export type Cell = string | number | null;

export interface TableColumn {
  header: string;
  /** A column of numbers: right-aligned (Excel keeps them as numbers). */
  numeric?: boolean;
  /** Decimals shown; without, each number by itself (whole numbers none, others one). */
  decimals?: number;
}

export type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'table'; caption: string; sheet: string; columns: TableColumn[]; rows: Cell[][] }
  | {
      kind: 'chart';
      id: string;
      svg: string;
      width: number;
      height: number;
      caption: string;
      alt: string;
      source: string;
    };

export interface ReportContent {
  lang: ReportLanguage;
  title: string;
  subtitle: string;
  plan_id: number;
  period: string;
  blocks: Block[];
}

export interface ReportMeta {
  lang: ReportLanguage;
  template: ReportTemplate;
  /** A goal whose part the report covers (a unit's part); null: the whole plan. */
  scopeNodeId: number | null;
  /** When the data was read (ISO). */
  generatedAt: string;
  /** Set on a frozen report: when, and its version number. */
  frozen?: { at: string; version: number };
  /** The workflow state, shown as a draft mark unless frozen. */
  state?: 'draft' | 'activated' | 'approved';
}

/** The report's content from the follow-up (already limited to the period). */
export async function buildReportContent(followup: PlanFollowup, meta: ReportMeta): Promise<ReportContent> {
  const renderChart = await chartRenderer();
  const t = translator(meta.lang);
  const lang = meta.lang;
  const byId = new Map(followup.nodes.map((n) => [n.id, n]));
  const inScope = scopeOf(followup, meta.scopeNodeId);
  const nodes = followup.nodes.filter((n) => inScope.has(n.id));
  const indicators = followup.indicators.filter((i) => inScope.has(i.node_id));
  const actions = followup.actions.filter((a) => inScope.has(a.node_id));
  const roots = nodes.filter((n) => n.parent_id === null || !inScope.has(n.parent_id));
  const blocks: Block[] = [];
  const scopeNode = meta.scopeNodeId === null ? undefined : byId.get(meta.scopeNodeId);
  const subtitle = t('report.subtitle', { period: followup.period });

  blocks.push({ kind: 'heading', level: 1, text: followup.plan.title });
  blocks.push({ kind: 'paragraph', text: subtitle });
  if (scopeNode) blocks.push({ kind: 'paragraph', text: t('report.scope', { node: nodeName(scopeNode) }) });
  blocks.push({
    kind: 'paragraph',
    note: true,
    text: meta.frozen
      ? t('report.frozen', { date: formatDate(meta.frozen.at, lang), version: meta.frozen.version })
      : `${t('report.draftMark', { state: t(`report.state.${meta.state ?? 'draft'}` as MessageKey) })} ${t('report.generated', { date: formatDate(meta.generatedAt, lang) })}`,
  });

  let chartNo = 0;
  const goalSection = (
    root: NodeFollowup,
    options: { indicators?: boolean; charts?: boolean; actions?: boolean },
  ) => {
    const below = [root, ...descendants(nodes, root.id)];
    for (const node of below) {
      const level = Math.min(2 + depthBelow(node, root, byId), 4);
      blocks.push({ kind: 'heading', level, text: nodeName(node) });
      blocks.push({
        kind: 'paragraph',
        text: t('report.verdict', {
          period: followup.period,
          verdict: node.verdict?.label ?? t('plan.noVerdictYet'),
        }),
      });
      if (node.followup?.comment)
        blocks.push({ kind: 'paragraph', text: t('report.comment', { comment: node.followup.comment }) });
      if (node.responsible)
        blocks.push({ kind: 'paragraph', text: t('report.responsible', { responsible: node.responsible }) });
      const own = indicators.filter((i) => i.node_id === node.id);
      if (options.indicators !== false && own.length) {
        blocks.push(indicatorTable(t, t('report.indicatorTable', { title: nodeName(node) }), own));
        for (const i of own)
          if (i.followup?.comment)
            blocks.push({ kind: 'paragraph', text: `${indicatorName(i)}: ${i.followup.comment}` });
      }
      if (options.charts !== false)
        for (const i of own) blocks.push(indicatorChart(i, lang, t, `c${++chartNo}`, renderChart));
      const acts = actions.filter((a) => a.node_id === node.id);
      if (options.actions !== false && acts.length)
        blocks.push(actionTable(t, t('report.actionTable', { title: nodeName(node) }), acts));
    }
  };

  for (const section of meta.template.sections) {
    switch (section.type) {
      case 'introduction':
        blocks.push({ kind: 'heading', level: 2, text: t('report.introduction') });
        blocks.push({
          kind: 'paragraph',
          text: section.text ?? t('report.introText', { plan: followup.plan.title, period: followup.period }),
        });
        break;
      case 'summary':
        summaryBlocks(t, blocks, nodes, indicators, actions, roots);
        break;
      case 'goals':
        for (const root of roots) goalSection(root, section);
        break;
      case 'goal': {
        const node = byId.get(section.node);
        if (node && inScope.has(node.id)) goalSection(node, section);
        break;
      }
      case 'indicators':
        blocks.push({ kind: 'heading', level: 2, text: t('report.allIndicators') });
        blocks.push(indicatorTable(t, t('report.allIndicators'), indicators));
        break;
      case 'actions':
        blocks.push({ kind: 'heading', level: 2, text: t('report.allActions') });
        blocks.push(
          actions.length
            ? actionTable(t, t('report.allActions'), actions)
            : { kind: 'paragraph', text: t('report.noActions') },
        );
        break;
      case 'text':
        blocks.push({ kind: 'heading', level: 2, text: section.title });
        for (const line of section.text.split(/\n+/).filter((l) => l.trim()))
          blocks.push({ kind: 'paragraph', text: line });
        break;
      default:
        unreachable(section);
    }
  }
  return {
    lang,
    title: followup.plan.title,
    subtitle,
    plan_id: followup.plan.id,
    period: followup.period,
    blocks,
  };
}

function unreachable(section: never): never {
  throw new Error(`unknown section ${JSON.stringify(section as TemplateSection)}`);
}

/** The scope's nodes: the given node and everything below it, or every node. */
export function scopeOf(followup: PlanFollowup, scopeNodeId: number | null): Set<number> {
  if (scopeNodeId === null) return new Set(followup.nodes.map((n) => n.id));
  return new Set([scopeNodeId, ...descendants(followup.nodes, scopeNodeId).map((n) => n.id)]);
}

/** The nodes below `id`, depth first in the plan's order. */
function descendants(nodes: readonly NodeFollowup[], id: number): NodeFollowup[] {
  const out: NodeFollowup[] = [];
  for (const child of nodes.filter((n) => n.parent_id === id))
    out.push(child, ...descendants(nodes, child.id));
  return out;
}

function depthBelow(node: NodeFollowup, root: NodeFollowup, byId: Map<number, NodeFollowup>): number {
  let depth = 0;
  for (let n = node; n.id !== root.id && n.parent_id !== null; n = byId.get(n.parent_id)!) depth++;
  return depth;
}

export const nodeName = (n: { code: string | null; title: string }) =>
  n.code ? `${n.code} ${n.title}` : n.title;
const indicatorName = (i: IndicatorFollowup) => (i.code ? `${i.code} ${i.title}` : i.title);

/** The indicator's own series (its gender) up to the period. */
export function ownPoints(i: IndicatorFollowup): { period: string; value: number }[] {
  const gender = i.kolada?.gender ?? 'T';
  return i.values.flatMap((v) => (v[gender] === null ? [] : [{ period: v.period, value: v[gender]! }]));
}

function trendText(t: Translate, i: IndicatorFollowup): string {
  if (!i.effective_direction) return t('plan.trendNone');
  const words = t(`plan.trend.${i.effective_direction}` as MessageKey);
  return i.trend_override ? `${words} (${t('plan.trendOverridden')})` : words;
}

export { trendText };

function indicatorTable(t: Translate, caption: string, indicators: readonly IndicatorFollowup[]): Block {
  const rows: Cell[][] = indicators.map((i) => {
    const last = ownPoints(i).at(-1);
    const compared = last
      ? (i.comparison?.values.find((v) => v.period === last.period)?.value ?? null)
      : null;
    return [
      indicatorName(i),
      last?.value ?? null,
      last?.period ?? '',
      compared,
      trendText(t, i),
      i.target_attainment?.target ?? null,
      i.source === 'kolada' ? t('report.sourceKolada') : t('report.sourceOwn'),
    ];
  });
  return {
    kind: 'table',
    caption,
    sheet: caption,
    columns: [
      { header: t('report.col.indicator') },
      { header: t('report.col.latest'), numeric: true },
      { header: t('report.col.latestPeriod') },
      { header: t('report.col.comparison'), numeric: true },
      { header: t('report.col.trend') },
      { header: t('report.col.target'), numeric: true },
      { header: t('report.col.source') },
    ],
    rows,
  };
}

function actionTable(t: Translate, caption: string, actions: readonly ActionFollowup[]): Block {
  return {
    kind: 'table',
    caption,
    sheet: caption,
    columns: [
      { header: t('report.col.action') },
      { header: t('report.col.responsible') },
      { header: t('report.col.due') },
      { header: t('report.col.status') },
      { header: t('report.col.progress'), numeric: true, decimals: 0 },
    ],
    rows: actions.map((a) => [
      a.code ? `${a.code} ${a.title}` : a.title,
      a.responsible ?? '',
      a.due ?? '',
      t(`plan.status.${statusKey(a.status)}` as MessageKey),
      a.progress,
    ]),
  };
}

const statusKey = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function summaryBlocks(
  t: Translate,
  blocks: Block[],
  nodes: NodeFollowup[],
  indicators: IndicatorFollowup[],
  actions: ActionFollowup[],
  roots: NodeFollowup[],
) {
  // The scope's top nodes are its goal areas (a unit's part starts below the plan's areas).
  const rootIds = new Set(roots.map((r) => r.id));
  const summary = summarise(
    nodes.map((n) => (rootIds.has(n.id) ? { ...n, parent_id: null } : n)),
    indicators,
    actions,
  );
  const sentence = (l: SummaryLine) => t('plan.summaryLine', { positive: l.positive, total: l.total });
  blocks.push({ kind: 'heading', level: 2, text: t('plan.summaryTitle') });
  blocks.push({
    kind: 'paragraph',
    text: `${sentence(summary.indicators)}. ${t('plan.summaryRest', {
      negative: summary.indicators.negative,
      unchanged: summary.indicators.unchanged,
      without: summary.indicators.without_trend,
    })}`,
  });
  blocks.push({
    kind: 'table',
    caption: t('plan.summaryByArea'),
    sheet: t('report.sheet.summary'),
    columns: [
      { header: t('report.col.area') },
      { header: t('report.col.positive'), numeric: true, decimals: 0 },
      { header: t('report.col.total'), numeric: true, decimals: 0 },
    ],
    rows: summary.by_area.map((a) => [nodeName(a), a.positive, a.total]),
  });
}
