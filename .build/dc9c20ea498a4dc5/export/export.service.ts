/**
 * Writes values back out in the shapes Etablera imports: Kolada v3 data objects as NDJSON, or the
 * long CSV. An export followed by an import reproduces the same values.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { ValueFilter, ValueRecord, ValueRepository } from '../store/repositories/value.repository.js';

export type ExportFormat = 'ndjson' | 'csv';

interface DataItem {
  kpi: string;
  municipality: string;
  period: number;
  values: { gender: string; count: number; status: string; value: number | null; isdeleted: boolean }[];
}

/** Groups the value stream (already ordered by KPI, municipality, year) into Kolada data items. */
export async function* dataItems(records: AsyncIterable<ValueRecord>): AsyncGenerator<DataItem> {
  let item: DataItem | null = null;
  for await (const r of records) {
    if (!item || item.kpi !== r.kpi || item.municipality !== r.municipality || item.period !== r.period) {
      if (item) yield item;
      item = { kpi: r.kpi, municipality: r.municipality, period: r.period, values: [] };
    }
    item.values.push({
      gender: r.gender,
      count: r.count,
      status: r.status,
      value: r.value,
      isdeleted: r.isDeleted,
    });
  }
  if (item) yield item;
}

// A spreadsheet treats a cell starting with these as a formula; a leading quote keeps it text.
function csvCell(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export async function exportValues(
  values: ValueRepository,
  filter: ValueFilter,
  format: ExportFormat,
  out: Writable,
  options: { demo?: boolean } = {},
): Promise<number> {
  let count = 0;
  // Demo data (generated, not real figures) is flagged on every row, so no copy can pass for Kolada's.
  const flag = options.demo ? ',demo' : '';
  if (format === 'csv') {
    await write(out, `kpi,municipality,period,gender,value,status${options.demo ? ',dataset' : ''}\n`);
    for await (const r of values.stream(filter)) {
      await write(
        out,
        `${csvCell(r.kpi)},${csvCell(r.municipality)},${r.period},${r.gender},${r.value ?? ''},${csvCell(r.status)}${flag}\n`,
      );
      count++;
    }
    return count;
  }
  let buffer = '';
  for await (const item of dataItems(values.stream(filter))) {
    buffer += `${JSON.stringify(options.demo ? { ...item, dataset: 'demo' } : item)}\n`;
    count += item.values.length;
    if (buffer.length > 1 << 16) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer) await write(out, buffer);
  return count;
}
