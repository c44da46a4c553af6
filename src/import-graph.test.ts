/**
 * The shape of the code, kept by a test: the store (schema, migrations, repositories, bulk writers)
 * imports nothing from the layers above it, and no module imports itself through a loop at run time,
 * which would make load order matter and the layers meaningless.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = import.meta.dirname;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

// Static imports and re-exports (`from '…'`) and dynamic `import('…')`, relative ones only.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

function resolveImport(from: string, specifier: string, known: Set<string>): string | null {
  const base = resolve(dirname(from), specifier);
  for (const candidate of [base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), base])
    if (known.has(candidate)) return candidate;
  return null;
}

// `import type` and `export type … from` vanish at compile time: they shape the layers but make no loop.
const TYPE_ONLY = /\b(?:import|export)\s+type\s+[^;]*?\bfrom\s*['"][^'"]+['"]/gs;

/** Module → the modules it imports; `runtime` leaves out type-only imports. */
function importGraph(kind: 'all' | 'runtime'): Map<string, string[]> {
  const files = sourceFiles(SRC);
  const known = new Set(files);
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const targets: string[] = [];
    let text = readFileSync(file, 'utf8');
    if (kind === 'runtime') text = text.replace(TYPE_ONLY, '');
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolveImport(file, match[1]!, known);
      if (target) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Strongly connected components with more than one module (Tarjan), i.e. the import loops. */
function importLoops(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const loops: string[][] = [];
  const visit = (v: string) => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || graph.get(v)!.includes(v)) loops.push(component.sort());
    }
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return loops;
}

const name = (file: string) => relative(SRC, file);

// What the store may build on: the error base classes sit below every layer.
const BELOW_STORE = ['errors/'];

describe('the import graph', () => {
  const graph = importGraph('all');

  it('reads every source module and sees the imports between them', () => {
    expect(graph.size).toBeGreaterThan(100);
    expect(graph.get(join(SRC, 'store/bulk/metadata-writer.ts'))).toContain(
      join(SRC, 'store/metadata-rows.ts'),
    );
  });

  it('has no import from src/store upwards', () => {
    const upward = [...graph]
      .filter(([file]) => name(file).startsWith('store/'))
      .flatMap(([file, targets]) =>
        targets
          .filter((t) => ![`store/`, ...BELOW_STORE].some((layer) => name(t).startsWith(layer)))
          .map((t) => `${name(file)} → ${name(t)}`),
      );
    expect(upward).toEqual([]);
  });

  it('has no import loop at run time', () => {
    expect(importLoops(importGraph('runtime')).map((loop) => loop.map(name).join(' ↔ '))).toEqual([]);
  });
});
