/**
 * A Kolada client as client libraries write them (rKolada, koladapy): it only speaks the public
 * Kolada v3 API, splits id lists into chunks of 25 (Kolada's limit), and walks `next_url` page by page.
 * Point it at Kolada or at Etablera; the answer must be the same.
 *
 *   npx tsx scripts/kolada-client-example.ts [--base http://localhost:3000/v3] [--per-page 5000]
 *
 * Prints N00700 for women and men (K, M) in every kommun of Skåne (the members of G33621), 2015–2022,
 * as JSON lines {"municipality","period","gender","value"}.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const CHUNK = 25;

interface Envelope<T> {
  values: T[];
  count: number;
  next_url?: string | null;
}

interface DataItem {
  kpi: string;
  municipality: string;
  period: number;
  values: { gender: string; value: number | null; count: number; status: string; isdeleted: boolean }[];
}

export interface Observation {
  kpi: string;
  municipality: string;
  period: number;
  gender: string;
  value: number | null;
}

function chunks<T>(list: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < list.length; i += size) out.push(list.slice(i, i + size));
  return out;
}

export class KoladaClient {
  constructor(
    private readonly base: string,
    private readonly perPage = 5000,
  ) {}

  private async get<T>(url: string): Promise<Envelope<T>> {
    const response = await fetch(url, { headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as Envelope<T>;
  }

  /** Every item of a route, following next_url until it is null or empty. */
  async *all<T>(path: string): AsyncGenerator<T> {
    const separator = path.includes('?') ? '&' : '?';
    let url: string | null | undefined = `${this.base}${path}${separator}per_page=${this.perPage}`;
    while (url) {
      const page: Envelope<T> = await this.get<T>(url);
      yield* page.values;
      url = page.next_url;
    }
  }

  async groupMembers(groupId: string): Promise<string[]> {
    for await (const group of this.all<{ id: string; members: { member_id: string }[] }>(
      `/municipality_groups/${groupId}`,
    ))
      return group.members.map((m) => m.member_id);
    throw new Error(`no municipality group ${groupId}`);
  }

  /** Data for any number of KPIs and municipalities: one request series per chunk pair. */
  async data(kpis: readonly string[], municipalities: readonly string[], years: readonly number[]) {
    const out: Observation[] = [];
    for (const kpiChunk of chunks(kpis)) {
      for (const municipalityChunk of chunks(municipalities)) {
        const path = `/data/kpi/${kpiChunk.join(',')}/municipality/${municipalityChunk.join(',')}/year/${years.join(',')}`;
        for await (const item of this.all<DataItem>(path)) {
          for (const v of item.values)
            out.push({
              kpi: item.kpi,
              municipality: item.municipality,
              period: item.period,
              gender: v.gender,
              value: v.value,
            });
        }
      }
    }
    return out;
  }
}

/** N00700 for women and men in Skåne's kommuner, 2015–2022. */
export async function skaneN00700(base: string, perPage = 5000): Promise<Observation[]> {
  const client = new KoladaClient(base, perPage);
  const members = await client.groupMembers('G33621');
  const years = [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022];
  const all = await client.data(['N00700'], members, years);
  return all.filter((o) => o.gender === 'K' || o.gender === 'M');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'http://localhost:3000/v3' },
      'per-page': { type: 'string' },
    },
  });
  const perPage = values['per-page'] ? Number(values['per-page']) : 5000;
  const rows = await skaneN00700(values.base.replace(/\/+$/, ''), perPage);
  process.stdout.write(rows.map((r) => JSON.stringify(r)).join('\n') + (rows.length ? '\n' : ''));
}
