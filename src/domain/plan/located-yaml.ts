/**
 * YAML parsed into a small tree that remembers the line of every value and key, so that a check far
 * from the parser can still say "file:line". Aliases are resolved; an alias that points at a node
 * containing it (a cycle in the tree) is reported instead of followed.
 */
import { createRequire } from 'node:module';
import type { Node } from 'yaml';

// yaml (≈ 70 modules) is required when a plan file is read, not when the server starts.
const yaml = () => createRequire(import.meta.url)('yaml') as typeof import('yaml');

export type YNode =
  | { kind: 'map'; line: number; entries: Map<string, { keyLine: number; value: YNode }> }
  | { kind: 'seq'; line: number; items: YNode[] }
  | {
      kind: 'scalar';
      line: number;
      value: unknown /** an alias cut off as a cycle (already reported) */;
      cycle?: true;
    };

export interface LineIssue {
  line: number;
  message: string;
}

export function parseLocatedYaml(text: string): { root?: YNode; issues: LineIssue[] } {
  const { isAlias, isMap, isScalar, isSeq, LineCounter, parseDocument } = yaml();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false });
  const issues: LineIssue[] = doc.errors.map((e) => ({
    line: e.linePos?.[0]?.line ?? 1,
    message: `YAML: ${e.message.split('\n')[0]}`,
  }));
  if (issues.length > 0) return { issues };
  const lineOf = (node: { range?: [number, number, number] | null } | null | undefined): number =>
    node?.range ? lineCounter.linePos(node.range[0]).line : 1;

  const convert = (node: unknown, ancestors: Node[], line: number): YNode => {
    let target = node;
    if (isAlias(target)) {
      const resolved = target.resolve(doc);
      if (resolved && ancestors.includes(resolved as Node)) {
        issues.push({
          line: lineOf(target),
          message: `cycle: alias *${target.source} refers to a node that contains it`,
        });
        return { kind: 'scalar', line: lineOf(target), value: null, cycle: true };
      }
      target = resolved;
    }
    if (isMap(target)) {
      const entries = new Map<string, { keyLine: number; value: YNode }>();
      const inner = [...ancestors, target];
      for (const pair of target.items) {
        const keyNode = pair.key as Node | null;
        const key = isScalar(keyNode) ? String(keyNode.value) : String(keyNode);
        const keyLine = lineOf(keyNode as { range?: [number, number, number] });
        entries.set(key, { keyLine, value: convert(pair.value, inner, keyLine) });
      }
      return { kind: 'map', line: lineOf(target), entries };
    }
    if (isSeq(target)) {
      const inner = [...ancestors, target];
      return {
        kind: 'seq',
        line: lineOf(target),
        items: target.items.map((item) => convert(item, inner, lineOf(target))),
      };
    }
    if (isScalar(target)) return { kind: 'scalar', line: lineOf(target), value: target.value };
    return { kind: 'scalar', line, value: null };
  };
  const root = convert(doc.contents, [], 1);
  return { root, issues };
}
