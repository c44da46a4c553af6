function foldForSearch(text) {
  return text.normalize("NFD").replace(new RegExp("\\p{M}", "gu"), "").toLowerCase().replace(/\s+/g, " ").trim();
}
export {
  foldForSearch
};
//# sourceMappingURL=search.js.map
