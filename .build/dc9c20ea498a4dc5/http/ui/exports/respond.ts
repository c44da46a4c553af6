/**
 * Every page is also data: `/kommun/1282` is HTML, `/kommun/1282.json|.csv|.xlsx` the same content
 * as a file. This splits the format off a path segment and sends a TableDocument in that format.
 */
import type { FastifyReply } from 'fastify';
import { toCsv } from './csv.js';
import { toJson } from './json.js';
import type { TableDocument } from './table-document.js';
import { toXlsx } from './xlsx.js';

export type DataFormat = 'json' | 'csv' | 'xlsx';
export type Format = 'html' | DataFormat;
export const DATA_FORMATS: readonly DataFormat[] = ['json', 'csv', 'xlsx'];

/** "1282.csv" → { base: "1282", format: "csv" }; a segment without a known extension is HTML. */
export function splitFormat(segment: string): { base: string; format: Format } {
  const m = /^(.*)\.(json|csv|xlsx)$/.exec(segment);
  return m ? { base: m[1]!, format: m[2] as DataFormat } : { base: segment, format: 'html' };
}

const CONTENT_TYPES: Record<DataFormat, string> = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export async function sendDocument(
  reply: FastifyReply,
  doc: TableDocument,
  format: DataFormat,
): Promise<void> {
  reply.header('content-type', CONTENT_TYPES[format]);
  if (format !== 'json')
    reply.header('content-disposition', `attachment; filename="${doc.filename}.${format}"`);
  if (format === 'json') return reply.send(JSON.stringify(toJson(doc)));
  if (format === 'csv') return reply.send(toCsv(doc));
  return reply.send(await toXlsx(doc));
}
