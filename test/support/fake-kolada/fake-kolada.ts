/**
 * A fake Kolada v3 API over real data (the committed fixture by default, or the full data in
 * ../shared/data): the same paths, envelopes, paging
 * (5000 items, next_url), limits (more than 25 ids in a segment or per_page over 5000 → 422) and
 * from_date, plus fault injection (latency, 429 with Retry-After, 500/503, a connection reset
 * mid-body, truncated JSON, a slow drip) and a log of every request. Values can be changed and
 * deleted to test incremental syncs.
 *
 * OU values (/oudata): no data set here has any, so the fake makes them up, deterministically (see
 * ou-data.ts): for the served KPIs that Kolada marks has_ou_data, over some 580 OUs (the real ones of
 * the data set's /ou, or synthetic OUs when it has none, as the fixture) × 2013–2022. They go through
 * the same paging, limits, from_date, overrides and faults as municipality values.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FIXTURE_KOLADA } from '../fixture.js';
import { KOLADA_RESOURCES, type KoladaFiles, type KoladaResource } from '../real-data.js';
import { type OuItem, ouUnits, syntheticOuValues } from './ou-data.js';
import { type DataEntry, loadValues } from './value-index.js';

export type FaultKind = 'latency' | '429' | '500' | '503' | 'reset' | 'truncated' | 'drip';
export const ALL_FAULTS: FaultKind[] = ['latency', '429', '500', '503', 'reset', 'truncated', 'drip'];

export interface FaultOptions {
  /** Share of requests that get a fault (0–1). */
  rate: number;
  kinds?: FaultKind[];
  seed?: number;
  latencyMs?: number;
  retryAfterSeconds?: number;
  /** Total time a dripped body takes. */
  dripMs?: number;
  /** Only requests whose path starts with this get faults (e.g. "/v3/oudata/"); default all. */
  pathPrefix?: string;
}

export interface FakeKoladaOptions {
  /** KPIs whose values are served (loaded from the values file); null serves all (slow, large). */
  kpis: Iterable<string> | null;
  /** What it serves: the committed fixture unless told otherwise (FULL_KOLADA needs ../shared/data). */
  data?: KoladaFiles;
  faults?: FaultOptions;
  /** The date every original value counts as changed on (from_date compares with it). */
  originalDate?: string;
  /** KPIs the fake's /kpi marks has_ou_data (besides those the data set marks), so it serves OU values for them. */
  hasOuData?: readonly string[];
}

export interface LoggedRequest {
  url: string;
  status: number;
  fault: FaultKind | null;
}

export interface FakeKolada {
  /** Base URL to give a client, ending in /v3. */
  url: string;
  requests: LoggedRequest[];
  setFaults(faults: FaultOptions | null): void;
  /** Changes (or adds) one value; it counts as changed today. */
  setValue(kpi: string, municipality: string, period: number, gender: string, value: number): void;
  /** Deletes one value; from_date replies report it with value null and isdeleted true. */
  deleteValue(kpi: string, municipality: string, period: number, gender: string): void;
  /** setValue for an OU value (/oudata). */
  setOuValue(kpi: string, ou: string, period: number, gender: string, value: number): void;
  /** deleteValue for an OU value (/oudata). */
  deleteOuValue(kpi: string, ou: string, period: number, gender: string): void;
  /**
   * Exactly what /oudata serves now for one KPI and year (overrides applied, deleted values left
   * out), as data items: what a mirror must answer after syncing it.
   */
  ouItems(kpi: string, year: number): { kpi: string; ou: string; period: number; values: DataEntry[] }[];
  /** Forgets every setValue, deleteValue, setOuValue and deleteOuValue: the original data again. */
  resetValues(): void;
  close(): Promise<void>;
}

const PER_PAGE_MAX = 5000;
const MAX_IDS = 25;
const metaCache = new Map<string, { id: string }[]>();
function metadata(data: KoladaFiles): Map<KoladaResource, { id: string }[]> {
  return new Map(
    KOLADA_RESOURCES.map((name) => {
      const file = data.meta[name];
      if (file === undefined) return [name, []];
      let items = metaCache.get(file);
      if (!items) {
        items = (JSON.parse(readFileSync(file, 'utf8')) as { values: { id: string }[] }).values;
        metaCache.set(file, items);
      }
      return [name, items];
    }),
  );
}

