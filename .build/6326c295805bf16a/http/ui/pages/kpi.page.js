import { Fragment, jsx, jsxs } from "preact/jsx-runtime";
import { Chart } from "../components/chart.js";
import {
  ControlsForm,
  GenderSelect,
  genderLabel,
  SubmitField,
  WideTextField,
  YearSelect
} from "../components/form.js";
import { Layout } from "../components/layout.js";
import { Legend } from "../components/legend.js";
import { TrendTable, trendChartData, trendDecimals } from "../components/trend.js";
import { CellView, PositionView, positionText } from "../components/values.js";
import { decimalsFor, formatDate, meanDecimals } from "../i18n/format.js";
import { href, num, withParams } from "../page-context.js";
import { referenceLabel } from "./profile.page.js";
function sortRanking(entries, sort) {
  const dir = sort.dir === "asc" ? 1 : -1;
  const missingLast = (a, b) => Number(a.cell.value === null) - Number(b.cell.value === null);
  const byName = (a, b) => a.municipality.title.localeCompare(b.municipality.title, "sv");
  return [...entries].sort((a, b) => {
    if (sort.key === "name") return dir * byName(a, b);
    const m = missingLast(a, b);
    if (m !== 0) return m;
    if (sort.key === "rank") return dir * ((a.rank?.rank ?? 0) - (b.rank?.rank ?? 0)) || byName(a, b);
    return dir * ((a.cell.value ?? 0) - (b.cell.value ?? 0)) || byName(a, b);
  });
}
function KpiPage({ ctx, model, sort }) {
  const { t } = ctx;
  const k = model.kpi;
  const chosen = model.municipality;
  const ranked = model.ranking.filter((r) => r.cell.value !== null);
  const d = decimalsFor(
    model.ranking.map((r) => r.cell.value),
    k.unit
  );
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: `${k.label} (${k.id})`, charts: true, children: [
    /* @__PURE__ */ jsxs("div", { class: "page-head", children: [
      /* @__PURE__ */ jsxs("p", { class: "eyebrow", children: [
        t.kpi,
        " ",
        k.id,
        model.area ? ` \xB7 ${model.area.number}. ${ctx.lang === "en" ? model.area.titleEn : model.area.title}` : ""
      ] }),
      /* @__PURE__ */ jsx("h1", { children: k.label }),
      k.label !== k.title && /* @__PURE__ */ jsx("p", { class: "kolada-title", children: k.title }),
      /* @__PURE__ */ jsx("p", { class: "lead", children: t.kpiPageIntro })
    ] }),
    /* @__PURE__ */ jsx(KpiControls, { ctx, model }),
    /* @__PURE__ */ jsx(KpiSummary, { ctx, model, decimals: d }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "ranking-title", children: [
      /* @__PURE__ */ jsxs("h2", { id: "ranking-title", children: [
        t.ranking,
        " ",
        model.year ?? "",
        model.gender !== "T" ? `, ${genderLabel(t, model.gender).toLowerCase()}` : ""
      ] }),
      ranked.length === 0 ? /* @__PURE__ */ jsx("p", { children: t.noValues }) : /* @__PURE__ */ jsx(
        Chart,
        {
          kind: "ranking",
          id: "ranking-chart",
          size: "chart--tall",
          label: t.rankingAlt,
          data: {
            direction: k.direction,
            unit: k.unit,
            lang: ctx.lang,
            decimals: d,
            items: sortRanking(ranked, { key: "rank", dir: "asc" }).map((r) => ({
              id: r.municipality.id,
              name: r.municipality.title,
              value: r.cell.value,
              pos: r.position,
              chosen: r.chosen,
              ref: r.inReference
            })),
            reference: model.referenceMean?.value ?? null,
            referenceLabel: model.reference ? referenceLabel(t, model.reference.option) : null,
            riket: model.riket.value,
            riketLabel: t.riket
          }
        }
      )
    ] }),
    /* @__PURE__ */ jsxs("div", { class: "map-table", children: [
      /* @__PURE__ */ jsxs("section", { "aria-labelledby": "map-title", class: "map-table__map", children: [
        /* @__PURE__ */ jsx("h2", { id: "map-title", children: t.map }),
        ctx.assets.boundaries ? ranked.length > 0 ? /* @__PURE__ */ jsxs(Fragment, { children: [
          /* @__PURE__ */ jsx(
            Chart,
            {
              kind: "map",
              id: "map-chart",
              size: "chart--map",
              label: t.mapAlt,
              data: {
                direction: k.direction,
                lang: ctx.lang,
                decimals: d,
                chosen: chosen?.id ?? null,
                items: model.ranking.map((r) => ({
                  id: r.municipality.id,
                  name: r.municipality.title,
                  value: r.cell.value,
                  pos: r.position,
                  rank: r.rank?.rank ?? null
                })),
                labels: { noValue: t.positionMissing, rank: t.rank, of: t.rankOf }
              }
            }
          ),
          /* @__PURE__ */ jsx(MapKey, { ctx, model, decimals: d })
        ] }) : /* @__PURE__ */ jsx("p", { children: t.noValues }) : /* @__PURE__ */ jsx("p", { class: "notice", id: "map-unavailable", children: t.mapUnavailable })
      ] }),
      /* @__PURE__ */ jsx(RankingTable, { ctx, model, sort, decimals: d })
    ] }),
    /* @__PURE__ */ jsxs("section", { "aria-labelledby": "distribution-title", children: [
      /* @__PURE__ */ jsx("h2", { id: "distribution-title", children: t.distribution }),
      /* @__PURE__ */ jsx("p", { class: "note", children: t.distributionNote }),
      model.distribution ? /* @__PURE__ */ jsxs("div", { class: "two-col", children: [
        /* @__PURE__ */ jsx(
          Chart,
          {
            kind: "histogram",
            id: "histogram-chart",
            label: t.histogramAlt,
            data: {
              lang: ctx.lang,
              decimals: d,
              bins: model.histogram,
              chosen: chosen ? model.ranking.find((r) => r.chosen)?.cell.value ?? null : null,
              chosenLabel: chosen?.title ?? null,
              box: model.distribution,
              countLabel: t.count
            }
          }
        ),
        /* @__PURE__ */ jsxs("table", { class: "data stats", children: [
          /* @__PURE__ */ jsx("caption", { children: t.distribution }),
          /* @__PURE__ */ jsx("tbody", { children: [
            [t.n, model.distribution.n, 0],
            [t.min, model.distribution.min, d],
            [t.q1, model.distribution.q1, meanDecimals(d)],
            [t.median, model.distribution.median, meanDecimals(d)],
            [t.q3, model.distribution.q3, meanDecimals(d)],
            [t.max, model.distribution.max, d],
            [t.mean, model.distribution.mean, meanDecimals(d)]
          ].map(([label, value, decimals]) => /* @__PURE__ */ jsxs("tr", { children: [
            /* @__PURE__ */ jsx("th", { scope: "row", children: label }),
            /* @__PURE__ */ jsx("td", { class: "num", children: num(ctx, value, decimals) })
          ] })) })
        ] })
      ] }) : /* @__PURE__ */ jsx("p", { children: t.noValues })
    ] }),
    /* @__PURE__ */ jsx(TrendSection, { ctx, trend: model.trend, unit: k.unit }),
    /* @__PURE__ */ jsx(KpiAbout, { ctx, model }),
    /* @__PURE__ */ jsx(Legend, { ctx })
  ] });
}
function trendSeriesLabel(t, s) {
  if (s.kind === "riket") return t.riket;
  if (s.kind === "reference")
    return `${s.id === "ref:alla" ? t.allKommuner : s.label} (${t.referenceMean}, Etablera)`;
  return s.label;
}
function TrendSection({ ctx, trend, unit }) {
  const { t } = ctx;
  const d = trendDecimals(trend, unit);
  return /* @__PURE__ */ jsxs("section", { "aria-labelledby": "trend-title", children: [
    /* @__PURE__ */ jsx("h2", { id: "trend-title", children: t.trends }),
    trend.years.length === 0 ? /* @__PURE__ */ jsx("p", { children: t.noValues }) : /* @__PURE__ */ jsxs(Fragment, { children: [
      /* @__PURE__ */ jsx(
        Chart,
        {
          kind: "trend",
          id: "trend-chart",
          label: t.trendsAlt,
          data: trendChartData(ctx, trend, trendSeriesLabel, d)
        }
      ),
      /* @__PURE__ */ jsx(TrendTable, { ctx, trend, caption: t.trends, label: trendSeriesLabel, decimals: d })
    ] })
  ] });
}
function MapKey({ ctx, model, decimals }) {
  const { t } = ctx;
  const directional = model.kpi.direction === "higher" || model.kpi.direction === "lower";
  if (directional)
    return /* @__PURE__ */ jsx("ul", { class: "map-key", "aria-label": t.legendTitle, children: ["top", "middle", "bottom", "missing"].map((p) => /* @__PURE__ */ jsxs("li", { children: [
      /* @__PURE__ */ jsx("span", { class: `swatch swatch--${p}`, "aria-hidden": "true" }),
      " ",
      positionText(t, p)
    ] })) });
  const values = model.ranking.map((r) => r.cell.value).filter((v) => v !== null);
  return /* @__PURE__ */ jsxs("ul", { class: "map-key", "aria-label": t.legendTitle, children: [
    /* @__PURE__ */ jsxs("li", { children: [
      /* @__PURE__ */ jsx("span", { class: "swatch swatch--low", "aria-hidden": "true" }),
      " ",
      t.min,
      ":",
      " ",
      num(ctx, Math.min(...values), decimals)
    ] }),
    /* @__PURE__ */ jsxs("li", { children: [
      /* @__PURE__ */ jsx("span", { class: "swatch swatch--high", "aria-hidden": "true" }),
      " ",
      t.max,
      ":",
      " ",
      num(ctx, Math.max(...values), decimals)
    ] }),
    /* @__PURE__ */ jsxs("li", { children: [
      /* @__PURE__ */ jsx("span", { class: "swatch swatch--missing", "aria-hidden": "true" }),
      " ",
      t.positionMissing
    ] })
  ] });
}
function KpiSummary({ ctx, model, decimals }) {
  const { t } = ctx;
  const chosen = model.ranking.find((r) => r.chosen);
  if (!chosen || !model.municipality) return null;
  return /* @__PURE__ */ jsxs("section", { class: "summary", "aria-label": model.municipality.title, children: [
    /* @__PURE__ */ jsxs("div", { class: `summary__card pos-cell--${chosen.position}`, children: [
      /* @__PURE__ */ jsxs("span", { class: "summary__label", children: [
        model.municipality.title,
        " ",
        model.year ?? ""
      ] }),
      /* @__PURE__ */ jsxs("span", { class: "summary__value", "data-field": "value", children: [
        /* @__PURE__ */ jsx(CellView, { ctx, cell: chosen.cell, decimals }),
        chosen.cell.value !== null && model.kpi.unit ? ` ${model.kpi.unit}` : ""
      ] }),
      /* @__PURE__ */ jsx(PositionView, { ctx, position: chosen.position, rank: chosen.rank })
    ] }),
    model.reference && model.referenceMean && /* @__PURE__ */ jsxs("div", { class: "summary__card", children: [
      /* @__PURE__ */ jsxs("span", { class: "summary__label", children: [
        referenceLabel(t, model.reference.option),
        " (",
        t.referenceMean,
        ", Etablera)"
      ] }),
      /* @__PURE__ */ jsx("span", { class: "summary__value", "data-field": "reference", children: /* @__PURE__ */ jsx(
        CellView,
        {
          ctx,
          cell: {
            value: model.referenceMean.value,
            symbol: model.referenceMean.value === null ? "-" : null
          },
          decimals: meanDecimals(decimals)
        }
      ) }),
      /* @__PURE__ */ jsxs("span", { class: "count-note", children: [
        "n = ",
        model.referenceMean.count,
        " ",
        t.rankOf,
        " ",
        model.referenceMean.members
      ] })
    ] }),
    /* @__PURE__ */ jsxs("div", { class: "summary__card", children: [
      /* @__PURE__ */ jsx("span", { class: "summary__label", children: t.riket }),
      /* @__PURE__ */ jsx("span", { class: "summary__value", "data-field": "riket", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: model.riket, decimals }) }),
      /* @__PURE__ */ jsx("span", { class: "count-note", children: t.sourceKolada })
    ] })
  ] });
}
function KpiControls({ ctx, model }) {
  const { t } = ctx;
  const chosenRef = model.reference?.option.param ?? "alla";
  const kommuner = [...model.ranking].sort(
    (a, b) => a.municipality.title.localeCompare(b.municipality.title, "sv")
  );
  return /* @__PURE__ */ jsxs(ControlsForm, { ctx, action: `/nyckeltal/${model.kpi.id}`, children: [
    /* @__PURE__ */ jsxs("div", { class: "field", children: [
      /* @__PURE__ */ jsx("label", { for: "kommun", children: t.chosenKommun }),
      /* @__PURE__ */ jsxs("select", { id: "kommun", name: "kommun", children: [
        /* @__PURE__ */ jsx("option", { value: "", selected: !model.municipality, children: t.noKommun }),
        kommuner.map((r) => /* @__PURE__ */ jsx("option", { value: r.municipality.id, selected: r.chosen, children: r.municipality.title }))
      ] })
    ] }),
    /* @__PURE__ */ jsx(YearSelect, { ctx, years: model.years, chosen: model.yearChoice }),
    model.kpi.isDividedByGender && /* @__PURE__ */ jsx(GenderSelect, { ctx, gender: model.gender }),
    model.municipality && /* @__PURE__ */ jsxs("div", { class: "field", children: [
      /* @__PURE__ */ jsx("label", { for: "ref", children: t.reference }),
      /* @__PURE__ */ jsxs("select", { id: "ref", name: "ref", children: [
        /* @__PURE__ */ jsx("option", { value: "alla", selected: chosenRef === "alla", children: t.referenceAll }),
        model.referenceOptions.filter((o) => o.kind !== "alla").map((o) => /* @__PURE__ */ jsx("option", { value: o.param, selected: chosenRef === o.param, children: referenceLabel(t, o) })),
        model.reference?.option.kind === "grupp" && /* @__PURE__ */ jsx("option", { value: model.reference.option.param, selected: true, children: model.reference.option.title }),
        /* @__PURE__ */ jsx("option", { value: "urval", selected: chosenRef === "urval", children: t.referenceCustom })
      ] })
    ] }),
    model.municipality && /* @__PURE__ */ jsx(WideTextField, { id: "urval", label: t.customSelection, value: ctx.params.get("urval") ?? "" }),
    /* @__PURE__ */ jsx(
      WideTextField,
      {
        id: "jmf",
        label: t.compareKommuner,
        value: model.compare.map((m) => m.title).join(", ")
      }
    ),
    /* @__PURE__ */ jsx(SubmitField, { label: t.show }),
    [...model.reference?.unknown ?? [], ...model.unknownCompare].length > 0 && /* @__PURE__ */ jsxs("p", { class: "error", role: "alert", children: [
      t.unknownKommuner,
      ": ",
      [...model.reference?.unknown ?? [], ...model.unknownCompare].join(", ")
    ] })
  ] });
}
const SORT_HEADERS = [
  { key: "rank", label: (t) => t.rank },
  { key: "name", label: (t) => t.kommun },
  { key: "value", label: (t) => t.value, num: true }
];
function RankingTable({
  ctx,
  model,
  sort,
  decimals
}) {
  const { t } = ctx;
  const rows = sortRanking(model.ranking, sort);
  return /* @__PURE__ */ jsxs("section", { "aria-labelledby": "table-title", class: "map-table__table", children: [
    /* @__PURE__ */ jsx("h2", { id: "table-title", children: t.rankingTable }),
    /* @__PURE__ */ jsx("div", { class: "table-scroll table-scroll--tall", children: /* @__PURE__ */ jsxs("table", { class: "data ranking-table", id: "ranking-table", children: [
      /* @__PURE__ */ jsxs("caption", { class: "visually-hidden", children: [
        t.rankingTable,
        ": ",
        model.kpi.label,
        " ",
        model.year ?? "",
        ". ",
        t.sortBy,
        ":",
        " ",
        SORT_HEADERS.find((h) => h.key === sort.key).label(t)
      ] }),
      /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
        SORT_HEADERS.map((h) => {
          const current = sort.key === h.key;
          const nextDir = current && sort.dir === "asc" ? "desc" : "asc";
          return /* @__PURE__ */ jsx(
            "th",
            {
              scope: "col",
              class: h.num ? "num" : void 0,
              "aria-sort": current ? sort.dir === "asc" ? "ascending" : "descending" : void 0,
              children: /* @__PURE__ */ jsxs("a", { href: withParams(ctx, { sort: h.key, dir: nextDir }), class: "sort-link", children: [
                h.label(t),
                /* @__PURE__ */ jsx("span", { "aria-hidden": "true", children: current ? sort.dir === "asc" ? " \u2191" : " \u2193" : " \u2195" })
              ] })
            }
          );
        }),
        /* @__PURE__ */ jsx("th", { scope: "col", children: t.position })
      ] }) }),
      /* @__PURE__ */ jsx("tbody", { children: rows.map((r) => /* @__PURE__ */ jsxs(
        "tr",
        {
          class: [r.chosen ? "is-chosen" : "", r.inReference ? "is-reference" : ""].join(" ").trim() || void 0,
          "data-kommun": r.municipality.id,
          children: [
            /* @__PURE__ */ jsx("td", { class: "num", children: r.rank?.rank ?? "\u2013" }),
            /* @__PURE__ */ jsxs("th", { scope: "row", children: [
              /* @__PURE__ */ jsx("a", { href: href(ctx, `/kommun/${r.municipality.id}`), children: r.municipality.title }),
              r.chosen && /* @__PURE__ */ jsx("span", { class: "tag", children: t.chosen }),
              r.inReference && /* @__PURE__ */ jsx("span", { class: "tag tag--ref", children: t.inReference })
            ] }),
            /* @__PURE__ */ jsx("td", { class: "num", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: r.cell, decimals }) }),
            /* @__PURE__ */ jsx("td", { class: `pos-cell pos-cell--${r.position}`, children: /* @__PURE__ */ jsx(PositionView, { ctx, position: r.position, rank: null }) })
          ]
        }
      )) })
    ] }) })
  ] });
}
function KpiAbout({ ctx, model }) {
  const { t } = ctx;
  const k = model.kpi;
  const direction = k.direction === "higher" ? t.directionHigher : k.direction === "lower" ? t.directionLower : t.directionNeither;
  return /* @__PURE__ */ jsxs("section", { "aria-labelledby": "about-title", class: "about", children: [
    /* @__PURE__ */ jsx("h2", { id: "about-title", children: t.description }),
    k.description && /* @__PURE__ */ jsx("p", { children: k.description }),
    /* @__PURE__ */ jsxs("dl", { class: "facts", children: [
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.source }),
        /* @__PURE__ */ jsxs("dd", { children: [
          k.source ? `${k.source}. ` : "",
          ctx.dataset === "demo" ? t.sourceDemo : t.sourceKolada
        ] })
      ] }),
      k.publPeriod && /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.publicationPeriod }),
        /* @__PURE__ */ jsx("dd", { children: k.publPeriod })
      ] }),
      k.prelPublicationDate && /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.prelPublication }),
        /* @__PURE__ */ jsx("dd", { children: formatDate(k.prelPublicationDate, ctx.lang) })
      ] }),
      k.publicationDate && /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.nextPublication }),
        /* @__PURE__ */ jsx("dd", { children: formatDate(k.publicationDate, ctx.lang) })
      ] }),
      k.operatingArea && /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.operatingArea }),
        /* @__PURE__ */ jsx("dd", { children: k.operatingArea })
      ] }),
      k.perspective && /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.perspective }),
        /* @__PURE__ */ jsx("dd", { children: k.perspective })
      ] }),
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.divideByGender }),
        /* @__PURE__ */ jsx("dd", { children: k.isDividedByGender ? t.yes : t.no })
      ] }),
      /* @__PURE__ */ jsxs("div", { children: [
        /* @__PURE__ */ jsx("dt", { children: t.direction }),
        /* @__PURE__ */ jsx("dd", { children: direction })
      ] })
    ] })
  ] });
}
export {
  KpiPage,
  sortRanking,
  trendSeriesLabel
};
//# sourceMappingURL=kpi.page.js.map
