/**
 * Reads a gzipped values file (the full 7.4M values, or the fixture) once per process, keeping only the
 * KPIs asked for: lines are matched on their `{"kpi":"…"` prefix and only those are parsed, so a scan
 * costs little memory. NDJSON has one item a line; the fixture's envelope too, each followed by a comma.
 */
import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

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

/** Per values file: KPI → items. */
const caches = new Map<string, Map<string, DataItem[]>>();

/** Items per KPI, sorted by municipality then period, for the KPIs given (all when `kpis` is null). */
export async function loadValues(
  file: string,
  kpis: ReadonlySet<string> | null,
): Promise<Map<string, DataItem[]>> {
  let cache = caches.get(file);
  if (!cache) {
    cache = new Map();
    caches.set(file, cache);
  }
  const wanted = kpis ? [...kpis] : null;
  const missing = wanted ? wanted.filter((k) => !cache.has(k)) : null;
  if (missing === null || missing.length > 0) await scan(file, cache, missing ? new Set(missing) : null);
  const out = new Map<string, DataItem[]>();
  for (const kpi of wanted ?? cache.keys()) out.set(kpi, cache.get(kpi) ?? []);
  return out;
}

async function scan(
  file: string,
  cache: Map<string, DataItem[]>,
  kpis: ReadonlySet<string> | null,
): Promise<void> {
  const found = new Map<string, DataItem[]>();
  if (kpis) for (const k of kpis) found.set(k, []);
  const prefix = '{"kpi":"';
  let rest = '';
  const take = (line: string) => {
    if (!line.startsWith(prefix)) return;
    const kpi = line.slice(prefix.length, line.indexOf('"', prefix.length));
    if (kpis && !kpis.has(kpi)) return;
    const item = JSON.parse(line.endsWith(',') ? line.slice(0, -1) : line) as DataItem;
    const list = found.get(kpi) ?? [];
    found.set(kpi, list);
    list.push(item);
  };
  const decoder = new StringDecoder('utf8');
  const stream = createReadStream(file, { highWaterMark: 1 << 20 }).pipe(createGunzip());
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
