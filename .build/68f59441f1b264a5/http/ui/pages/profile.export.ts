/** The profile as a table for .json/.csv/.xlsx: one row per KPI, numbers at full precision. */

import { positionText, symbolMeaning } from '../components/values.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import { meanCell, type ProfileView, referenceLabel } from './profile.page.js';

export function profileDocument(ctx: PageContext, view: ProfileView, publicBase: string): TableDocument {
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
    title: t.exportTitleProfile(`${m.title} (${m.id})`),
    filename: safeFilename(`etablera-profil-${m.title}-${m.id}`),
    meta: documentMeta(
      ctx,
      [
        { key: 'municipality', label: t.kommun, value: `${m.title} (${m.id})` },
        {
          key: 'year',
          label: t.metaYear,
          value: model.year === 'latest' ? t.latestYear : String(model.year),
        },
        {
          key: 'reference',
          label: t.metaReference,
          value: `${refLabel} (${model.reference.members.length} ${t.kommunerWord})`,
        },
        { key: 'note', label: t.metaNote, value: t.referenceNote },
      ],
      publicBase,
    ),
    columns: [
      { key: 'area', header: t.area, type: 'text' },
      { key: 'kpi_id', header: t.kpiId, type: 'text' },
      { key: 'kpi', header: t.kpi, type: 'text' },
      { key: 'kolada_title', header: 'Kolada', type: 'text' },
      { key: 'unit', header: t.unit, type: 'text' },
      { key: 'direction', header: t.direction, type: 'text' },
      { key: 'year', header: t.year, type: 'integer' },
      { key: 'value', header: `${t.value} ${m.title}`, type: 'number' },
      { key: 'symbol', header: t.symbol, type: 'text' },
      { key: 'women', header: t.women, type: 'number' },
      { key: 'men', header: t.men, type: 'number' },
      { key: 'rank', header: t.rank, type: 'integer' },
      { key: 'ranked', header: t.rankPopulation, type: 'integer' },
      { key: 'position', header: t.position, type: 'text' },
      { key: 'reference_mean', header: `${refLabel} (${t.referenceMean}, Etablera)`, type: 'number' },
      { key: 'reference_count', header: t.referenceCount, type: 'integer' },
      { key: 'riket', header: t.riket, type: 'number' },
    ],
    rows,
  };
}
