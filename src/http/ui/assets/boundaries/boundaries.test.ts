/**
 * The bundled kommun boundaries: complete (every kommun of SCB's list, valid rings, the län borders),
 * small, and exactly what scripts/build-boundaries.ts builds from ../shared/data/geo.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FeatureCollection, Geometry, Position } from 'geojson';
import { describe, expect, it } from 'vitest';
import { BOUNDARIES_OUT, buildBoundaries, LAN_BORDERS_ID } from '../../../../../scripts/build-boundaries.js';
import { SHARED_DATA } from '../../../../../test/support/real-data.js';
import { KOMMUNER } from '../../../../demo/places.js';
import { BUNDLED_BOUNDARIES } from '../../assets.js';

/** Uncompressed size of the bundled file; what the page sends compressed is checked in ui.plugin.test.ts. */
const MAX_RAW_BYTES = 200_000;

const text = readFileSync(BUNDLED_BOUNDARIES, 'utf8');
const geo = JSON.parse(text) as FeatureCollection<Geometry, { KnKod: string; KnNamn?: string }>;

describe('the bundled kommun boundaries', () => {
  it('is the file the build script writes and the server serves', () => {
    expect(BUNDLED_BOUNDARIES).toBe(BOUNDARIES_OUT);
  });

  it('has every kommun once, with valid closed polygons, and the län borders', () => {
    const kommuner = geo.features.filter((f) => f.properties.KnKod !== LAN_BORDERS_ID);
    expect(kommuner.map((f) => f.properties.KnKod)).toEqual(KOMMUNER.map((k) => k.code).sort());
    for (const f of kommuner) {
      const g = f.geometry;
      if (g.type !== 'Polygon' && g.type !== 'MultiPolygon')
        throw new Error(`${f.properties.KnKod}: ${g.type}`);
      const polygons: Position[][][] = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
      for (const ring of polygons.flat()) {
        expect(ring.length, f.properties.KnKod).toBeGreaterThanOrEqual(4);
        expect(ring[0], f.properties.KnKod).toEqual(ring.at(-1));
        // Inside Sweden's bounding box (WGS84, longitude first).
        for (const [x = 0, y = 0] of ring) {
          expect(x).toBeGreaterThan(10.5);
          expect(x).toBeLessThan(24.5);
          expect(y).toBeGreaterThan(55);
          expect(y).toBeLessThan(69.5);
        }
      }
    }
    const borders = geo.features.find((f) => f.properties.KnKod === LAN_BORDERS_ID)?.geometry;
    expect(borders?.type).toBe('MultiLineString');
    expect(borders?.type === 'MultiLineString' && borders.coordinates.length).toBeGreaterThan(20);
  });

  it(`stays within ${MAX_RAW_BYTES} bytes uncompressed`, () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_RAW_BYTES);
  });

  const source = join(SHARED_DATA, 'geo');
  if (!existsSync(source))
    console.warn(`SKIPPED: the bundled boundaries are not rebuilt and compared: ${source} is missing`);
  it.skipIf(!existsSync(source))(
    'is exactly what scripts/build-boundaries.ts builds from ../shared/data/geo',
    () => {
      const read = (name: string) => JSON.parse(readFileSync(join(source, name), 'utf8'));
      expect(buildBoundaries(read('kommuner.geojson'), read('lan.geojson'))).toBe(text);
    },
  );
});
