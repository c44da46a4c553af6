/**
 * `etablera taxonomy sync`: the JobTech Taxonomy from its GraphQL API into the store. Each concept type
 * is read page by page (`concepts(type:, version:, include_deprecated: true, limit:, offset:)`) with the
 * relations the bundled snapshot holds, all of it into memory first; then it is written as one versioned
 * load in one transaction. A fault anywhere (after the client's retries) writes nothing.
 *
 * A concept the API no longer lists at all is kept, marked deprecated with its old label, so an id
 * held in a profile still resolves. Concepts the API lists as deprecated are stored as deprecated.
 */
import type { Store } from '../../../store/database.js';
import { emptyParts, readJobtechValue } from './jobtech-files.js';
import { type JobtechGraphqlClient, TaxonomySyncError } from './jobtech-graphql-client.js';

/** What is asked for each concept type: its code field and the relations the snapshot has. */
interface TypeQuery {
  code?: string;
  /** `broader(type: …)`: the parent level. */
  broader?: string;
  /** `related(type: …)` for each type named; `null` for every related concept. */
  related?: (string | null)[];
  substitutes?: boolean;
}

const level = (prefix: string, n: number, code: string): Record<string, TypeQuery> =>
  Object.fromEntries(
    Array.from({ length: n }, (_, i) => [
      `${prefix}-${i + 1}`,
      { code, ...(i > 0 ? { broader: `${prefix}-${i}` } : {}) },
    ]),
  );

/** The types the bundled snapshot holds, and so the ones a sync reads by default. */
export const SYNC_TYPES: Record<string, TypeQuery> = {
  'occupation-name': { broader: 'ssyk-level-4', substitutes: true },
  ...level('ssyk-level', 4, 'ssyk_code_2012'),
  'ssyk-level-4': {
    code: 'ssyk_code_2012',
    broader: 'ssyk-level-3',
    related: ['skill', 'isco-level-4'],
  },
  'isco-level-4': { code: 'isco_code_08' },
  skill: {},
  language: { code: 'iso_639_3_2007' },
  'driving-licence': { code: 'driving_licence_code_2013' },
  country: { code: 'iso_3166_1_alpha_2_2013' },
  keyword: { related: [null] },
  'occupation-collection': { related: ['occupation-name'] },
  ...level('sun-education-level', 3, 'sun_education_level_code_2020'),
  ...level('sun-education-field', 4, 'sun_education_field_code_2020'),
  ...level('sni-level', 5, 'sni_level_code_2007'),
  'occupation-experience-year': {},
  'employment-type': {},
};

const REF = 'id type preferred_label';

/** The query for one page of one type. Aliased `related_N` fields are merged into `related` after. */
export function conceptsQuery(type: string, version: string | null, limit: number, offset: number): string {
  const spec = SYNC_TYPES[type] ?? {};
  const args = [
    `type: ${JSON.stringify(type)}`,
    ...(version ? [`version: ${JSON.stringify(version)}`] : []),
    'include_deprecated: true',
    `limit: ${limit}`,
    `offset: ${offset}`,
  ].join(', ');
  const fields = [
    'id',
    'type',
    'preferred_label',
    'definition',
    'deprecated',
    'alternative_labels',
    'replaced_by { id }',
    ...(spec.code ? [spec.code] : []),
    ...(spec.broader ? [`broader(type: ${JSON.stringify(spec.broader)}) { ${REF} }`] : []),
    ...(spec.related ?? []).map(
      (t, i) => `related_${i}: related${t ? `(type: ${JSON.stringify(t)})` : ''} { ${REF} }`,
    ),
    ...(spec.substitutes ? [`substitutes { ${REF} substitutability_percentage }`] : []),
  ];
  return `query EtableraSync { concepts(${args}) { ${fields.join(' ')} } }`;
}

export const VERSIONS_QUERY = 'query EtableraVersions { versions { id timestamp } }';

/** `related_0`, `related_1` … → `related`, so the reply reads like a dataset file. */
function mergeAliases(data: unknown): unknown {
  const concepts = (data as { concepts?: unknown })?.concepts;
  if (!Array.isArray(concepts)) return data;
  for (const c of concepts) {
    if (typeof c !== 'object' || c === null) continue;
    const record = c as Record<string, unknown>;
    const aliases = Object.keys(record).filter((k) => /^related_\d+$/.test(k));
    if (aliases.length === 0) continue;
    record.related = aliases.flatMap((k) => (Array.isArray(record[k]) ? (record[k] as unknown[]) : []));
    for (const k of aliases) delete record[k];
  }
  return data;
}

export interface SyncOptions {
  /** Types to read (default: all of SYNC_TYPES). */
  types?: string[];
  /** The taxonomy version to read; default: the latest the API lists. */
  version?: string;
  pageSize?: number;
  /** Progress, one line per page. */
  log?: (line: string) => void;
}

