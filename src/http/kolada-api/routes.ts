/**
 * The routes of one Kolada API version (mounted under /v3 or /v2): metadata, municipality data and
 * OU data, in every path form Kolada clients use, plus v3's query forms.
 */
import type { TSchema } from '@sinclair/typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { presentDataItem } from '../../kolada/data-items.js';
import type {
  KpiFilter,
  MetadataFilter,
  MetadataRepository,
  PageRequest,
  PageResult,
} from '../../store/repositories/metadata.repository.js';
import type { ValueLevel } from '../../store/value-levels.js';
import type { DataRequest, KoladaDataService } from './data.service.js';
import { envelope } from './paging.js';
import {
  type IdListRule,
  MAX_IDS_PER_SEGMENT,
  type Paging,
  type ParameterLocation,
  paging,
  parseDate,
  parseIds,
  parseRegionTypes,
  parseSearchText,
  parseYears,
} from './params.js';
import { presentGroup, presentKpi } from './presenters.js';
import {
  type ApiVersion,
  DATA_ITEM,
  DataQueryV3,
  dataPathQuery,
  envelope as envelopeSchema,
  Group,
  idsParam,
  KpiV2,
  KpiV3,
  Municipality,
  metadataQueries,
  Ou,
  OuDataQueryV3,
  ouDataPathQuery,
} from './schemas.js';

export interface RouteDeps {
  version: ApiVersion;
  metadata: MetadataRepository;
  data: KoladaDataService;
  publicBaseUrl: string;
}

type Query = Record<string, string | string[] | number | undefined>;

const ERRORS = {
  400: { $ref: 'KoladaError#' },
  404: { $ref: 'KoladaError#' },
  422: { $ref: 'KoladaError#' },
};

function pageRequest(p: Paging): PageRequest {
  return { limit: p.perPage, offset: (p.page - 1) * p.perPage };
}

/** v3 refuses more than 25 ids in a list (422); v2 limits lists only by the URL's length. */
const ID_LIST_RULES: Record<ApiVersion, IdListRule> = {
  v3: { maxIds: MAX_IDS_PER_SEGMENT },
  // Stryker disable next-line ObjectLiteral: `{}` leaves maxIds undefined, and `n > undefined` is false: no limit, as null
  v2: { maxIds: null },
};

/** An id list of this version, from a path segment or a (possibly repeated) query parameter. */
function idReader(version: ApiVersion) {
  const rule = ID_LIST_RULES[version];
  return (parameter: string, raw: unknown, location: ParameterLocation) =>
    parseIds(parameter, raw as string | string[], location, rule);
}

/** Ids in the path (`/kpi/{ids}`) and in `?id=` together: an object must be named by both. */
function bothIdLists(path: string[] | undefined, query: string[] | undefined): string[] | undefined {
  if (!path || !query) return path ?? query;
  const named = new Set(query);
  return path.filter((id) => named.has(id));
}

/** A search text parameter when it is given and not empty. */
function searchText(query: Query, parameter: string): string | undefined {
  const raw = query[parameter];
  // Stryker disable next-line ConditionalExpression,StringLiteral: an empty text reads as no filter in the repository anyway; the check only spares parsing it
  return typeof raw === 'string' && raw !== '' ? parseSearchText(parameter, raw) : undefined;
}

