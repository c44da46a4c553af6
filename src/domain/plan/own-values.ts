/**
 * Values of own measures (indicators not bound to Kolada): from CSV `indicator,period,value[,gender]`
 * or pushed through the API. All rows are checked first; any problem refuses the whole batch.
 */

import { createRequire } from 'node:module';
import { UserError } from '../../errors/user-error.js';
import type { IndicatorRow, PlanRepository, PlanRow } from '../../store/repositories/plan.repository.js';
import type { Gender } from '../../store/schema.js';
import { parsePeriod } from './periods.js';
import { PlanNotFoundError } from './plan.service.js';
import { GENDERS } from './plan-document.js';

export interface OwnValueInput {
  period: string;
  value: number;
  gender?: Gender;
}

/** Bad values: each problem located ("file:line" or "values[i]"), nothing written. */
export class OwnValueError extends UserError {
  constructor(readonly problems: { location: string; message: string }[]) {
    super(problems.map((p) => `${p.location}: ${p.message}`).join('\n'));
    this.name = 'OwnValueError';
  }
}

function checkValue(
  plan: PlanRow,
  indicator: IndicatorRow,
  input: { period: unknown; value: unknown; gender?: unknown },
): string | undefined {
  if (indicator.kpi_id)
    return `indicator ${indicator.code ?? indicator.id} reads Kolada ${indicator.kpi_id}; its values come from the KPI store`;
  if (typeof input.period !== 'string' || !parsePeriod(plan.period_kind, input.period))
    return `bad period "${String(input.period)}" (the plan's periods are ${plan.period_kind})`;
  if (typeof input.value !== 'number' || !Number.isFinite(input.value))
    return `value must be a number, got "${String(input.value)}"`;
  if (input.gender !== undefined && !(GENDERS as readonly unknown[]).includes(input.gender))
    return `gender must be T, K or M, got "${String(input.gender)}"`;
  return undefined;
}

export async function setOwnValues(
  repo: PlanRepository,
  indicatorId: number,
  values: readonly { period: unknown; value: unknown; gender?: unknown }[],
  by: string,
  now = new Date(),
): Promise<number> {
  const indicator = await repo.indicator(indicatorId);
  if (!indicator)
    throw new OwnValueError([{ location: 'indicator', message: `no indicator ${indicatorId}` }]);
  const plan = (await repo.plan(indicator.plan_id))!;
  const problems = values.flatMap((v, i) => {
    const message = checkValue(plan, indicator, v);
    return message ? [{ location: `values[${i}]`, message }] : [];
  });
  if (problems.length > 0) throw new OwnValueError(problems);
  const at = now.toISOString();
  await repo.upsertOwnValues(
    values.map((v) => ({
      indicator_id: indicatorId,
      period: v.period as string,
      value: v.value as number,
      gender: (v.gender as Gender | undefined) ?? 'T',
      changed_at: at,
      changed_by: by,
    })),
  );
  return values.length;
}

export async function importOwnValuesCsv(
  repo: PlanRepository,
  planId: number,
  text: string,
  file: string,
  by: string,
  now = new Date(),
): Promise<number> {
  const contents = await repo.contents(planId);
  if (!contents) throw new PlanNotFoundError(planId);
  let records: string[][];
  try {
    // Required here, not at start: only an import of own values needs the CSV parser.
    const { parse } = createRequire(import.meta.url)('csv-parse/sync') as typeof import('csv-parse/sync');
    records = parse(text, { bom: true, skip_empty_lines: true, trim: true, relax_column_count: true });
  } catch (error) {
    const e = error as { lines?: number; message: string };
    throw new OwnValueError([{ location: `${file}:${e.lines ?? 1}`, message: e.message }]);
  }
  const header = (records[0] ?? []).map((h) => h.toLowerCase());
  const expected = ['indicator', 'period', 'value'];
  if (
    !expected.every((h, i) => header[i] === h) ||
    (header.length === 4 && header[3] !== 'gender') ||
    header.length > 4
  )
    throw new OwnValueError([
      {
        location: `${file}:1`,
        message: `the header must be indicator,period,value[,gender], got ${header.join(',')}`,
      },
    ]);
  const byKey = new Map<string, IndicatorRow>();
  for (const i of contents.indicators) {
    byKey.set(String(i.id), i);
    if (i.code) byKey.set(i.code, i);
  }
  const problems: { location: string; message: string }[] = [];
  const rows: Parameters<PlanRepository['upsertOwnValues']>[0] = [];
  const at = now.toISOString();
  records.slice(1).forEach((r, index) => {
    const location = `${file}:${index + 2}`;
    const indicator = byKey.get(r[0] ?? '');
    if (!indicator) {
      problems.push({
        location,
        message: `no indicator "${r[0]}" in plan ${planId} (an id or a display code)`,
      });
      return;
    }
    const raw = r[2] ?? '';
    const value = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : Number.NaN;
    const input = { period: r[1], value: Number.isNaN(value) ? raw : value, gender: r[3] || undefined };
    const message = checkValue(contents.plan, indicator, input);
    if (message) problems.push({ location, message });
    else
      rows.push({
        indicator_id: indicator.id,
        period: input.period!,
        value,
        gender: (input.gender as Gender | undefined) ?? 'T',
        changed_at: at,
        changed_by: by,
      });
  });
  if (problems.length > 0) throw new OwnValueError(problems);
  await repo.transaction((trx) => trx.upsertOwnValues(rows));
  return rows.length;
}
