/**
 * The sentences around an analysis — where its figures come from, the method, why a KPI was left
 * out — in the reader's language. The domain reports say which analysis and which reason by code;
 * the pages and the JSON API both put the words in here.
 */
import type { Translate } from '../../../i18n/translator.js';

export type AnalysisKind = 'statistik' | 'samband' | 'forvantat' | 'liknande';
export type LeftOutReason =
  | 'target-missing'
  | 'no-variation'
  | 'too-few-values'
  | 'non-positive-for-log'
  | 'zero-weight'
  | 'no-data';

export const analysisMethod = (t: Translate, kind: AnalysisKind) => t(`analysis.methodOf.${kind}`);
const REASON_KEY = {
  'target-missing': 'analysis.leftOutReason.targetMissing',
  'no-variation': 'analysis.leftOutReason.noVariation',
  'too-few-values': 'analysis.leftOutReason.tooFewValues',
  'non-positive-for-log': 'analysis.leftOutReason.nonPositiveForLog',
  'zero-weight': 'analysis.leftOutReason.zeroWeight',
  'no-data': 'analysis.leftOutReason.noData',
} as const satisfies Record<LeftOutReason, string>;

export const leftOutReason = (t: Translate, reason: LeftOutReason) => t(REASON_KEY[reason]);

/** A report as the JSON API sends it: with its source note and method, and each left-out KPI's reason as text. */
/** A statistics set's name: a group's own title, or "every kommun" in the reader's language. */
export function statisticSetTitle(t: Translate, set: { title: string | null }): string {
  return set.title ?? t('comparator.allKommuner');
}

export function withAnalysisTexts<R extends { analysis: AnalysisKind }>(report: R, t: Translate) {
  const leftOut = (report as { leftOutKpis?: { reason: LeftOutReason }[] }).leftOutKpis;
  const set = (report as { set?: { title: string | null } }).set;
  return {
    ...report,
    ...(set ? { set: { ...set, title: statisticSetTitle(t, set) } } : {}),
    note: t('analysis.note'),
    method: analysisMethod(t, report.analysis),
    ...(leftOut
      ? { leftOutKpis: leftOut.map((l) => ({ ...l, reasonText: leftOutReason(t, l.reason) })) }
      : {}),
  };
}
