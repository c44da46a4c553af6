/** The header block every export starts with: source (Kolada or demo data), page facts, date, link. */
import type { PageContext } from '../page-context.js';
import { withParams } from '../page-context.js';
import type { MetaEntry } from './table-document.js';

export function documentMeta(ctx: PageContext, entries: MetaEntry[], publicBase = ''): MetaEntry[] {
  const { t } = ctx;
  const source = ctx.dataset === 'demo' ? t.demoBanner : t.sourceKolada;
  return [
    { key: 'source', label: t.metaSource, value: source },
    ...entries,
    { key: 'created', label: t.metaCreated, value: ctx.now },
    { key: 'url', label: t.metaUrl, value: `${publicBase}${withParams(ctx, {})}` },
  ];
}
