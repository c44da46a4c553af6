/**
 * A synthetic plan's follow-up for the report benchmarks: `goals` goals × `perGoal` indicators, 15
 * years of values each, Riket as comparison and a target (what a large kommun plan looks like).
 */
import type {
  IndicatorFollowup,
  NodeFollowup,
  PlanFollowup,
} from '../../src/domain/plan/followup.service.js';

export function syntheticFollowup(goals: number, perGoal: number): PlanFollowup {
  const nodes: NodeFollowup[] = [];
  const indicators: IndicatorFollowup[] = [];
  const entry = {
    state: 'approved' as const,
    comment: 'Kommentar till målet.',
    updated_by: 'b',
    updated_at: '2024-01-01',
    ready_by: null,
    ready_at: null,
    approved_by: null,
    approved_at: null,
  };
  for (let g = 1; g <= goals; g++) {
    nodes.push({
      id: g,
      parent_id: null,
      depth: 0,
      code: `${g}`,
      type: 'mal',
      title: `Mål ${g} om arbete och egen försörjning`,
      responsible: 'Förvaltningen',
      deadline: '2025-02-14',
      verdict: { key: 'osakert', label: 'Osäkert om målet kan nås', icon: '', colour: null, missing: false },
      followup: entry,
    });
    for (let k = 1; k <= perGoal; k++) {
      const id = g * 100 + k;
      const values = Array.from({ length: 15 }, (_, y) => ({
        period: String(2010 + y),
        T: 40 + ((g * k + y * 3) % 25) + y * 0.4,
        K: null,
        M: null,
      }));
      indicators.push({
        id,
        node_id: g,
        code: `${g}.${k}`,
        title: `Indikator ${g}.${k}: andel invånare i arbete`,
        unit: '%',
        direction: 'higher',
        source: 'kolada',
        kolada: { kpi: 'N00000', municipality: '2580', gender: 'T' },
        source_note: 'Källa: Kolada',
        values,
        riket: values.map((v) => ({ ...v, T: v.T - 3 })),
        comparison: {
          kind: 'riket',
          title: 'Riket',
          group_id: '0000',
          computed_by: 'kolada',
          values: values.map((v) => ({ period: v.period, value: v.T - 3, n: null })),
        },
        baseline: null,
        targets: { '2026': 60 },
        trend_method: 'regression',
        trend: {
          method: 'regression',
          from: '2010',
          to: '2024',
          n: 15,
          change: 5,
          relative_change: 0.1,
          movement: 'up',
          direction: 'better',
        },
        trend_override: null,
        effective_direction: 'better',
        target_attainment: null,
        published: null,
        followup: null,
      });
    }
  }
  return {
    plan: {
      id: 1,
      title: 'Syntetisk plan med 300 indikatorer',
      period_kind: 'ar',
      organisation_id: '2580',
      municipality_id: '2580',
      status: 'adopted',
      version: 1,
    },
    period: '2024',
    approved_only: false,
    verdict_scale: [],
    nodes,
    indicators,
    actions: [],
    summary: undefined as never,
  };
}
