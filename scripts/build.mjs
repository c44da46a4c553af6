#!/usr/bin/env node
// Builds the CLI and server into .build/ once (npm's `prepare`, or bin/etablera.js when the build is
// missing or stale), so a start runs JavaScript instead of compiling TypeScript each time (tsx: ≈ 3 s).
//
// One esbuild bundle with code splitting: src/cli/main.ts is the entry, and every `await import()` in
// the source becomes a chunk that loads only when a command or page needs it. Packages stay in
// node_modules (external). Files are named by content hash and written by rename, and .build/
// manifest.json (written last) names the entry: a build never changes a file a running server may
// still load lazily, and two launchers building at once write the same files.
//
// The source reads files beside itself (assets, the taxonomy snapshot, the SQLite write worker)
// through `import.meta.url`; in the bundle that is rewritten to the source file's own URL, relative
// to the chunk, so those files are read from src/ as under tsx and nothing is copied.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_DIR = join(ROOT, '.build');
/** Bump when the build's shape changes, so an older .build/ counts as stale. */
const FORMAT = 1;
const ENTRY = 'src/cli/main.ts';
/** Inputs that are not in esbuild's list of bundled sources but change the output. */
const EXTRA_INPUTS = ['tsconfig.json', 'package.json', 'scripts/build.mjs'];
/** Chunks of earlier builds are kept this long: a server started before a rebuild may still load them. */
const KEEP_OLD_FILES_MS = 7 * 24 * 3600 * 1000;

/** `import.meta.url` of a source file, as seen from a chunk directly in `outDir`. */
const sourceUrlPlugin = (outDir) => ({
  name: 'source-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.tsx?$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      if (/import\.meta\.(dirname|filename)\b/.test(text)) {
        return {
          errors: [{ text: 'use import.meta.url (the build rewrites only that, to the source file)' }],
        };
      }
      if (!text.includes('import.meta.url')) return undefined;
      const fromChunk = relative(outDir, args.path).split('\\').join('/');
      return {
        contents: text.replaceAll(
          'import.meta.url',
          `new URL(${JSON.stringify(fromChunk)}, import.meta.url).href`,
        ),
        loader: args.path.endsWith('x') ? 'tsx' : 'ts',
      };
    });
  },
});

function signature(path) {
  const s = statSync(join(ROOT, path));
  return [s.size, s.mtimeMs];
}

/** Writes a file by rename, so no reader sees it half-written; a hashed name that exists is kept. */
function writeAtomically(path, contents, { replace }) {
  if (!replace) {
    try {
      statSync(path);
      return;
    } catch {}
  }
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

function removeOldFiles(outDir, keep) {
  const now = Date.now();
  for (const name of readdirSync(outDir)) {
    if (keep.has(name)) continue;
    const path = join(outDir, name);
    const age = now - statSync(path).mtimeMs;
    if (age > (name.endsWith('.tmp') ? 3600 * 1000 : KEEP_OLD_FILES_MS)) rmSync(path, { force: true });
  }
}

/** Builds .build/ (or `outDir`, for tests) and returns the manifest. */
export async function build({ outDir = BUILD_DIR } = {}) {
  const { build: esbuild, version } = await import('esbuild');
  const result = await esbuild({
    absWorkingDir: ROOT,
    entryPoints: { etablera: ENTRY },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    outdir: outDir,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    // Error classes and logs use constructor names; bundling may otherwise rename clashing ones.
    keepNames: true,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
    plugins: [sourceUrlPlugin(outDir)],
  });
  mkdirSync(outDir, { recursive: true });
  const names = new Set(['manifest.json']);
  for (const file of result.outputFiles) {
    names.add(relative(outDir, file.path));
    writeAtomically(file.path, file.contents, { replace: false });
  }
  const entry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === ENTRY)?.[0];
  const inputs = {};
  for (const path of [...Object.keys(result.metafile.inputs), ...EXTRA_INPUTS]) {
    inputs[path] = signature(path);
  }
  const manifest = {
    format: FORMAT,
    entry: relative(outDir, join(ROOT, entry)),
    esbuild: version,
    builtAt: new Date().toISOString(),
    inputs,
  };
  writeAtomically(join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 1)}\n`, { replace: true });
  removeOldFiles(outDir, names);
  return manifest;
}

/**
 * The built entry's path when .build/ matches the source (every input as it was when built), else
 * undefined. Cheap: one stat per source file (≈ 5 ms), no hashing.
 */
export function freshEntry({ outDir = BUILD_DIR } = {}) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  if (manifest.format !== FORMAT) return undefined;
  for (const [path, [size, mtimeMs]] of Object.entries(manifest.inputs)) {
    let now;
    try {
      now = signature(path);
    } catch {
      return undefined;
    }
    if (now[0] !== size || now[1] !== mtimeMs) return undefined;
  }
  return join(outDir, manifest.entry);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const started = performance.now();
  const manifest = await build();
  const ms = Math.round(performance.now() - started);
  console.log(`Built .build/${manifest.entry} from ${Object.keys(manifest.inputs).length} files in ${ms} ms`);
}
