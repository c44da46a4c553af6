/**
 * TypeBox schemas of the Kolada-compatible API: one definition gives request validation, the fast
 * response serializer and the OpenAPI documents. v3 and v2 differ in field names and types only.
 */
import { type Static, type TSchema, Type } from '@sinclair/typebox';
import type { KoladaApiVersion } from '../../kolada/data-items.js';
import { MAX_IDS_PER_SEGMENT, MAX_PAGE, MAX_PER_PAGE, MAX_V2_URL_LENGTH } from './params.js';

export type ApiVersion = KoladaApiVersion;

/** `T | null` as a JSON type list (not anyOf), which the response serializer handles fastest. */
function nullable<T extends TSchema>(schema: T, description?: string) {
  return Type.Unsafe<Static<T> | null>({
    ...schema,
    type: [schema.type as string, 'null'],
    ...(description ? { description } : {}),
  });
}

const str = (description: string) => Type.String({ description });

export const KpiV3 = Type.Object({
  id: str('KPI id, e.g. N01951'),
  title: Type.String(),
  description: nullable(Type.String()),
  is_divided_by_gender: Type.Boolean(),
  municipality_type: nullable(Type.String(), 'K (kommun), L (region) or A (both)'),
  auspice: nullable(Type.String(), 'E, X, T, P, O, A or null'),
  operating_area: nullable(Type.String()),
  perspective: nullable(Type.String()),
  prel_publication_date: nullable(Type.String()),
  publication_date: nullable(Type.String(), 'the next expected publication'),
  publ_period: nullable(Type.String()),
  has_ou_data: nullable(Type.Boolean()),
});

export const KpiV2 = Type.Object({
  id: str('KPI id, e.g. N01951'),
  title: Type.String(),
  description: nullable(Type.String()),
  is_divided_by_gender: Type.Integer({ description: '1 or 0' }),
  municipality_type: nullable(Type.String(), 'K (kommun), L (region) or A (both)'),
  auspices: nullable(Type.String(), 'E, X, T, P, O, A or null'),
  operating_area: nullable(Type.String()),
  perspective: nullable(Type.String()),
  prel_publication_date: nullable(Type.String()),
  publication_date: nullable(Type.String()),
  publ_period: nullable(Type.String()),
  has_ou_data: nullable(Type.Integer({ description: '1 or 0' })),
  ou_publication_date: nullable(Type.String()),
});

export const Municipality = Type.Object({
  id: str('0000 Riket, 0001–0025 regioner, four digits for kommuner'),
  title: Type.String(),
  type: str('K (kommun) or L (region, Riket)'),
});

export const Group = Type.Object({
  id: str('Group id, e.g. G33621'),
  title: Type.String(),
  members: Type.Array(Type.Object({ member_id: Type.String(), member_title: Type.String() })),
});

export const Ou = Type.Object({
  id: str('Organisational unit id, e.g. V15E128000101'),
  municipality: str('Municipality id of the unit'),
  title: Type.String(),
});

const valueFields = {
  gender: str('T (totalt), K (kvinnor) or M (män)'),
  count: Type.Integer({
    description: 'Values behind the figure; for a municipality group, the members that had a value',
  }),
  status: str('"" for a normal value'),
  value: nullable(Type.Number(), 'null when missing or deleted'),
};

export const DataValueV3 = Type.Object({ ...valueFields, isdeleted: Type.Boolean() });
export const DataValueV2 = Type.Object({
  ...valueFields,
  is_deleted: Type.Optional(Type.Integer({ description: '1 or 0; present when from_date is given' })),
});

function dataItem(unit: 'municipality' | 'ou', value: TSchema) {
  return Type.Object({
    kpi: Type.String(),
    [unit]: str(unit === 'municipality' ? 'Municipality or municipality-group id' : 'OU id'),
    period: Type.Integer({ description: 'Year' }),
    values: Type.Array(value),
  });
}

export const DATA_ITEM = {
  v3: { municipality: dataItem('municipality', DataValueV3), ou: dataItem('ou', DataValueV3) },
  v2: { municipality: dataItem('municipality', DataValueV2), ou: dataItem('ou', DataValueV2) },
} as const;

export function envelope(version: ApiVersion, item: TSchema) {
  const base = {
    values: Type.Array(item),
    count: Type.Integer({ description: 'Items on this page' }),
  };
  return version === 'v3'
    ? Type.Object({
        ...base,
        next_url: nullable(Type.String(), 'Absolute URL of the next page, null on the last'),
        previous_url: nullable(Type.String(), 'Absolute URL of the previous page, null on the first'),
      })
    : Type.Object({
        ...base,
        next_page: Type.Optional(str('Absolute URL of the next page; absent on the last')),
        previous_page: Type.Optional(str('Absolute URL of the previous page; absent on the first')),
      });
}

