/**
 * Static assets of the pages, prepared once per process: the stylesheet, the client modules bundled
 * by esbuild (one small file, no inline scripts), ECharts from node_modules and the kommun boundary
 * GeoJSON (the bundled one, or ETABLERA_BOUNDARIES_FILE). URLs carry a content hash so browsers may
 * cache them for long.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { AssetUrls } from './page-context.js';

export interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

export interface AssetBundle {
  files: Map<string, Asset>;
  urls: AssetUrls;
}

/** Built by scripts/build-boundaries.ts from ../shared/data/geo (SCB, CC0); see boundaries/README.md. */
export const BUNDLED_BOUNDARIES = fileURLToPath(
  new URL('assets/boundaries/kommuner.geojson', import.meta.url),
);

/** The kommun boundaries as served: one file per process, whichever path it came from. */
async function loadBoundaries(path: string): Promise<Asset> {
  let body: Buffer;
  try {
    body = await readFile(path);
  } catch (error) {
    throw new Error(
      `ETABLERA_BOUNDARIES_FILE: cannot read the boundary file ${path} (${(error as Error).message})`,
    );
  }
  return { body, type: 'application/geo+json', hash: hashOf(body) };
}

const HERE = fileURLToPath(new URL('.', import.meta.url));
let clientBundle: Promise<{ css: Buffer; app: Buffer; echarts: Buffer; favicon: Buffer }> | undefined;

function hashOf(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

async function loadClient(): Promise<{ css: Buffer; app: Buffer; echarts: Buffer; favicon: Buffer }> {
  const require = createRequire(import.meta.url);
  const [css, favicon, built, echarts] = await Promise.all([
    readFile(`${HERE}assets/app.css`),
    readFile(`${HERE}assets/favicon.svg`),
    build({
      entryPoints: [`${HERE}client/main.ts`],
      bundle: true,
      format: 'iife',
      minify: true,
      target: ['es2020'],
      write: false,
      legalComments: 'none',
    }),
    readFile(require.resolve('echarts/dist/echarts.min.js')),
  ]);
  return { css, favicon, app: Buffer.from(built.outputFiles[0]!.contents), echarts };
}

const boundaryFiles = new Map<string, Promise<Asset>>();

export async function prepareAssets(boundariesFile: string): Promise<AssetBundle> {
  clientBundle ??= loadClient();
  const path = boundariesFile || BUNDLED_BOUNDARIES;
  if (!boundaryFiles.has(path)) boundaryFiles.set(path, loadBoundaries(path));
  const [{ css, app, echarts, favicon }, boundaries] = await Promise.all([
    clientBundle,
    boundaryFiles.get(path)!,
  ]);
  const files = new Map<string, Asset>([
    ['app.css', { body: css, type: 'text/css; charset=utf-8', hash: hashOf(css) }],
    ['app.js', { body: app, type: 'text/javascript; charset=utf-8', hash: hashOf(app) }],
    ['echarts.min.js', { body: echarts, type: 'text/javascript; charset=utf-8', hash: hashOf(echarts) }],
    ['favicon.svg', { body: favicon, type: 'image/svg+xml', hash: hashOf(favicon) }],
    ['kommuner.geojson', boundaries],
  ]);
  const url = (name: string) => `/assets/${name}?v=${files.get(name)!.hash}`;
  return {
    files,
    urls: {
      css: url('app.css'),
      app: url('app.js'),
      echarts: url('echarts.min.js'),
      favicon: url('favicon.svg'),
      boundaries: url('kommuner.geojson'),
    },
  };
}
