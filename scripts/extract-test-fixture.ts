/**
 * Extracts the small real-data test fixture (test/fixture/kolada/) from ../shared/data/kolada, so
 * that `npm test` runs on a fresh clone without ../shared. Run: `npx tsx scripts/extract-test-fixture.ts`.
 *
 * What it keeps: the KPIs of SKR's model "Framgångsrik lokal integration" and a few integration KPIs
 * the tests and pages lean on, for every municipality (Riket, regioner, kommuner) and the last ten
 * years of the snapshot; the metadata those values reference (those KPIs and the rest of the
 * integration set the app offers, all municipalities), the Integration KPI group narrowed to them, and the municipality groups the comparator offers
 * first (län, SKR's kommungrupper, "Liknande kommuner, övergripande"). Every file is a Kolada API
 * envelope whose first field says where the data comes from ("Källa: Kolada"); the importer ignores it.
 * ../shared/data/SOURCES.md allows exactly this one fixture (at most about 2 MB).
 */
import { createReadStream, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip, gzipSync } from 'node:zlib';
import { INTEGRATION_KPI_IDS } from '../src/domain/integration-set.js';
import { FIXTURE_KPIS, FIXTURE_PERIODS } from '../test/support/fixture-spec.js';

const ROOT = resolve(import.meta.dirname, '..');
const SOURCE = resolve(ROOT, '../shared/data/kolada');
const OUT = join(ROOT, 'test/fixture/kolada');

const { first: FIRST_PERIOD, last: LAST_PERIOD } = FIXTURE_PERIODS;
const MAX_BYTES = 2_100_000;

const HEADER =
  'Källa: Kolada (RKA), https://www.kolada.se. Test fixture extracted by scripts/extract-test-fixture.ts ' +
  'from ../shared/data/kolada; a small excerpt for tests only, not part of the product.';

interface Envelope<T> {
  values: T[];
}
type Row = Record<string, unknown> & { id: string };

function readMeta<T>(file: string): T[] {
  return (JSON.parse(readFileSync(join(SOURCE, 'meta', file), 'utf8')) as Envelope<T>).values;
}

/**
 * One Kolada envelope, one item a line (diffable), with the source first. Values are gzipped (the
 * importer reads .gz transparently): plain they would be three times the fixture's budget.
 */
function writeEnvelope(name: string, items: unknown[]): number {
  const body = items.map((item) => JSON.stringify(item)).join(',\n');
  const text = `{"count":${items.length},"source":${JSON.stringify(HEADER)},"values":[\n${body}\n]}\n`;
  const bytes = name.endsWith('.gz') ? gzipSync(text, { level: 9 }) : Buffer.from(text);
  writeFileSync(join(OUT, name), bytes);
  return bytes.length;
}

function keptGroup(title: string, id: string): boolean {
  return (
    /läns kommuner/.test(title) ||
    /^G9278[6-9]$|^G9279[0-4]$/.test(id) ||
    title.startsWith('Liknande kommuner, övergripande,') ||
    // Landskrona's other similar-kommun groups, which the comparator tests choose from.
    /^Liknande kommuner .*, Landskrona,/.test(title)
  );
}

async function fixtureValues(): Promise<unknown[]> {
  const kpis = new Set<string>(FIXTURE_KPIS);
  const lines = createInterface({
    input: createReadStream(join(SOURCE, 'values/values-2024-08.ndjson.gz')).pipe(createGunzip()),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  const kept: { kpi: string; municipality: string; period: number }[] = [];
  for await (const line of lines) {
    // Cheap prefilter on the id before parsing 4.5 million lines.
    if (line.startsWith('{"kpi":"') && !kpis.has(line.slice(8, 14))) continue;
    if (line.trim() === '') continue;
    const item = JSON.parse(line) as { kpi: string; municipality: string; period: number };
    if (kpis.has(item.kpi) && item.period >= FIRST_PERIOD && item.period <= LAST_PERIOD) kept.push(item);
  }
  return kept.sort(
    (a, b) =>
      a.kpi.localeCompare(b.kpi) || a.municipality.localeCompare(b.municipality) || a.period - b.period,
  );
}

async function main(): Promise<void> {
  statSync(SOURCE); // fails with a clear ENOENT when ../shared/data is not beside the checkout
  mkdirSync(OUT, { recursive: true });
  // Metadata for the whole integration set too: the app offers those KPIs (most without values here).
  const kpiSet = new Set<string>([...FIXTURE_KPIS, ...INTEGRATION_KPI_IDS]);
  const municipalities = readMeta<Row>('municipality.json');
  const kpis = readMeta<Row>('kpi.json').filter((k) => kpiSet.has(k.id));
  const missing = FIXTURE_KPIS.filter((id: string) => !kpis.some((k) => k.id === id));
  if (missing.length > 0) throw new Error(`KPIs not in kpi.json: ${missing.join(', ')}`);
  const kpiGroups = readMeta<Row & { members: { member_id: string }[] }>('kpi_groups.v2-2024-01.json')
    .map((g) => ({ ...g, members: g.members.filter((m) => kpis.some((k) => k.id === m.member_id)) }))
    .filter((g) => g.members.length > 0 && g.id === 'G2KPI84105');
  const groups = readMeta<Row & { title: string }>('municipality_groups.json').filter((g) =>
    keptGroup(g.title, g.id),
  );
  const values = await fixtureValues();
  const sizes = {
    'municipality.json': writeEnvelope('municipality.json', municipalities),
    'kpi.json': writeEnvelope('kpi.json', kpis),
    'kpi_groups.json': writeEnvelope('kpi_groups.json', kpiGroups),
    'municipality_groups.json': writeEnvelope('municipality_groups.json', groups),
    'values.json.gz': writeEnvelope('values.json.gz', values),
  };
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  for (const [name, bytes] of Object.entries(sizes)) console.log(`${name.padEnd(26)} ${bytes} bytes`);
  console.log(
    `${FIXTURE_KPIS.length} KPIs, ${municipalities.length} municipalities, ${FIRST_PERIOD}–${LAST_PERIOD}: ` +
      `${values.length} data items, ${groups.length} municipality groups; ${total} bytes in all`,
  );
  if (total > MAX_BYTES) throw new Error(`the fixture is ${total} bytes, over its ${MAX_BYTES}-byte budget`);
}

await main();
