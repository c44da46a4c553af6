/** The profile as a table for .json/.csv/.xlsx: one row per KPI, numbers at full precision. */

import { positionText, symbolMeaning } from '../components/values.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { meanCell, type ProfileView, referenceLabel } from './profile.page.js';

export function profileDocument(ctx: PageContext, view: ProfileView): TableDocument {
  const { t } = ctx;
  const { model } = view;
  const m = model.municipality;
  const refLabel = referenceLabel(t, model.reference.option);
  const rows = model.areas.flatMap(({ area, rows }) =>
    rows.map((r) => ({
      area: ctx.lang === 'en' ? area.titleEn : area.title,
      kpi_id: r.kpi.id,
      kpi: r.kpi.label,
      kolada_title: r.kpi.title,
      unit: r.kpi.unit,
      direction: r.kpi.direction,
      year: r.period,
      value: r.value.value,
      symbol: r.value.symbol ? symbolMeaning(t, r.value.symbol) : null,
      women: r.women.value,
      men: r.men.value,
      rank: r.rank?.rank ?? null,
      ranked: r.rank?.of ?? null,
      position: r.position === 'none' ? null : positionText(t, r.position),
      reference_mean: meanCell(r).value,
      reference_count: r.reference.count,
      riket: r.riket.value,
    })),
  );
  return {
    title: t('comparator.exportTitleProfile', { name: `${m.title} (${m.id})` }),
    filename: safeFilename(`etablera-profil-${m.title}-${m.id}`),
    meta: documentMeta(ctx, [
      { key: 'municipality', label: t('comparator.kommun'), value: `${m.title} (${m.id})` },
      {
        key: 'year',
        label: t('comparator.metaYear'),
        value: model.year === 'latest' ? t('comparator.latestYear') : String(model.year),
      },
      {
        key: 'reference',
        label: t('comparator.metaReference'),
        value: `${refLabel} (${model.reference.members.length} ${t('comparator.kommunerWord')})`,
      },
      { key: 'note', label: t('comparator.metaNote'), value: t('comparator.referenceNote') },
    ]),
    columns: [
      { key: 'area', header: t('comparator.area'), type: 'text' },
      { key: 'kpi_id', header: t('comparator.kpiId'), type: 'text' },
      { key: 'kpi', header: t('comparator.kpi'), type: 'text' },
      { key: 'kolada_title', header: 'Kolada', type: 'text' },
      { key: 'unit', header: t('comparator.unit'), type: 'text' },
      { key: 'direction', header: t('comparator.direction'), type: 'text' },
      { key: 'year', header: t('comparator.year'), type: 'integer' },
      { key: 'value', header: `${t('comparator.value')} ${m.title}`, type: 'number' },
      { key: 'symbol', header: t('comparator.symbol'), type: 'text' },
      { key: 'women', header: t('comparator.women'), type: 'number' },
      { key: 'men', header: t('comparator.men'), type: 'number' },
      { key: 'rank', header: t('comparator.rank'), type: 'integer' },
      { key: 'ranked', header: t('comparator.rankPopulation'), type: 'integer' },
      { key: 'position', header: t('comparator.position'), type: 'text' },
      {
        key: 'reference_mean',
        header: `${refLabel} (${t('comparator.referenceMean')}, Etablera)`,
        type: 'number',
      },
      { key: 'reference_count', header: t('comparator.referenceCount'), type: 'integer' },
      { key: 'riket', header: t('comparator.riket'), type: 'number' },
    ],
    rows,
  };
}
