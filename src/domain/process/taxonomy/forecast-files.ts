/**
 * Arbetsförmedlingen's Yrkesprognoser as published in the Yrkesinfo import folder: the SSYK-keyed
 * national forecast with its explanatory texts (saved-PROD.json), the regional assessments per FA15
 * labour-market region (bedomning.csv, keyed by forecast occupation) and kommun → region
 * (kommuner.xlsx).
 */
import { Type } from '@sinclair/typebox';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { ImportError } from '../../../import/import-error.js';
import type {
  ForecastRow,
  LabourRegionRow,
  RegionalAssessmentRow,
} from '../../../store/repositories/taxonomy.repository.js';
import { checkShape, parseJson } from './jobtech-files.js';

export const FORECAST_SOURCE = 'Arbetsförmedlingen, Yrkesprognoser';

const NationalSchema = Type.Object({
  prognoser: Type.Array(
    Type.Object({
      ar: Type.String({ pattern: '^\\d{4}$' }),
      geografi: Type.String(),
      ssyk: Type.String({ pattern: '^\\d{4}$' }),
      concept_id: Type.Optional(Type.Union([Type.String(), Type.Null()])),
      bristvarde: Type.String({ pattern: '^\\d+(\\.\\d+)?$' }),
      ingress: Type.Optional(Type.String()),
      stycke1: Type.Optional(Type.String()),
      stycke2: Type.Optional(Type.String()),
      stycke3: Type.Optional(Type.String()),
    }),
  ),
});

export function readNationalForecast(text: string, file: string): ForecastRow[] {
  const data = checkShape(NationalSchema, parseJson(text, file), file);
  return data.prognoser
    .filter((p) => p.geografi === 'Riket')
    .map((p) => ({
      ssyk_code: p.ssyk,
      concept_id: p.concept_id || null,
      year: Number(p.ar),
      value: Number(p.bristvarde),
      text: [p.ingress, p.stycke1, p.stycke2, p.stycke3].filter((s) => s?.trim()).join('\n\n'),
      source: `${FORECAST_SOURCE} ${p.ar}`,
    }));
}

const int = (v: string | undefined): number | null => (v === undefined || v.trim() === '' ? null : Number(v));

export function readRegionalAssessments(csv: string, file: string): RegionalAssessmentRow[] {
  const rows = parse(csv, { columns: true, bom: true, delimiter: ';', skip_empty_lines: true }) as Record<
    string,
    string
  >[];
  return rows.map((r, i) => {
    const region = int(r.fa15nr);
    if (!r.conceptidprognosyrke || region === null || !Number.isInteger(region))
      throw new ImportError(`${file}:${i + 2}`, 'conceptidprognosyrke and fa15nr are required');
    return {
      forecast_occupation_id: r.conceptidprognosyrke,
      region,
      index_value: int(r.index),
      national_short: int(r.bedömning24),
      national_long: int(r.bedömning26),
      source: FORECAST_SOURCE,
    };
  });
}

export async function readLabourRegions(xlsx: Buffer, file: string): Promise<LabourRegionRow[]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  if (!sheet) throw new ImportError(file, 'the workbook has no sheet');
  const header = (sheet.getRow(1).values as unknown[]).map((v) => String(v ?? ''));
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new ImportError(`${file}:1`, `column "${name}" is missing`);
    return i;
  };
  const [nr, name, kommun, kommunName] = [col('FA15Nr'), col('FA15Namn'), col('kommunkod'), col('Kommun')];
  const out: LabourRegionRow[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const v = row.values as unknown[];
    const code = String(v[kommun] ?? '').padStart(4, '0');
    if (!/^\d{4}$/.test(code))
      throw new ImportError(`${file}:${n}`, `kommunkod must be 4 digits, got "${v[kommun]}"`);
    out.push({
      kommun_code: code,
      kommun_name: String(v[kommunName]),
      region: Number(v[nr]),
      region_name: String(v[name]),
      source: 'Arbetsförmedlingen, FA15-regioner (Yrkesinfo)',
    });
  });
  return out;
}
