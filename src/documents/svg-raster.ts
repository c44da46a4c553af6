/**
 * SVG → PNG without a browser (resvg), for the picture Word versions before 2016 show in place of an
 * SVG. One font (DejaVu Sans, Debian's fonts-dejavu-core; else the system's) is loaded once, not the
 * whole system's fonts per picture.
 */
import { existsSync } from 'node:fs';
import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';

const DEJAVU = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

let fontOptions: ResvgRenderOptions['font'] | undefined;

function fonts(): ResvgRenderOptions['font'] {
  fontOptions ??= existsSync(DEJAVU)
    ? {
        loadSystemFonts: false,
        fontFiles: [DEJAVU],
        defaultFontFamily: 'DejaVu Sans',
        sansSerifFamily: 'DejaVu Sans',
      }
    : { loadSystemFonts: true };
  return fontOptions;
}

/** The PNG of `svg` drawn `width` pixels wide. */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'width', value: width },
    font: fonts(),
    background: 'white',
  });
  return Buffer.from(resvg.render().asPng());
}

/**
 * The same PNG, drawn on libuv's thread pool: many pictures at once (a report's 300 charts) use every
 * core instead of blocking the event loop one picture after another.
 */
export async function svgToPngAsync(svg: string, width: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: width },
    font: fonts(),
    background: 'white',
  });
  return Buffer.from(image.asPng());
}
