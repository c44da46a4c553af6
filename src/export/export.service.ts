/**
 * Writes values back out in the shapes Etablera imports: Kolada v3 data objects as NDJSON, or the
 * long CSV. An export followed by an import reproduces the same values.
 */
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { presentDataItem, streamDataItems } from '../kolada/data-items.js';
import type { ValueFilter, ValueRepository } from '../store/repositories/value.repository.js';

export type ExportFormat = 'ndjson' | 'csv';

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
  for await (const record of streamDataItems(values.stream(filter), (r) => r.municipality)) {
    // Kolada v3's own shape, so `etablera import` reads it back unchanged.
    const item = presentDataItem('v3', 'municipality', record, true);
    buffer += `${JSON.stringify(options.demo ? { ...item, dataset: 'demo' } : item)}\n`;
    count += record.values.length;
    if (buffer.length > 1 << 16) {
      await write(out, buffer);
      buffer = '';
    }
  }
  if (buffer) await write(out, buffer);
  return count;
}
