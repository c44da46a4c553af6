/**
 * Static assets of the pages, prepared once per process: the stylesheet, the client modules bundled
 * by esbuild (one small file, no inline scripts), ECharts from node_modules and the configured
 * boundary GeoJSON. URLs carry a content hash so browsers may cache them for long.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
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
  /** The boundary file, read on first request (it is large and not every process needs it). */
  boundaries: { path: string } | null;
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

export async function prepareAssets(boundariesFile: string): Promise<AssetBundle> {
  clientBundle ??= loadClient();
  const { css, app, echarts, favicon } = await clientBundle;
  const files = new Map<string, Asset>([
    ['app.css', { body: css, type: 'text/css; charset=utf-8', hash: hashOf(css) }],
    ['app.js', { body: app, type: 'text/javascript; charset=utf-8', hash: hashOf(app) }],
    ['echarts.min.js', { body: echarts, type: 'text/javascript; charset=utf-8', hash: hashOf(echarts) }],
    ['favicon.svg', { body: favicon, type: 'image/svg+xml', hash: hashOf(favicon) }],
  ]);
  const url = (name: string) => `/assets/${name}?v=${files.get(name)!.hash}`;
  const boundaries = boundariesFile && existsSync(boundariesFile) ? { path: boundariesFile } : null;
  return {
    files,
    boundaries,
    urls: {
      css: url('app.css'),
      app: url('app.js'),
      echarts: url('echarts.min.js'),
      favicon: url('favicon.svg'),
      boundaries: boundaries ? `/assets/kommuner.geojson?v=${hashOf(boundariesFile)}` : null,
    },
  };
}
