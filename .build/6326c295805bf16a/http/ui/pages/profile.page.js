import { jsx, jsxs } from "preact/jsx-runtime";
import { ControlsForm, SubmitField, WideTextField, YearSelect } from "../components/form.js";
import { Layout } from "../components/layout.js";
import { Legend } from "../components/legend.js";
import { Sparkline } from "../components/sparkline.js";
import { CellView, PositionView } from "../components/values.js";
import { decimalsFor, meanDecimals } from "../i18n/format.js";
import { href, num } from "../page-context.js";
function referenceLabel(t, option) {
  switch (option.kind) {
    case "alla":
      return t.allKommuner;
    case "urval":
      return t.referenceCustom;
    case "liknande":
      return `${t.referenceSimilar}, ${option.title}`;
    default:
      return option.title;
  }
}
function yearParam(model) {
  return model.year === "latest" ? void 0 : String(model.year);
}
function ProfilePage({ ctx, view }) {
  const { t } = ctx;
  const { model } = view;
  const m = model.municipality;
  const refLabel = referenceLabel(t, model.reference.option);
  const linkParams = {
    kommun: m.id,
    ar: yearParam(model),
    ref: model.reference.option.param === "alla" ? void 0 : model.reference.option.param,
    urval: model.reference.option.kind === "urval" ? model.reference.members.join(",") : void 0
  };
  return /* @__PURE__ */ jsxs(Layout, { ctx, title: `${m.title} \u2013 ${t.profileTitle}`, children: [
    /* @__PURE__ */ jsxs("div", { class: "page-head", "data-recent-id": m.id, "data-recent-title": m.title, children: [
      /* @__PURE__ */ jsx("p", { class: "eyebrow", children: t.profileTitle }),
      /* @__PURE__ */ jsxs("h1", { children: [
        m.title,
        " ",
        /* @__PURE__ */ jsx("span", { class: "muted", children: `${t.kommunCode} ${m.id}` })
      ] }),
      /* @__PURE__ */ jsx("p", { class: "lead", children: t.profileIntro })
    ] }),
    /* @__PURE__ */ jsx(ProfileControls, { ctx, view }),
    /* @__PURE__ */ jsx(ReferenceMembers, { ctx, view }),
    model.areas.map(({ area, rows }) => /* @__PURE__ */ jsxs("section", { class: "area", "aria-labelledby": `area-${area.id}`, children: [
      /* @__PURE__ */ jsxs("h2", { id: `area-${area.id}`, children: [
        area.number,
        ". ",
        ctx.lang === "en" ? area.titleEn : area.title
      ] }),
      /* @__PURE__ */ jsx("div", { class: "table-scroll", children: /* @__PURE__ */ jsxs("table", { class: "data profile-table", "aria-labelledby": `area-${area.id}`, children: [
        /* @__PURE__ */ jsx("thead", { children: /* @__PURE__ */ jsxs("tr", { children: [
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.kpi }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.year }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: m.title }),
          /* @__PURE__ */ jsxs("th", { scope: "col", children: [
            t.position,
            " / ",
            t.rank
          ] }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: t.women }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: t.men }),
          /* @__PURE__ */ jsxs("th", { scope: "col", class: "num ref-col", children: [
            refLabel,
            /* @__PURE__ */ jsx("span", { class: "th-note", children: `${t.referenceMean}, Etablera` })
          ] }),
          /* @__PURE__ */ jsx("th", { scope: "col", class: "num", children: t.riket }),
          /* @__PURE__ */ jsx("th", { scope: "col", children: t.trend })
        ] }) }),
        /* @__PURE__ */ jsx("tbody", { children: rows.map((row) => /* @__PURE__ */ jsx(ProfileTableRow, { ctx, row, linkParams })) })
      ] }) })
    ] })),
    /* @__PURE__ */ jsx("p", { class: "note", children: t.referenceNote }),
    model.missingKpis.length > 0 && /* @__PURE__ */ jsxs("p", { class: "note", children: [
      t.kpisMissing,
      ": ",
      model.missingKpis.join(", ")
    ] }),
    /* @__PURE__ */ jsx(Legend, { ctx })
  ] });
}
function ProfileTableRow({
  ctx,
  row,
  linkParams
}) {
  const { t } = ctx;
  const k = row.kpi;
  const d = decimalsFor([row.value.value, row.women.value, row.men.value, row.riket.value], k.unit);
  return /* @__PURE__ */ jsxs("tr", { "data-kpi": k.id, children: [
    /* @__PURE__ */ jsxs("th", { scope: "row", class: "kpi-cell", children: [
      /* @__PURE__ */ jsx("a", { href: href(ctx, `/nyckeltal/${k.id}`, { ...linkParams, ar: row.period ?? linkParams.ar }), children: k.label }),
      /* @__PURE__ */ jsxs("span", { class: "kpi-meta", children: [
        k.id,
        k.unit ? ` \xB7 ${k.unit}` : "",
        k.direction === "higher" ? ` \xB7 ${t.directionHigher}` : "",
        k.direction === "lower" ? ` \xB7 ${t.directionLower}` : ""
      ] })
    ] }),
    /* @__PURE__ */ jsx("td", { children: row.period ?? "\u2013" }),
    /* @__PURE__ */ jsx("td", { class: "num value-cell", "data-field": "value", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: row.value, decimals: d }) }),
    /* @__PURE__ */ jsx("td", { class: `pos-cell pos-cell--${row.position}`, "data-field": "rank", children: /* @__PURE__ */ jsx(PositionView, { ctx, position: row.position, rank: row.rank }) }),
    /* @__PURE__ */ jsx("td", { class: "num", "data-field": "women", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: row.women, decimals: d }) }),
    /* @__PURE__ */ jsx("td", { class: "num", "data-field": "men", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: row.men, decimals: d }) }),
    /* @__PURE__ */ jsxs("td", { class: "num ref-col", "data-field": "reference", children: [
      /* @__PURE__ */ jsx(CellView, { ctx, cell: meanCell(row), decimals: meanDecimals(d) }),
      row.reference.value !== null && /* @__PURE__ */ jsx("span", { class: "count-note", children: `n = ${row.reference.count}` })
    ] }),
    /* @__PURE__ */ jsx("td", { class: "num", "data-field": "riket", children: /* @__PURE__ */ jsx(CellView, { ctx, cell: row.riket, decimals: d }) }),
    /* @__PURE__ */ jsx("td", { children: /* @__PURE__ */ jsx(Sparkline, { ctx, points: row.trend }) })
  ] });
}
function meanCell(row) {
  if (row.reference.value !== null) return { value: row.reference.value, symbol: null };
  return { value: null, symbol: row.value.symbol === "." ? "." : "-" };
}
function ProfileControls({ ctx, view }) {
  const { t } = ctx;
  const { model } = view;
  const options = model.referenceOptions;
  const chosen = model.reference.option.param;
  const byKind = (kind) => options.filter((o) => o.kind === kind);
  const extra = model.reference.option.kind === "grupp" ? [model.reference.option] : [];
  return /* @__PURE__ */ jsxs(ControlsForm, { ctx, action: `/kommun/${model.municipality.id}`, children: [
    /* @__PURE__ */ jsx(YearSelect, { ctx, years: model.years, chosen: model.year }),
    /* @__PURE__ */ jsxs("div", { class: "field", children: [
      /* @__PURE__ */ jsx("label", { for: "ref", children: t.reference }),
      /* @__PURE__ */ jsxs("select", { id: "ref", name: "ref", children: [
        /* @__PURE__ */ jsx("option", { value: "alla", selected: chosen === "alla", children: t.referenceAll }),
        [
          [t.referenceLan, byKind("lan")],
          [t.referenceKommungrupp, byKind("kommungrupp")],
          [t.referenceSimilar, byKind("liknande")],
          [t.referenceGroup, extra]
        ].filter(([, list]) => list.length > 0).map(([label, list]) => /* @__PURE__ */ jsx("optgroup", { label, children: list.map((o) => /* @__PURE__ */ jsx("option", { value: o.param, selected: chosen === o.param, children: o.kind === "liknande" ? `${t.referenceSimilar}, ${o.title}` : o.title })) })),
        /* @__PURE__ */ jsx("option", { value: "urval", selected: chosen === "urval", children: t.referenceCustom })
      ] })
    ] }),
    /* @__PURE__ */ jsx(
      WideTextField,
      {
        id: "urval",
        label: t.customSelection,
        value: view.selectionText,
        hint: t.customSelectionHint
      }
    ),
    /* @__PURE__ */ jsx(SubmitField, { label: t.show })
  ] });
}
function ReferenceMembers({ ctx, view }) {
  const { t } = ctx;
  const { reference } = view.model;
  const names = reference.members.map((id) => view.catalog.byId.get(id)?.title ?? id);
  return /* @__PURE__ */ jsxs("div", { class: "reference-members", children: [
    reference.unknown.length > 0 && /* @__PURE__ */ jsxs("p", { class: "error", role: "alert", children: [
      t.unknownKommuner,
      ": ",
      reference.unknown.join(", ")
    ] }),
    reference.option.kind !== "alla" && /* @__PURE__ */ jsxs("details", { children: [
      /* @__PURE__ */ jsxs("summary", { children: [
        t.referenceMembers,
        ": ",
        referenceLabel(t, reference.option),
        " (",
        num(ctx, names.length),
        ")"
      ] }),
      /* @__PURE__ */ jsx("p", { children: names.sort((a, b) => a.localeCompare(b, "sv")).join(", ") })
    ] })
  ] });
}
export {
  ProfilePage,
  meanCell,
  referenceLabel,
  yearParam
};
//# sourceMappingURL=profile.page.js.map
