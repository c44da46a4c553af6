/**
 * Static assets of the pages, prepared once per process: the stylesheet, the client modules bundled
 * by esbuild (one small file, no inline scripts), ECharts from node_modules, the Ethiopic font (for
 * Tigrinya) and the kommun boundary
 * GeoJSON (the bundled one, or ETABLERA_BOUNDARIES_FILE). URLs carry a content hash so browsers may
 * cache them for long.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { build, stop as stopEsbuild } from 'esbuild';
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
let clientBundle: Promise<ClientFiles> | undefined;

function hashOf(body: Buffer | string): string {
  return createHash('sha256').update(body).digest('hex').slice(0, 12);
}

/**
 * Noto Sans Ethiopic for Tigrinya (Ethiopic script), which many devices have no font for: served from
 * /assets like the rest (CSP font-src 'self'), named in app.css by placeholders filled in below.
 */
const ETHIOPIC_FONTS = {
  'noto-sans-ethiopic-400.woff2': {
    placeholder: '%NOTO_SANS_ETHIOPIC_400%',
    file: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-400-normal.woff2',
  },
  'noto-sans-ethiopic-700.woff2': {
    placeholder: '%NOTO_SANS_ETHIOPIC_700%',
    file: '@fontsource/noto-sans-ethiopic/files/noto-sans-ethiopic-ethiopic-700-normal.woff2',
  },
} as const;

interface ClientFiles {
  css: Buffer;
  app: Buffer;
  echarts: Buffer;
  favicon: Buffer;
  fonts: Map<string, Buffer>;
}

async function loadClient(): Promise<ClientFiles> {
  const require = createRequire(import.meta.url);
  const fonts = new Map(
    await Promise.all(
      Object.entries(ETHIOPIC_FONTS).map(
        async ([name, font]) => [name, await readFile(require.resolve(font.file))] as const,
      ),
    ),
  );
  const [cssText, favicon, built, echarts] = await Promise.all([
    readFile(`${HERE}assets/app.css`, 'utf8'),
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
  // esbuild's build() starts its service (a child process of ≈ 13 MB) and keeps it for later calls;
  // a server bundles once per process, so the service is stopped now instead of living as long as
  // every worker (issue 24). A later build() in this process would start it again.
  await stopEsbuild();
  let css = cssText;
  for (const [name, font] of Object.entries(ETHIOPIC_FONTS))
    css = css.replaceAll(font.placeholder, `/assets/${name}?v=${hashOf(fonts.get(name)!)}`);
  return { css: Buffer.from(css), favicon, app: Buffer.from(built.outputFiles[0]!.contents), echarts, fonts };
}

const boundaryFiles = new Map<string, Promise<Asset>>();

export async function prepareAssets(boundariesFile: string): Promise<AssetBundle> {
  clientBundle ??= loadClient();
  const path = boundariesFile || BUNDLED_BOUNDARIES;
  if (!boundaryFiles.has(path)) boundaryFiles.set(path, loadBoundaries(path));
  const [{ css, app, echarts, favicon, fonts }, boundaries] = await Promise.all([
    clientBundle,
    boundaryFiles.get(path)!,
  ]);
  const files = new Map<string, Asset>([
    ['app.css', { body: css, type: 'text/css; charset=utf-8', hash: hashOf(css) }],
    ['app.js', { body: app, type: 'text/javascript; charset=utf-8', hash: hashOf(app) }],
    ['echarts.min.js', { body: echarts, type: 'text/javascript; charset=utf-8', hash: hashOf(echarts) }],
    ['favicon.svg', { body: favicon, type: 'image/svg+xml', hash: hashOf(favicon) }],
    ['kommuner.geojson', boundaries],
    ...[...fonts].map(([name, body]): [string, Asset] => [
      name,
      { body, type: 'font/woff2', hash: hashOf(body) },
    ]),
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
