/** The KPI page as a table: every kommun's value, rank and position in the year shown. */
import type { KpiViewModel } from '../../../domain/comparison/kpi-view.service.js';
import { genderLabel } from '../components/form.js';
import { positionText, symbolMeaning } from '../components/values.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import type { PageContext } from '../page-context.js';
import type { Sort } from '../query.js';
import { sortRanking } from './kpi.page.js';
import { referenceLabel } from './profile.page.js';

export function kpiDocument(
  ctx: PageContext,
  model: KpiViewModel,
  sort: Sort,
  publicBase: string,
): TableDocument {
  const { t } = ctx;
  const k = model.kpi;
  const meta = [
    { key: 'kpi', label: t.kpi, value: `${k.id} ${k.title}` },
    { key: 'year', label: t.metaYear, value: model.year === null ? '' : String(model.year) },
    { key: 'gender', label: t.metaGender, value: genderLabel(t, model.gender) },
  ];
  if (model.municipality)
    meta.push({
      key: 'municipality',
      label: t.chosenKommun,
      value: `${model.municipality.title} (${model.municipality.id})`,
    });
  if (model.reference && model.referenceMean) {
    meta.push({ key: 'reference', label: t.metaReference, value: referenceLabel(t, model.reference.option) });
    meta.push({
      key: 'reference_mean',
      label: `${t.referenceMean} (Etablera)`,
      value: model.referenceMean.value === null ? '' : String(model.referenceMean.value),
    });
  }
  if (model.riket.value !== null)
    meta.push({ key: 'riket', label: t.riket, value: String(model.riket.value) });
  if (model.distribution) {
    meta.push({ key: 'median', label: `${t.median} (Etablera)`, value: String(model.distribution.median) });
    meta.push({ key: 'mean', label: `${t.mean} (Etablera)`, value: String(model.distribution.mean) });
  }
  return {
    title: t.exportTitleKpi(`${k.id} ${k.label}`),
    filename: safeFilename(`etablera-${k.id}-${model.year ?? ''}`),
    meta: documentMeta(ctx, meta, publicBase),
    columns: [
      { key: 'rank', header: t.rank, type: 'integer' },
      { key: 'municipality_id', header: t.kommunCode, type: 'text' },
      { key: 'municipality', header: t.kommun, type: 'text' },
      { key: 'value', header: t.value, type: 'number' },
      { key: 'symbol', header: t.symbol, type: 'text' },
      { key: 'position', header: t.position, type: 'text' },
      { key: 'chosen', header: t.chosen, type: 'text' },
      { key: 'in_reference', header: t.inReference, type: 'text' },
    ],
    rows: sortRanking(model.ranking, sort).map((r) => ({
      rank: r.rank?.rank ?? null,
      municipality_id: r.municipality.id,
      municipality: r.municipality.title,
      value: r.cell.value,
      symbol: r.cell.symbol ? symbolMeaning(t, r.cell.symbol) : null,
      position: r.position === 'none' ? null : positionText(t, r.position),
      chosen: r.chosen ? t.yes : null,
      in_reference: r.inReference ? t.yes : null,
    })),
  };
}
