import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { describeFullData, KOLADA_META, SHARED_DATA } from '../../test/support/real-data.js';
import {
  INTEGRATION_AREAS,
  INTEGRATION_KPI_IDS,
  INTEGRATION_SET,
  integrationKpi,
} from './integration-set.js';

function koladaKpis(): Map<string, { id: string; title: string }> {
  return new Map(
    (
      JSON.parse(readFileSync(join(KOLADA_META, 'kpi.json'), 'utf8')) as {
        values: { id: string; title: string }[];
      }
    ).values.map((k) => [k.id, k]),
  );
}

// The researched list: its area column starts with SKR's number ("4 Etablering i arbete och studier …").
function researchedAreas(): Map<string, number> {
  const rows = parse(readFileSync(join(SHARED_DATA, 'kolada/integration-kpis.csv'), 'utf8'), {
    columns: true,
  }) as { id: string; area: string }[];
  return new Map(rows.map((r) => [r.id, Number.parseInt(r.area, 10)]));
}

describeFullData('integration set against the full Kolada catalogue and the research', () => {
  it('names only KPIs that exist in Kolada (kpi.json, 2026)', () => {
    const kolada = koladaKpis();
    const missing = INTEGRATION_SET.filter((k) => !kolada.has(k.id)).map((k) => k.id);
    expect(missing).toEqual([]);
  });

  it('puts each KPI in the area the research gives it', () => {
    const researched = researchedAreas();
    const number = new Map(INTEGRATION_AREAS.map((a) => [a.id, a.number]));
    const wrong = INTEGRATION_SET.filter((k) => researched.get(k.id) !== number.get(k.area)).map(
      (k) => `${k.id}: ${k.area} vs research ${researched.get(k.id)}`,
    );
    expect(wrong).toEqual([]);
  });
});

describe('integration set', () => {
  it('has valid areas, directions, units and labels, each id once', () => {
    const areas = new Set(INTEGRATION_AREAS.map((a) => a.id));
    for (const k of INTEGRATION_SET) {
      expect(areas.has(k.area), k.id).toBe(true);
      expect(['higher', 'lower', 'neither'], k.id).toContain(k.direction);
      expect(k.unit.trim(), k.id).not.toBe('');
      expect(k.label.trim().length, k.id).toBeGreaterThan(3);
      expect(k.label.length, k.id).toBeLessThanOrEqual(70);
    }
    expect(new Set(INTEGRATION_KPI_IDS).size).toBe(INTEGRATION_SET.length);
    expect(INTEGRATION_SET.length).toBeGreaterThanOrEqual(60);
  });

  it('covers every area and holds the whole SKR model', () => {
    for (const area of INTEGRATION_AREAS) {
      expect(
        INTEGRATION_SET.some((k) => k.area === area.id),
        area.id,
      ).toBe(true);
    }
    const model = INTEGRATION_SET.filter((k) => k.model).map((k) => k.id);
    expect(model.sort()).toEqual([
      'N00485',
      'N00486',
      'N00700',
      'N00704',
      'N00705',
      'N00706',
      'N00707',
      'N00708',
    ]);
    expect(integrationKpi('N00486')?.direction).toBe('higher');
    expect(integrationKpi('X99999')).toBeUndefined();
  });
});
