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

export function kpiDocument(ctx: PageContext, model: KpiViewModel, sort: Sort): TableDocument {
  const { t } = ctx;
  const k = model.kpi;
  const meta = [
    { key: 'kpi', label: t('comparator.kpi'), value: `${k.id} ${k.title}` },
    { key: 'year', label: t('comparator.metaYear'), value: model.year === null ? '' : String(model.year) },
    { key: 'gender', label: t('comparator.metaGender'), value: genderLabel(t, model.gender) },
  ];
  if (model.municipality)
    meta.push({
      key: 'municipality',
      label: t('comparator.chosenKommun'),
      value: `${model.municipality.title} (${model.municipality.id})`,
    });
  if (model.reference && model.referenceMean) {
    meta.push({
      key: 'reference',
      label: t('comparator.metaReference'),
      value: referenceLabel(t, model.reference.option),
    });
    meta.push({
      key: 'reference_mean',
      label: `${t('comparator.referenceMean')} (Etablera)`,
      value: model.referenceMean.value === null ? '' : String(model.referenceMean.value),
    });
  }
  if (model.riket.value !== null)
    meta.push({ key: 'riket', label: t('comparator.riket'), value: String(model.riket.value) });
  if (model.distribution) {
    meta.push({
      key: 'median',
      label: `${t('comparator.median')} (Etablera)`,
      value: String(model.distribution.median),
    });
    meta.push({
      key: 'mean',
      label: `${t('comparator.mean')} (Etablera)`,
      value: String(model.distribution.mean),
    });
  }
  return {
    title: t('comparator.exportTitleKpi', { id: `${k.id} ${k.label}` }),
    filename: safeFilename(`etablera-${k.id}-${model.year ?? ''}`),
    meta: documentMeta(ctx, meta),
    columns: [
      { key: 'rank', header: t('comparator.rank'), type: 'integer' },
      { key: 'municipality_id', header: t('comparator.kommunCode'), type: 'text' },
      { key: 'municipality', header: t('comparator.kommun'), type: 'text' },
      { key: 'value', header: t('comparator.value'), type: 'number' },
      { key: 'symbol', header: t('comparator.symbol'), type: 'text' },
      { key: 'position', header: t('comparator.position'), type: 'text' },
      { key: 'chosen', header: t('comparator.chosen'), type: 'text' },
      { key: 'in_reference', header: t('comparator.inReference'), type: 'text' },
    ],
    rows: sortRanking(model.ranking, sort).map((r) => ({
      rank: r.rank?.rank ?? null,
      municipality_id: r.municipality.id,
      municipality: r.municipality.title,
      value: r.cell.value,
      symbol: r.cell.symbol ? symbolMeaning(t, r.cell.symbol) : null,
      position: r.position === 'none' ? null : positionText(t, r.position),
      chosen: r.chosen ? t('comparator.yes') : null,
      in_reference: r.inReference ? t('comparator.yes') : null,
    })),
  };
}
