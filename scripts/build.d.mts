/** Types of scripts/build.mjs (plain JavaScript, so npm's `prepare` and bin/etablera.js run it without tsx). */
export interface BuildManifest {
  format: number;
  /** The entry file, relative to the build folder. */
  entry: string;
  esbuild: string;
  builtAt: string;
  /** Every source file the build was made from: [size, mtimeMs]. */
  inputs: Record<string, [number, number]>;
}
export const BUILD_DIR: string;
export function build(options?: { outDir?: string }): Promise<BuildManifest>;
export function freshEntry(options?: { outDir?: string }): string | undefined;
