function toJson(doc) {
  return {
    title: doc.title,
    meta: Object.fromEntries(doc.meta.map((m) => [m.key, m.value])),
    columns: doc.columns,
    rows: doc.rows
  };
}
export {
  toJson
};
//# sourceMappingURL=json.js.map
