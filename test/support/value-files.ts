/** Writes small input files for import tests into a temporary folder. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'etablera-files-'));
}

export function writeText(dir: string, name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, name.endsWith('.gz') ? gzipSync(text) : text);
  return path;
}

/** One KPI as Kolada's v3 API gives it (`/v3/kpi`); the fields a test cares about in `fields`. */
export function koladaKpi(id: string, fields: Partial<Record<string, unknown>> & { title: string }) {
  return {
    id,
    description: `Beskrivning av ${fields.title}`,
    is_divided_by_gender: true,
    municipality_type: 'K',
    auspice: 'E',
    operating_area: 'Integration',
    perspective: 'Volymer',
    prel_publication_date: null,
    publication_date: '2026-04-01',
    publ_period: '2025',
    has_ou_data: false,
    ...fields,
  };
}

export function dataLine(
  kpi: string,
  municipality: string,
  period: number,
  total: number | null,
  women?: number,
): string {
  const values: object[] = [{ gender: 'T', count: 1, status: '', value: total, isdeleted: false }];
  if (women !== undefined) values.push({ gender: 'K', count: 1, status: '', value: women, isdeleted: false });
  return JSON.stringify({ kpi, municipality, period, values });
}

export const META = {
  municipalities: JSON.stringify({
    values: [
      { id: '0000', title: 'Riket', type: 'L' },
      { id: '1280', title: 'Malmö', type: 'K' },
      { id: '1282', title: 'Landskrona', type: 'K' },
      { id: '0180', title: 'Stockholm', type: 'K' },
    ],
    count: 4,
  }),
  kpisV3: JSON.stringify({
    values: ['N1', 'N2', 'N3'].map((id) => koladaKpi(id, { title: `KPI ${id} – åäö`, description: 'd' })),
    count: 3,
  }),
  groups: JSON.stringify({
    values: [
      {
        id: 'G1',
        title: 'Skåne (test)',
        members: [
          { member_id: '1280', member_title: 'Malmö' },
          { member_id: '1282', member_title: 'Landskrona' },
        ],
      },
    ],
    count: 1,
  }),
};
