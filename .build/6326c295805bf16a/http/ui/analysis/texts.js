import { tr } from "../page-context.js";
const OWN_COMPUTATION = {
  sv: "Etableras egen ber\xE4kning p\xE5 data fr\xE5n Kolada (K\xE4lla: Kolada). Inga saknade v\xE4rden fylls i; det som l\xE4mnats utanf\xF6r visas.",
  en: "Etablera\u2019s own computation on data from Kolada (Source: Kolada). Missing values are never filled in; what was left out is shown."
};
function genderText(ctx, gender) {
  if (gender === "K") return tr(ctx, "kvinnor", "women");
  if (gender === "M") return tr(ctx, "m\xE4n", "men");
  return tr(ctx, "totalt", "total");
}
export {
  OWN_COMPUTATION,
  genderText,
  tr
};
//# sourceMappingURL=texts.js.map