export const ErrorReply = Type.Object(
  {
    error: str('What was wrong, in words'),
    parameter: Type.Optional(str('The parameter that was wrong')),
    detail: Type.Array(
      Type.Object({
        loc: Type.Array(Type.String()),
        msg: Type.String(),
        type: Type.String(),
      }),
      { description: 'The same, in the FastAPI shape Kolada v3 clients may expect' },
    ),
  },
  { $id: 'KoladaError' },
);

const listParam = (description: string) =>
  Type.Array(Type.String(), { description: `${description}; comma-separated and/or repeated` });

/**
 * `page` and `per_page`. v3 refuses a `per_page` over the limit (422); Kolada v2's documentation says
 * only that a reply holds at most 5000 items and names no error for more (its errors were 400, 404
 * and 500), so /v2 serves a larger `per_page` as 5000 items a page, with `next_page` to the rest.
 */
export function pagingQuery(version: ApiVersion) {
  return {
    page: Type.Integer({ minimum: 1, maximum: MAX_PAGE, description: 'Page number, from 1' }),
    per_page:
      version === 'v3'
        ? Type.Integer({
            minimum: 1,
            maximum: MAX_PER_PAGE,
            description: `Items a page, at most ${MAX_PER_PAGE} (the default); over the limit gives 422`,
          })
        : Type.Integer({
            minimum: 1,
            description: `Items a page, ${MAX_PER_PAGE} at most (the default); more is served as ${MAX_PER_PAGE}, as Kolada v2 limited every reply to ${MAX_PER_PAGE} items`,
          }),
  };
}
const PagingQuery = pagingQuery('v3');

const title = Type.String({ description: 'Case-insensitive substring of the title' });

/** How many ids a list may hold, in the words of each version's documentation. */
function idListLimit(version: ApiVersion): string {
  return version === 'v3'
    ? `at most ${MAX_IDS_PER_SEGMENT}`
    : `as many as fit in a URL of at most ${MAX_V2_URL_LENGTH} characters`;
}

/** The query parameters of the metadata routes: `id` like the path form, and the search texts. */
export function metadataQueries(version: ApiVersion) {
  const PagingQuery = pagingQuery(version);
  const id = listParam(`Ids, exactly like the path form /…/{ids} (${idListLimit(version)})`);
  return {
    plain: Type.Partial(Type.Object({ id, title, ...PagingQuery })),
    kpi: Type.Partial(
      Type.Object({
        id,
        title,
        description: Type.String({ description: 'Case-insensitive substring of the description' }),
        operating_area: Type.String({ description: 'Case-insensitive substring of the operating area' }),
        ...PagingQuery,
      }),
    ),
    municipality: Type.Partial(
      Type.Object({
        id,
        title,
        region_type: listParam('K (kommuner) or L (regioner and Riket)'),
        type: listParam('Same as region_type (some clients send this name)'),
        ...PagingQuery,
      }),
    ),
    ou: Type.Partial(
      Type.Object({
        id,
        title,
        municipality: listParam('Municipality ids the units belong to'),
        ...PagingQuery,
      }),
    ),
  };
}

const fromDate = Type.String({
  description: 'YYYY-MM-DD: only values changed since that date, deleted ones included (value null)',
});

export function dataPathQuery(version: ApiVersion) {
  return Type.Partial(Type.Object({ from_date: fromDate, ...pagingQuery(version) }));
}
export function ouDataPathQuery(version: ApiVersion) {
  return Type.Partial(
    Type.Object({
      from_date: fromDate,
      municipality: listParam('Only units of these municipalities'),
      ...pagingQuery(version),
    }),
  );
}

export const DataQueryV3 = Type.Partial(
  Type.Object({
    kpi_id: listParam('KPI ids, at most 25'),
    municipality_id: listParam('Municipality or municipality-group ids, at most 25'),
    year: listParam('Years'),
    from_date: fromDate,
    region_type: listParam('K or L: only municipalities of this type'),
    ...PagingQuery,
  }),
);
export const OuDataQueryV3 = Type.Partial(
  Type.Object({
    kpi_id: listParam('KPI ids, at most 25'),
    ou_id: listParam('OU ids, at most 25'),
    year: listParam('Years'),
    municipality: listParam('Only units of these municipalities'),
    from_date: fromDate,
    ...PagingQuery,
  }),
);

export function idsParam(version: ApiVersion, description: string) {
  return Type.String({ description: `${description}: comma-separated, ${idListLimit(version)}` });
}
