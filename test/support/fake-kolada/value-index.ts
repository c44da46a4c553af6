/**
 * Reads the real values file (7.4M values) once per process, keeping only the KPIs asked for: lines are
 * matched on their `{"kpi":"…"` prefix and only those are parsed, so a scan costs little memory.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { KOLADA_VALUES } from '../real-data.js';

export interface DataEntry {
  gender: string;
  count: number;
  status: string;
  value: number | null;
  isdeleted: boolean;
}

export interface DataItem {
  kpi: string;
  municipality: string;
  period: number;
  values: DataEntry[];
}

const cache = new Map<string, DataItem[]>();

/** Items per KPI, sorted by municipality then period, for the KPIs given (all when `kpis` is null). */
export async function loadValues(kpis: ReadonlySet<string> | null): Promise<Map<string, DataItem[]>> {
  const wanted = kpis ? [...kpis] : null;
  const missing = wanted ? wanted.filter((k) => !cache.has(k)) : null;
  if (missing === null || missing.length > 0) await scan(missing ? new Set(missing) : null);
  const out = new Map<string, DataItem[]>();
  for (const kpi of wanted ?? cache.keys()) out.set(kpi, cache.get(kpi) ?? []);
  return out;
}

async function scan(kpis: ReadonlySet<string> | null): Promise<void> {
  const found = new Map<string, DataItem[]>();
  if (kpis) for (const k of kpis) found.set(k, []);
  const prefix = '{"kpi":"';
  let rest = '';
  const take = (line: string) => {
    if (!line.startsWith(prefix)) return;
    const kpi = line.slice(prefix.length, line.indexOf('"', prefix.length));
    if (kpis && !kpis.has(kpi)) return;
    const item = JSON.parse(line) as DataItem;
    const list = found.get(kpi) ?? [];
    found.set(kpi, list);
    list.push(item);
  };
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(KOLADA_VALUES, { highWaterMark: 1 << 20 }).pipe(createGunzip());
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    const text = rest + decoder.write(chunk);
    let start = 0;
    for (let end = text.indexOf('\n'); end !== -1; end = text.indexOf('\n', start)) {
      take(text.slice(start, end));
      start = end + 1;
    }
    rest = text.slice(start);
  }
  if (rest) take(rest);
  for (const [kpi, items] of found) {
    items.sort((a, b) =>
      a.municipality === b.municipality ? a.period - b.period : a.municipality < b.municipality ? -1 : 1,
    );
    cache.set(kpi, items);
  }
}
