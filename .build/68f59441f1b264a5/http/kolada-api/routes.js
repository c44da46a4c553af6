import { envelope } from "./paging.js";
import {
  paging,
  parseDate,
  parseIds,
  parseRegionTypes,
  parseTitle,
  parseYears
} from "./params.js";
import { presentDataItem, presentGroup, presentKpi } from "./presenters.js";
import {
  DATA_ITEM,
  DataPathQuery,
  DataQueryV3,
  envelope as envelopeSchema,
  Group,
  idsParam,
  KpiV2,
  KpiV3,
  MetadataQuery,
  Municipality,
  MunicipalityQuery,
  Ou,
  OuDataPathQuery,
  OuDataQueryV3,
  OuQuery
} from "./schemas.js";
const ERRORS = {
  400: { $ref: "KoladaError#" },
  404: { $ref: "KoladaError#" },
  422: { $ref: "KoladaError#" }
};
function pageRequest(p) {
  return { limit: p.perPage, offset: (p.page - 1) * p.perPage };
}
function registerKoladaRoutes(app, deps) {
  const { version, metadata } = deps;
  function metadataResource(spec) {
    const handler = async (request) => {
      const query = request.query;
      const params = request.params;
      const filter = {};
      if (params.ids !== void 0) filter.ids = parseIds("ids", params.ids);
      if (typeof query.title === "string" && query.title !== "") filter.title = parseTitle(query.title);
      const p = paging(query);
      const result = await spec.read(filter, query, pageRequest(p));
      return envelope(
        version,
        request,
        deps.publicBaseUrl,
        result.rows.map(spec.present),
        p.page,
        result.hasMore
      );
    };
    const response = { 200: envelopeSchema(version, spec.item), ...ERRORS };
    app.get(
      `/${spec.path}`,
      { schema: { summary: spec.summary, tags: ["metadata"], querystring: spec.query, response } },
      handler
    );
    app.get(
      `/${spec.path}/:ids`,
      {
        schema: {
          summary: `${spec.summary}, by id`,
          tags: ["metadata"],
          params: { type: "object", properties: { ids: idsParam("Ids") }, required: ["ids"] },
          querystring: spec.query,
          response
        }
      },
      handler
    );
  }
  metadataResource({
    path: "kpi",
    summary: "KPIs (nyckeltal)",
    item: version === "v3" ? KpiV3 : KpiV2,
    query: MetadataQuery,
    read: (filter, _q, r) => metadata.kpis(filter, r),
    present: (k) => presentKpi(version, k)
  });
  metadataResource({
    path: "kpi_groups",
    summary: "KPI groups",
    item: Group,
    query: MetadataQuery,
    read: (filter, _q, r) => metadata.kpiGroups(filter, r),
    present: presentGroup
  });
  metadataResource({
    path: "municipality",
    summary: "Municipalities (kommuner), regions and Riket",
    item: Municipality,
    query: MunicipalityQuery,
    read: (filter, q, r) => {
      const types = q.region_type ?? q.type;
      const typed = types === void 0 ? filter : { ...filter, types: parseRegionTypes(q.region_type ? "region_type" : "type", types) };
      return metadata.municipalities(typed, r);
    },
    present: (m) => m
  });
  metadataResource({
    path: "municipality_groups",
    summary: "Municipality groups",
    item: Group,
    query: MetadataQuery,
    read: (filter, _q, r) => metadata.municipalityGroups(filter, r),
    present: presentGroup
  });
  metadataResource({
    path: "ou",
    summary: "Organisational units (schools, care homes\u2026)",
    item: Ou,
    query: OuQuery,
    read: (filter, q, r) => metadata.ous(
      q.municipality === void 0 ? filter : { ...filter, municipalities: parseIds("municipality", q.municipality) },
      r
    ),
    present: (o) => o
  });
  registerDataRoutes(app, deps, "municipality");
  registerDataRoutes(app, deps, "ou");
}
const SEGMENT = {
  municipality: { route: "data", unit: "municipality", unitParam: "municipality_id" },
  ou: { route: "oudata", unit: "ou", unitParam: "ou_id" }
};
function registerDataRoutes(app, deps, level) {
  const { version } = deps;
  const { route, unit, unitParam } = SEGMENT[level];
  const response = { 200: envelopeSchema(version, DATA_ITEM[version][level]), ...ERRORS };
  const tags = [level === "municipality" ? "data" : "oudata"];
  const unitDescription = level === "municipality" ? "Municipality ids; a municipality-group id (e.g. G33621) gives the unweighted mean of its members, computed by Etablera" : "OU ids";
  async function answer(request, dataRequest, withDeleted) {
    const result = await deps.data.page(dataRequest);
    return envelope(
      version,
      request,
      deps.publicBaseUrl,
      result.items.map((i) => presentDataItem(version, level, i, withDeleted)),
      dataRequest.page,
      result.hasMore
    );
  }
  function common(query) {
    const p = paging(query);
    const base = { level, page: p.page, perPage: p.perPage };
    if (typeof query.from_date === "string") base.changedSince = parseDate("from_date", query.from_date);
    if (level === "ou" && query.municipality !== void 0)
      base.ouMunicipalities = parseIds("municipality", query.municipality);
    return base;
  }
  const forms = [
    { path: `/${route}/kpi/:kpi/${unit}/:unit/year/:year`, segments: ["kpi", "unit", "year"] },
    { path: `/${route}/kpi/:kpi/year/:year`, segments: ["kpi", "year"] },
    { path: `/${route}/kpi/:kpi/${unit}/:unit`, segments: ["kpi", "unit"] },
    { path: `/${route}/${unit}/:unit/year/:year`, segments: ["unit", "year"] }
  ];
  const segmentSchema = {
    kpi: idsParam("KPI ids"),
    unit: idsParam(unitDescription),
    year: { type: "string", description: "Years, comma-separated" }
  };
  for (const form of forms) {
    app.get(
      form.path,
      {
        schema: {
          summary: `${level === "municipality" ? "Data" : "OU data"} by ${form.segments.join(", ")}`,
          tags,
          params: {
            type: "object",
            properties: Object.fromEntries(form.segments.map((s) => [s, segmentSchema[s]])),
            required: form.segments
          },
          querystring: level === "municipality" ? DataPathQuery : OuDataPathQuery,
          response
        }
      },
      async (request) => {
        const params = request.params;
        const query = request.query;
        const dataRequest = { ...common(query) };
        if (params.kpi !== void 0) dataRequest.kpis = parseIds("kpi", params.kpi);
        if (params.unit !== void 0) dataRequest.units = parseIds(unit, params.unit);
        if (params.year !== void 0) dataRequest.years = parseYears("year", params.year);
        return answer(request, dataRequest, dataRequest.changedSince !== void 0);
      }
    );
  }
  if (version !== "v3") return;
  const known = new Set(
    level === "municipality" ? ["kpi_id", "municipality_id", "year", "from_date", "region_type", "page", "per_page"] : ["kpi_id", "ou_id", "year", "municipality", "from_date", "page", "per_page"]
  );
  app.get(
    `/${route}`,
    {
      schema: {
        summary: `${level === "municipality" ? "Data" : "OU data"}, query form (list parameters may repeat or be comma lists)`,
        description: "A parameter name the API does not know gives an empty list (as Kolada does), not an error.",
        tags,
        querystring: level === "municipality" ? DataQueryV3 : OuDataQueryV3,
        response
      }
    },
    async (request) => {
      const query = request.query;
      const p = paging(query);
      if (Object.keys(query).some((k) => !known.has(k))) {
        return envelope(version, request, deps.publicBaseUrl, [], p.page, false);
      }
      const dataRequest = { ...common(query) };
      if (query.kpi_id !== void 0) dataRequest.kpis = parseIds("kpi_id", query.kpi_id);
      if (query[unitParam] !== void 0)
        dataRequest.units = parseIds(unitParam, query[unitParam]);
      if (query.year !== void 0) dataRequest.years = parseYears("year", query.year);
      if (level === "municipality" && query.region_type !== void 0)
        dataRequest.municipalityTypes = parseRegionTypes("region_type", query.region_type);
      return answer(request, dataRequest, dataRequest.changedSince !== void 0);
    }
  );
}
export {
  registerKoladaRoutes
};
//# sourceMappingURL=routes.js.map
