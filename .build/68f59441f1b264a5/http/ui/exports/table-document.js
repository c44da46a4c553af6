function safeFilename(text) {
  const ascii = text.normalize("NFD").replace(new RegExp("\\p{M}", "gu"), "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return ascii.slice(0, 80) || "etablera";
}
function neutraliseFormula(text) {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
export {
  neutraliseFormula,
  safeFilename
};
//# sourceMappingURL=table-document.js.map
