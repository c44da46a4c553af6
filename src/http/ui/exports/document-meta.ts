/** The header block every export starts with: source (Kolada or demo data), page facts, date, link. */
import type { PageContext } from '../page-context.js';
import { withParams } from '../page-context.js';
import type { MetaEntry } from './table-document.js';

export function documentMeta(ctx: PageContext, entries: MetaEntry[]): MetaEntry[] {
  const { t } = ctx;
  const source = ctx.dataset === 'demo' ? t('layout.demoBanner') : t('layout.sourceKolada');
  return [
    { key: 'source', label: t('comparator.metaSource'), value: source },
    ...entries,
    { key: 'created', label: t('comparator.metaCreated'), value: ctx.now },
    { key: 'url', label: t('comparator.metaUrl'), value: `${ctx.publicBase}${withParams(ctx, {})}` },
  ];
}