/** mulberry32: a tiny seeded PRNG so fault patterns repeat run after run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Override {
  entry: DataEntry;
  changedAt: string;
}

const today = () => new Date().toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Level = 'municipality' | 'ou';

export async function startFakeKolada(options: FakeKoladaOptions): Promise<FakeKolada> {
  const data = options.data ?? FIXTURE_KOLADA;
  const meta = metadata(data);
  if (options.hasOuData?.length) {
    const extra = new Set(options.hasOuData);
    meta.set(
      'kpi',
      (meta.get('kpi') ?? []).map((k) => (extra.has(k.id) ? { ...k, has_ou_data: true } : k)),
    );
  }
  const values = await loadValues(data.values, options.kpis === null ? null : new Set(options.kpis));
  const served = options.kpis === null ? null : new Set(options.kpis);
  const units = ouUnits(meta.get('ou') ?? [], meta.get('municipality') ?? []);
  // With no OUs in the data set, the fake's synthetic ones are its /ou.
  if ((meta.get('ou') ?? []).length === 0) meta.set('ou', units);
  const ouKpis = new Set(
    (meta.get('kpi') as { id: string; has_ou_data?: unknown }[])
      .filter((k) => (k.has_ou_data === true || k.has_ou_data === 1) && (served === null || served.has(k.id)))
      .map((k) => k.id),
  );
  const ouCache = new Map<string, OuItem[]>();
  const ouValues = (kpi: string): OuItem[] => {
    if (!ouKpis.has(kpi)) return [];
    let items = ouCache.get(kpi);
    if (!items) {
      items = syntheticOuValues(kpi, units);
      ouCache.set(kpi, items);
    }
    return items;
  };
  const originalDate = options.originalDate ?? '2024-08-15';
  // Changes live beside the shared, read-only items: level → kpi → "unit|period" → gender → override.
  const overrides: Record<Level, Map<string, Map<string, Map<string, Override>>>> = {
    municipality: new Map(),
    ou: new Map(),
  };
  const requests: LoggedRequest[] = [];
  let faults: FaultOptions | null = options.faults ?? null;
  let random = prng(faults?.seed ?? 1);

  function itemsFor(
    level: Level,
    kpi: string,
    years: Set<number> | null,
    unitFilter: Set<string> | null,
    since: string | null,
  ) {
    const out: Record<string, unknown>[] = [];
    const changed = overrides[level].get(kpi);
    const seen = new Set<string>();
    const emit = (unit: string, period: number, base: DataEntry[]) => {
      if (years && !years.has(period)) return;
      if (unitFilter && !unitFilter.has(unit)) return;
      const key = `${unit}|${period}`;
      seen.add(key);
      const local = changed?.get(key);
      const entries: DataEntry[] = [];
      const genders = new Set([...base.map((e) => e.gender), ...(local?.keys() ?? [])]);
      for (const gender of ['T', 'K', 'M'].filter((g) => genders.has(g))) {
        const o = local?.get(gender);
        const entry = o ? o.entry : base.find((e) => e.gender === gender);
        const changedAt = o ? o.changedAt : originalDate;
        if (!entry) continue;
        if (since !== null ? changedAt < since : entry.isdeleted) continue;
        entries.push(entry);
      }
      if (entries.length) out.push({ kpi, [level]: unit, period, values: entries });
    };
    if (level === 'municipality')
      for (const item of values.get(kpi) ?? []) emit(item.municipality, item.period, item.values);
    else for (const item of ouValues(kpi)) emit(item.ou, item.period, item.values);
    for (const key of changed?.keys() ?? []) {
      if (seen.has(key)) continue;
      const [unit = '', period = '0'] = key.split('|');
      emit(unit, Number(period), []);
    }
    return out;
  }

  function route(url: URL): { status: number; body: unknown } {
    const parts = url.pathname.split('/').filter(Boolean);
    if (parts[0] !== 'v3') return { status: 404, body: { detail: 'Not Found' } };
    const segments = parts.slice(1).map(decodeURIComponent);
    for (const s of segments)
      if (s.split(',').length > MAX_IDS)
        return {
          status: 422,
          body: {
            detail: [{ loc: ['path'], msg: `at most ${MAX_IDS} ids per segment`, type: 'value_error' }],
          },
        };
    const perPage = Number(url.searchParams.get('per_page') ?? PER_PAGE_MAX);
    const page = Number(url.searchParams.get('page') ?? 1);
    if (
      !Number.isInteger(perPage) ||
      perPage < 1 ||
      perPage > PER_PAGE_MAX ||
      !Number.isInteger(page) ||
      page < 1
    )
      return {
        status: 422,
        body: {
          detail: [
            { loc: ['query', 'per_page'], msg: `per_page must be 1–${PER_PAGE_MAX}`, type: 'value_error' },
          ],
        },
      };
    let list: unknown[] | null = null;
    const [resource, ...rest] = segments;
    if (resource && KOLADA_RESOURCES.includes(resource as KoladaResource) && rest.length <= 1) {
      const all = meta.get(resource as KoladaResource) ?? [];
      const ids = rest[0] ? new Set(rest[0].split(',')) : null;
      list = ids ? all.filter((x) => ids.has(x.id)) : all;
    } else if (resource === 'data' || resource === 'oudata') {
      const level: Level = resource === 'data' ? 'municipality' : 'ou';
      const args = new Map<string, string>();
      for (let i = 0; i + 1 < rest.length; i += 2) args.set(rest[i] ?? '', rest[i + 1] ?? '');
      const kpis = args.get('kpi')?.split(',');
      const years = args.get('year') ? new Set(args.get('year')!.split(',').map(Number)) : null;
      const unitIds = args.get(level) ? new Set(args.get(level)!.split(',')) : null;
      const known = [...args.keys()].every((k) => k === 'kpi' || k === 'year' || k === level);
      if (!kpis || !known || rest.length % 2 !== 0 || (!years && !unitIds))
        return { status: 404, body: { detail: 'Not Found' } };
      const since = url.searchParams.get('from_date');
      list = kpis.flatMap((k) => itemsFor(level, k, years, unitIds, since));
    }
    if (list === null) return { status: 404, body: { detail: 'Not Found' } };
    const values = list.slice((page - 1) * perPage, page * perPage);
    const link = (p: number) => {
      const next = new URL(url);
      next.searchParams.set('page', String(p));
      next.searchParams.set('per_page', String(perPage));
      return next.toString();
    };
    return {
      status: 200,
      body: {
        values,
        count: values.length,
        next_url: page * perPage < list.length ? link(page + 1) : null,
        previous_url: page > 1 ? link(page - 1) : null,
      },
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const faulty = faults !== null && (!faults.pathPrefix || url.pathname.startsWith(faults.pathPrefix));
    const fault =
      faulty && faults && random() < faults.rate ? pick(faults.kinds ?? ALL_FAULTS, random()) : null;
    const logged: LoggedRequest = { url: url.pathname + url.search, status: 0, fault };
    requests.push(logged);
    if (fault === '429' || fault === '500' || fault === '503') {
      logged.status = Number(fault);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (fault === '429') headers['retry-after'] = String(faults?.retryAfterSeconds ?? 1);
      res.writeHead(logged.status, headers).end(JSON.stringify({ detail: `injected ${fault}` }));
      return;
    }
    if (fault === 'latency') await sleep(faults?.latencyMs ?? 300);
    // The client may be gone meanwhile (a killed sync): nothing to answer.
    if (res.destroyed) return;
    const { status, body } = route(url);
    logged.status = status;
    const text = Buffer.from(JSON.stringify(body));
    if (fault === 'reset') {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length });
      res.write(text.subarray(0, Math.floor(text.length / 2)), () => res.socket?.destroy());
      return;
    }
    if (fault === 'truncated') {
      const cut = text.subarray(0, Math.floor(text.length * 0.6));
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': cut.length }).end(cut);
      return;
    }
    if (fault === 'drip') {
      res.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length });
      const pieces = 10;
      const size = Math.ceil(text.length / pieces);
      for (let i = 0; i < text.length; i += size) {
        if (res.destroyed) return;
        res.write(text.subarray(i, i + size));
        await sleep((faults?.dripMs ?? 500) / pieces);
      }
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': text.length }).end(text);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      if (!res.headersSent) res.writeHead(500).end(String(error));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const override = (
    level: Level,
    kpi: string,
    unit: string,
    period: number,
    gender: string,
    entry: DataEntry,
  ) => {
    const byKey = overrides[level].get(kpi) ?? new Map<string, Map<string, Override>>();
    overrides[level].set(kpi, byKey);
    const key = `${unit}|${period}`;
    const byGender = byKey.get(key) ?? new Map<string, Override>();
    byKey.set(key, byGender);
    byGender.set(gender, { entry, changedAt: today() });
  };
  const value = (gender: string, v: number): DataEntry => ({
    gender,
    count: 1,
    status: '',
    value: v,
    isdeleted: false,
  });
  const deleted = (gender: string): DataEntry => ({
    gender,
    count: 0,
    status: '',
    value: null,
    isdeleted: true,
  });

  return {
    url: `http://127.0.0.1:${port}/v3`,
    requests,
    setFaults(next) {
      faults = next;
      random = prng(next?.seed ?? 1);
    },
    setValue(kpi, municipality, period, gender, v) {
      override('municipality', kpi, municipality, period, gender, value(gender, v));
    },
    deleteValue(kpi, municipality, period, gender) {
      override('municipality', kpi, municipality, period, gender, deleted(gender));
    },
    setOuValue(kpi, ou, period, gender, v) {
      override('ou', kpi, ou, period, gender, value(gender, v));
    },
    deleteOuValue(kpi, ou, period, gender) {
      override('ou', kpi, ou, period, gender, deleted(gender));
    },
    ouItems(kpi, year) {
      return itemsFor('ou', kpi, new Set([year]), null, null) as ReturnType<FakeKolada['ouItems']>;
    },
    resetValues() {
      overrides.municipality.clear();
      overrides.ou.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function pick<T>(list: readonly T[], r: number): T {
  return list[Math.min(list.length - 1, Math.floor(r * list.length))] as T;
}