export function registerKoladaRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const { version, metadata } = deps;
  const ids = idReader(version);
  const queries = metadataQueries(version);

  /** A metadata resource as a list (`/x`) and by ids (`/x/{ids}`). */
  function metadataResource<T>(spec: {
    path: string;
    summary: string;
    item: TSchema;
    query: TSchema;
    read: (filter: MetadataFilter, query: Query, request: PageRequest) => Promise<PageResult<T>>;
    present: (row: T) => object;
  }): void {
    const handler = async (request: FastifyRequest) => {
      const query = request.query as Query;
      const params = request.params as { ids?: string };
      const filter: MetadataFilter = {};
      const named = bothIdLists(
        params.ids === undefined ? undefined : ids('ids', params.ids, 'path'),
        query.id === undefined ? undefined : ids('id', query.id, 'query'),
      );
      // Stryker disable next-line ConditionalExpression: an undefined filter field reads as no filter
      if (named) filter.ids = named;
      const title = searchText(query, 'title');
      // Stryker disable next-line ConditionalExpression: an undefined filter field reads as no filter
      if (title !== undefined) filter.title = title;
      const p = paging(query, version);
      const result = await spec.read(filter, query, pageRequest(p));
      return envelope(
        version,
        request,
        deps.publicBaseUrl,
        result.rows.map(spec.present),
        p.page,
        result.hasMore,
      );
    };
    const response = { 200: envelopeSchema(version, spec.item), ...ERRORS };
    app.get(
      `/${spec.path}`,
      { schema: { summary: spec.summary, tags: ['metadata'], querystring: spec.query, response } },
      handler,
    );
    app.get(
      `/${spec.path}/:ids`,
      {
        schema: {
          summary: `${spec.summary}, by id`,
          tags: ['metadata'],
          // Stryker disable next-line ArrayDeclaration,StringLiteral: a path parameter is there whenever the route matches, and the OpenAPI document marks it required anyway
          params: { type: 'object', properties: { ids: idsParam(version, 'Ids') }, required: ['ids'] },
          querystring: spec.query,
          response,
        },
      },
      handler,
    );
  }

  metadataResource({
    path: 'kpi',
    summary: 'KPIs (nyckeltal)',
    item: version === 'v3' ? KpiV3 : KpiV2,
    query: queries.kpi,
    read: (filter, q, r) => {
      const kpiFilter: KpiFilter = { ...filter };
      const description = searchText(q, 'description');
      const operatingArea = searchText(q, 'operating_area');
      // Stryker disable next-line ConditionalExpression: an undefined filter field reads as no filter
      if (description !== undefined) kpiFilter.description = description;
      // Stryker disable next-line ConditionalExpression: an undefined filter field reads as no filter
      if (operatingArea !== undefined) kpiFilter.operatingArea = operatingArea;
      return metadata.kpis(kpiFilter, r);
    },
    present: (k) => presentKpi(version, k),
  });
  metadataResource({
    path: 'kpi_groups',
    summary: 'KPI groups',
    item: Group,
    query: queries.plain,
    read: (filter, _q, r) => metadata.kpiGroups(filter, r),
    present: presentGroup,
  });
  metadataResource({
    path: 'municipality',
    summary: 'Municipalities (kommuner), regions and Riket',
    item: Municipality,
    query: queries.municipality,
    read: (filter, q, r) => {
      const types = q.region_type ?? q.type;
      const typed =
        types === undefined
          ? filter
          : { ...filter, types: parseRegionTypes(q.region_type ? 'region_type' : 'type', types as string[]) };
      return metadata.municipalities(typed, r);
    },
    present: (m) => m,
  });
  metadataResource({
    path: 'municipality_groups',
    summary: 'Municipality groups',
    item: Group,
    query: queries.plain,
    read: (filter, _q, r) => metadata.municipalityGroups(filter, r),
    present: presentGroup,
  });
  metadataResource({
    path: 'ou',
    summary: 'Organisational units (schools, care homes…)',
    item: Ou,
    query: queries.ou,
    read: (filter, q, r) =>
      metadata.ous(
        q.municipality === undefined
          ? filter
          : { ...filter, municipalities: ids('municipality', q.municipality, 'query') },
        r,
      ),
    present: (o) => o,
  });

  registerDataRoutes(app, deps, 'municipality');
  registerDataRoutes(app, deps, 'ou');
}

const SEGMENT = {
  municipality: { route: 'data', unit: 'municipality', unitParam: 'municipality_id' },
  ou: { route: 'oudata', unit: 'ou', unitParam: 'ou_id' },
} as const;

