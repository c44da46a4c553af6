/** Choices the analysis forms offer: every kommun, and the KPIs worth suggesting (any id is accepted). */

import type { AnalysisReads } from '../../../domain/analysis/analysis-reads.js';
import { SIMILARITY_PRESETS, SKR_MODEL } from '../../../domain/analysis/presets.js';
import { INTEGRATION_SET } from '../../../domain/integration-set.js';

export interface Pickers {
  kommuner: { id: string; title: string }[];
  kpis: { id: string; title: string }[];
}

export async function pickers(repository: AnalysisReads): Promise<Pickers> {
  const kommuner = (await repository.municipalities('K'))
    .map((m) => ({ id: m.id, title: m.title }))
    .sort((a, b) => a.title.localeCompare(b.title, 'sv'));
  const suggested = [
    ...new Set([
      SKR_MODEL.outcome,
      ...SKR_MODEL.predictors,
      ...SIMILARITY_PRESETS.flatMap((p) => p.kpis.map((k) => k.id)),
      ...INTEGRATION_SET.map((k) => k.id),
    ]),
  ];
  const kpis = (await repository.kpis(suggested)).sort((a, b) => (a.id < b.id ? -1 : 1));
  return { kommuner, kpis: kpis.map((k) => ({ id: k.id, title: k.title })) };
}
