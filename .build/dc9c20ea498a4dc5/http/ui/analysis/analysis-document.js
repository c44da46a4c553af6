import { tr } from "./texts.js";
function computation(ctx, value = "Etablera") {
  return { key: "computation", label: tr(ctx, "Ber\xE4kning", "Computation"), value };
}
function year(ctx, year2) {
  return { key: "year", label: tr(ctx, "\xC5r", "Year"), value: String(year2) };
}
function gender(ctx, gender2) {
  return { key: "gender", label: tr(ctx, "K\xF6n", "Gender"), value: gender2 };
}
function method(ctx, method2) {
  return { key: "method", label: tr(ctx, "Metod", "Method"), value: method2 };
}
function municipalityColumns(ctx) {
  return [
    { key: "municipality_id", header: tr(ctx, "Kommunkod", "Code"), type: "text" },
    { key: "municipality", header: tr(ctx, "Kommun", "Municipality"), type: "text" }
  ];
}
export {
  computation,
  gender,
  method,
  municipalityColumns,
  year
};
//# sourceMappingURL=analysis-document.js.map
