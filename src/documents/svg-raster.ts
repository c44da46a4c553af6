/**
 * SVG → PNG without a browser (resvg), for the picture Word versions before 2016 show in place of an
 * SVG.
 *
 * Font: Liberation Sans first. Word draws a chart's SVG with the first font of the chart's list it
 * has, on Windows Arial, and Liberation Sans has Arial's metrics, so the fallback looks like the SVG
 * in Word. It is also small (140 KB against DejaVu Sans' 760 KB): resvg-js reads and parses the font
 * file again for every text element, which made the font most of a chart's cost (BENCHMARKS.md).
 * DejaVu Sans next, else the system's fonts.
 *
 * Many pictures (a report's 300 charts) are drawn in worker threads, a few at a time per worker:
 * resvg-js 2.6 keeps each drawn image's memory (≈ 1 MB) until the process exits — garbage
 * collection does not give it back — but a worker's memory is freed when the worker ends. Two
 * workers also use both cores of a small server.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { Resvg, type ResvgRenderOptions } from '@resvg/resvg-js';

const FONTS = [
  ['/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf', 'Liberation Sans'],
  ['/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf', 'DejaVu Sans'],
] as const;

let fontOptions: ResvgRenderOptions['font'] | undefined;

function fonts(): ResvgRenderOptions['font'] {
  if (!fontOptions) {
    const found = FONTS.find(([file]) => existsSync(file));
    fontOptions = found
      ? {
          loadSystemFonts: false,
          fontFiles: [found[0]],
          defaultFontFamily: found[1],
          sansSerifFamily: found[1],
        }
      : { loadSystemFonts: true };
  }
  return fontOptions;
}

/** The PNG of `svg` drawn `width` pixels wide (one picture; in this thread). */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: fonts(),
    background: 'white',
  });
  return Buffer.from(resvg.render().asPng());
}

export interface SvgPicture {
  svg: string;
  /** Width of the PNG in pixels. */
  width: number;
}

/** Pictures a worker draws before it ends and gives its memory back (≈ 1 MB each meanwhile). */
const PER_WORKER = 20;

// CommonJS run by `new Worker(…, { eval: true })`: no file of its own, so the esbuild bundle needs
// nothing extra; resvg is required by its resolved path.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Resvg } = require(workerData.resvg);
parentPort.once('message', (pictures) => {
  const pngs = pictures.map(({ svg, width }) =>
    new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: workerData.font, background: 'white' })
      .render()
      .asPng(),
  );
  parentPort.postMessage(pngs);
});
`;

let resvgPath: string | undefined;

/** One worker draws `pictures` and ends. */
function drawInWorker(pictures: SvgPicture[]): Promise<Buffer[]> {
  resvgPath ??= createRequire(import.meta.url).resolve('@resvg/resvg-js');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { resvg: resvgPath, font: fonts() },
  });
  return new Promise<Buffer[]>((resolve, reject) => {
    worker.once('message', (pngs: Uint8Array[]) =>
      resolve(pngs.map((p) => Buffer.from(p.buffer, p.byteOffset, p.byteLength))),
    );
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the SVG → PNG worker stopped (exit code ${code})`)));
    worker.postMessage(pictures);
  }).finally(() => worker.terminate());
}

/**
 * The PNGs of many SVGs, in order: drawn in at most two workers at a time (or one on a one-core
 * machine), each ending after a few pictures so that resvg's memory is given back as it goes.
 */
export async function svgsToPngs(pictures: readonly SvgPicture[]): Promise<Buffer[]> {
  const out: Buffer[] = new Array(pictures.length);
  let next = 0;
  const lane = async () => {
    while (next < pictures.length) {
      const start = next;
      next += PER_WORKER;
      const pngs = await drawInWorker(pictures.slice(start, start + PER_WORKER));
      pngs.forEach((png, i) => {
        out[start + i] = png;
      });
    }
  };
  const lanes = Math.min(2, availableParallelism(), Math.ceil(pictures.length / PER_WORKER));
  await Promise.all(Array.from({ length: lanes }, lane));
  return out;
}