export interface SyncReport {
  version: string;
  types: { type: string; concepts: number; pages: number }[];
  concepts: number;
  deprecatedUpstream: number;
  /** Concepts the API no longer lists, kept and marked deprecated by this sync. */
  deprecatedByThisSync: number;
  labels: number;
  relations: number;
  requests: number;
  retries: number;
  seconds: number;
}

/** A bound on pages per type, so a server that ignores `offset` cannot keep the sync going forever. */
const MAX_PAGES = 1_000;

async function latestVersion(client: JobtechGraphqlClient): Promise<string> {
  const { data } = await client.query(VERSIONS_QUERY, 'the list of published versions');
  const versions = (data as { versions?: unknown }).versions;
  const ids = Array.isArray(versions)
    ? versions
        .map((v) => (v as { id?: unknown })?.id)
        .filter((id): id is number | string => typeof id === 'number' || typeof id === 'string')
    : [];
  if (ids.length === 0)
    throw new TaxonomySyncError(
      `${client.url}: the list of published versions is empty or not of the form {versions: [{id}]}; name one with --version`,
    );
  return String(ids.reduce((a, b) => (Number(b) > Number(a) ? b : a)));
}

export async function syncTaxonomy(
  store: Store,
  client: JobtechGraphqlClient,
  options: SyncOptions = {},
): Promise<SyncReport> {
  const started = performance.now();
  const log = options.log ?? (() => {});
  const types = options.types ?? Object.keys(SYNC_TYPES);
  const unknown = types.filter((t) => !(t in SYNC_TYPES));
  if (unknown.length)
    throw new TaxonomySyncError(
      `unknown concept type ${unknown.join(', ')}; known: ${Object.keys(SYNC_TYPES).join(', ')}`,
    );
  const pageSize = options.pageSize ?? 1000;
  const version = options.version ?? (await latestVersion(client));
  log(`JobTech Taxonomy version ${version} from ${client.url}`);

  const parts = emptyParts();
  const listed = new Set<string>();
  const perType: SyncReport['types'] = [];
  for (const type of types) {
    let count = 0;
    let pages = 0;
    for (let offset = 0; ; offset += pageSize) {
      if (pages >= MAX_PAGES)
        throw new TaxonomySyncError(`${client.url}: type ${type}: more than ${MAX_PAGES} pages; stopped`);
      const what = `concepts of type ${type} from offset ${offset}`;
      const { data } = await client.query(conceptsQuery(type, version, pageSize, offset), what);
      const ids = readJobtechValue({ data: mergeAliases(data) }, `${client.url} (${what})`, parts);
      pages++;
      const fresh = ids.filter((id) => !listed.has(id));
      if (ids.length > 0 && fresh.length === 0)
        throw new TaxonomySyncError(
          `${client.url}: ${what}: the page repeats concepts already read (does the API honour offset?)`,
        );
      for (const id of ids) listed.add(id);
      count += fresh.length;
      log(`${type}: ${count.toLocaleString('en')} concepts (page ${pages})`);
      if (ids.length < pageSize) break;
    }
    perType.push({ type, concepts: count, pages });
  }

  // Concepts of the synced types that the store has as current but the API no longer lists.
  const repo = store.repositories.taxonomy;
  const stored = await repo.currentIdsOfTypes(types);
  const gone = stored.filter((id) => !listed.has(id));
  for (const { type, concepts } of perType) {
    const had = (await repo.currentIdsOfTypes([type])).length;
    if (concepts === 0 && had > 0)
      throw new TaxonomySyncError(
        `${client.url}: the API lists no concepts of type ${type}, the store has ${had}; nothing was written (a sync does not deprecate a whole type)`,
      );
  }

  // A concept met only as a reference inside another says less than its own entry: it is added when
  // the store lacks it, never written over (its type may not be among those synced).
  const nestedOnly = [...parts.concepts.keys()].filter((id) => !listed.has(id));
  const known = new Set((await repo.concepts(nestedOnly)).map((c) => c.id));
  const concepts = [...parts.concepts.values()].filter((c) => listed.has(c.id) || !known.has(c.id));
  const counts: Record<string, number> = {};
  for (const c of concepts) if (!c.deprecated) counts[c.type] = (counts[c.type] ?? 0) + 1;
  await repo.writeLoad({
    source: `JobTech Taxonomy API ${client.url}`,
    version,
    concepts,
    labels: parts.labels,
    relations: [...parts.relations.values()],
    replaceLabelSources: [],
    deprecate: gone,
    counts,
  });
  return {
    version,
    types: perType,
    concepts: concepts.length,
    deprecatedUpstream: concepts.filter((c) => c.deprecated).length,
    deprecatedByThisSync: gone.length,
    labels: parts.labels.length,
    relations: parts.relations.size,
    requests: client.stats.requests,
    retries: client.stats.retries,
    seconds: (performance.now() - started) / 1000,
  };
}