function registerDataRoutes(app: FastifyInstance, deps: RouteDeps, level: ValueLevel): void {
  const { version } = deps;
  const ids = idReader(version);
  const { route, unit, unitParam } = SEGMENT[level];
  const response = { 200: envelopeSchema(version, DATA_ITEM[version][level]), ...ERRORS };
  const tags = [level === 'municipality' ? 'data' : 'oudata'];
  const unitDescription =
    level === 'municipality'
      ? 'Municipality ids; a municipality-group id (e.g. G33621) gives the unweighted mean of its members, computed by Etablera'
      : 'OU ids';

  async function answer(request: FastifyRequest, dataRequest: DataRequest, withDeleted: boolean) {
    const result = await deps.data.page(dataRequest);
    return envelope(
      version,
      request,
      deps.publicBaseUrl,
      result.items.map((i) => presentDataItem(version, level, i, withDeleted)),
      dataRequest.page,
      result.hasMore,
    );
  }

  function common(query: Query): Omit<DataRequest, 'kpis' | 'units' | 'years'> {
    const p = paging(query, version);
    const base: Omit<DataRequest, 'kpis' | 'units' | 'years'> = { level, page: p.page, perPage: p.perPage };
    if (typeof query.from_date === 'string') base.changedSince = parseDate('from_date', query.from_date);
    if (level === 'ou' && query.municipality !== undefined)
      base.ouMunicipalities = ids('municipality', query.municipality, 'query');
    return base;
  }

  const forms: { path: string; segments: ('kpi' | 'unit' | 'year')[] }[] = [
    { path: `/${route}/kpi/:kpi/${unit}/:unit/year/:year`, segments: ['kpi', 'unit', 'year'] },
    { path: `/${route}/kpi/:kpi/year/:year`, segments: ['kpi', 'year'] },
    { path: `/${route}/kpi/:kpi/${unit}/:unit`, segments: ['kpi', 'unit'] },
    { path: `/${route}/${unit}/:unit/year/:year`, segments: ['unit', 'year'] },
  ];
  const segmentSchema = {
    kpi: idsParam(version, 'KPI ids'),
    unit: idsParam(version, unitDescription),
    year: { type: 'string', description: 'Years, comma-separated' },
  };
  for (const form of forms) {
    app.get(
      form.path,
      {
        schema: {
          summary: `${level === 'municipality' ? 'Data' : 'OU data'} by ${form.segments.join(', ')}`,
          tags,
          params: {
            type: 'object',
            properties: Object.fromEntries(form.segments.map((s) => [s, segmentSchema[s]])),
            required: form.segments,
          },
          querystring: level === 'municipality' ? dataPathQuery(version) : ouDataPathQuery(version),
          response,
        },
      },
      async (request) => {
        const params = request.params as Record<string, string>;
        const query = request.query as Query;
        const dataRequest: DataRequest = { ...common(query) };
        if (params.kpi !== undefined) dataRequest.kpis = ids('kpi', params.kpi, 'path');
        if (params.unit !== undefined) dataRequest.units = ids(unit, params.unit, 'path');
        if (params.year !== undefined) dataRequest.years = parseYears('year', params.year, 'path');
        return answer(request, dataRequest, dataRequest.changedSince !== undefined);
      },
    );
  }

  if (version !== 'v3') return;
  const known = new Set(
    level === 'municipality'
      ? ['kpi_id', 'municipality_id', 'year', 'from_date', 'region_type', 'page', 'per_page']
      : ['kpi_id', 'ou_id', 'year', 'municipality', 'from_date', 'page', 'per_page'],
  );
  app.get(
    `/${route}`,
    {
      schema: {
        summary: `${level === 'municipality' ? 'Data' : 'OU data'}, query form (list parameters may repeat or be comma lists)`,
        description:
          'A parameter name the API does not know gives an empty list (as Kolada does), not an error.',
        tags,
        querystring: level === 'municipality' ? DataQueryV3 : OuDataQueryV3,
        response,
      },
    },
    async (request) => {
      const query = request.query as Query;
      const p = paging(query, version);
      if (Object.keys(query).some((k) => !known.has(k))) {
        return envelope(version, request, deps.publicBaseUrl, [], p.page, false);
      }
      const dataRequest: DataRequest = { ...common(query) };
      if (query.kpi_id !== undefined) dataRequest.kpis = ids('kpi_id', query.kpi_id, 'query');
      if (query[unitParam] !== undefined) dataRequest.units = ids(unitParam, query[unitParam], 'query');
      if (query.year !== undefined) dataRequest.years = parseYears('year', query.year as string[]);
      // Stryker disable next-line ConditionalExpression: at the OU level region_type is an unknown parameter, answered above
      if (level === 'municipality' && query.region_type !== undefined)
        dataRequest.municipalityTypes = parseRegionTypes('region_type', query.region_type as string[]);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the flag shapes v2 items only, and this form is v3's
      return answer(request, dataRequest, dataRequest.changedSince !== undefined);
    },
  );
}
