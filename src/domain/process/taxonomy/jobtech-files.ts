/**
 * Reads JobTech Taxonomy data in its published JSON shape, `{"data":{"concepts":[…]}}` (the dataset
 * files and the GraphQL API's replies), into concepts, labels and relations. Concepts nest: `narrower`
 * children, `related` concepts, `substitutes`/`substituted_by` with their percentage. A file that does
 * not have the shape fails with the JSON path and what was wrong; nothing is half-read.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { ImportError } from '../../../import/import-error.js';
import type {
  TaxonomyConceptRow,
  TaxonomyLabelRow,
  TaxonomyRelationRow,
} from '../../../store/repositories/taxonomy.repository.js';

const OptionalText = Type.Optional(Type.Union([Type.String(), Type.Null()]));

const ConceptSchema = Type.Recursive((Self) =>
  Type.Object({
    id: Type.String({ minLength: 1, maxLength: 100 }),
    type: Type.Optional(Type.String({ minLength: 1 })),
    preferred_label: Type.Optional(Type.String()),
    definition: OptionalText,
    deprecated: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    replaced_by: Type.Optional(
      Type.Union([Type.Array(Type.Object({ id: Type.String({ minLength: 1 }) })), Type.Null()]),
    ),
    alternative_labels: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
    substitutability_percentage: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    narrower: Type.Optional(Type.Array(Self)),
    broader: Type.Optional(Type.Array(Self)),
    related: Type.Optional(Type.Array(Self)),
    substitutes: Type.Optional(Type.Array(Self)),
    substituted_by: Type.Optional(Type.Array(Self)),
  }),
);

const DatasetSchema = Type.Object({ data: Type.Object({ concepts: Type.Array(ConceptSchema) }) });

type JobtechConcept = Static<typeof ConceptSchema> & Record<string, unknown>;

/** The fields that carry a concept's code in its classification, in the order they are looked for. */
const CODE_FIELDS = [
  'ssyk_code_2012',
  'isco_code_08',
  'iso_639_1_2002',
  'iso_639_2_1998',
  'iso_639_3_2007',
  'iso_3166_1_alpha_2_2013',
  'sun_education_field_code_2020',
  'sun_education_level_code_2020',
  'sni_level_code_2007',
  'driving_licence_code_2013',
  'national_nuts_level_3_code_2019',
  'lau_2_code_2015',
];

export interface TaxonomyParts {
  concepts: Map<string, TaxonomyConceptRow>;
  labels: TaxonomyLabelRow[];
  relations: Map<string, TaxonomyRelationRow>;
}

export function emptyParts(): TaxonomyParts {
  return { concepts: new Map(), labels: [], relations: new Map() };
}

/** `/data/concepts/3/id` → `data.concepts[3].id` */
function jsonPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '');
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** Validates `value` against `schema`; throws the first problem as "file: path: what was wrong". */
export function checkShape<S extends TSchema>(schema: S, value: unknown, file: string): Static<S> {
  if (Value.Check(schema, value)) return value as Static<S>;
  // Report the deepest problem: a union's or a recursion's outer error says less than the inner one.
  const errors = [...Value.Errors(schema, value)];
  const first = errors.reduce((best, e) => (e.path.length > best.path.length ? e : best), errors[0]!);
  throw new ImportError(
    `${file}: ${jsonPath(first.path) || '(top level)'}`,
    `${first.message.toLowerCase()}, got ${describeValue(first.value)}`,
  );
}

export function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ImportError(`${file}: (top level)`, `not valid JSON (${(error as Error).message})`);
  }
}

/** Reads one dataset file's text into `parts` (merging with what other files already gave). */
export function readJobtechDataset(text: string, file: string, parts: TaxonomyParts): number {
  return readJobtechValue(parseJson(text, file), file, parts).length;
}

/**
 * Reads an already parsed `{"data":{"concepts":[…]}}` (a file, or one page of the GraphQL API's reply)
 * into `parts`; returns the ids of its top-level concepts.
 */
export function readJobtechValue(value: unknown, source: string, parts: TaxonomyParts): string[] {
  const dataset = checkShape(DatasetSchema, value, source);
  const concepts = dataset.data.concepts as JobtechConcept[];
  concepts.forEach((c, i) => {
    visit(c, `data.concepts[${i}]`, source, parts, true);
  });
  return concepts.map((c) => c.id);
}

function codeOf(c: JobtechConcept): string | null {
  for (const field of CODE_FIELDS) {
    const v = c[field];
    if (typeof v === 'string' && v !== '') return v;
  }
  return null;
}

function addRelation(parts: TaxonomyParts, kind: string, from: string, to: string, weight: number | null) {
  parts.relations.set(`${kind}\u0000${from}\u0000${to}`, { kind, from_id: from, to_id: to, weight });
}

function visit(c: JobtechConcept, path: string, file: string, parts: TaxonomyParts, topLevel: boolean): void {
  const known = parts.concepts.get(c.id);
  const type = c.type ?? known?.type;
  const label = c.preferred_label ?? known?.label;
  if (!type) throw new ImportError(`${file}: ${path}.type`, `concept ${c.id} has no type`);
  if (label === undefined)
    throw new ImportError(`${file}: ${path}.preferred_label`, `concept ${c.id} has no label`);
  // A reference nested in another concept says less than the concept's own entry: fill gaps only.
  parts.concepts.set(c.id, {
    id: c.id,
    type,
    label: topLevel || !known ? label : known.label,
    definition: c.definition ?? known?.definition ?? null,
    code: codeOf(c) ?? known?.code ?? null,
    deprecated: c.deprecated === true || known?.deprecated === 1 ? 1 : 0,
    replaced_by: c.replaced_by?.[0]?.id ?? known?.replaced_by ?? null,
  });
  for (const alt of c.alternative_labels ?? [])
    parts.labels.push({
      concept_id: c.id,
      lang: 'sv',
      kind: 'alt',
      label: alt,
      source: 'jobtech',
      reviewed: 1,
    });
  const nested = (key: 'narrower' | 'broader' | 'related' | 'substitutes' | 'substituted_by') =>
    (c[key] ?? []).map((child, i) => {
      visit(child as JobtechConcept, `${path}.${key}[${i}]`, file, parts, false);
      return child as JobtechConcept;
    });
  for (const child of nested('narrower')) addRelation(parts, 'broader', child.id, c.id, null);
  for (const parent of nested('broader')) addRelation(parts, 'broader', c.id, parent.id, null);
  for (const other of nested('related')) addRelation(parts, 'related', c.id, other.id, null);
  for (const other of nested('substitutes'))
    addRelation(parts, 'substitutes', c.id, other.id, other.substitutability_percentage ?? null);
  for (const other of nested('substituted_by'))
    addRelation(parts, 'substitutes', other.id, c.id, other.substitutability_percentage ?? null);
}
