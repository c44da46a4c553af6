import { once } from "node:events";
async function* dataItems(records) {
  let item = null;
  for await (const r of records) {
    if (!item || item.kpi !== r.kpi || item.municipality !== r.municipality || item.period !== r.period) {
      if (item) yield item;
      item = { kpi: r.kpi, municipality: r.municipality, period: r.period, values: [] };
    }
    item.values.push({
      gender: r.gender,
      count: r.count,
      status: r.status,
      value: r.value,
      isdeleted: r.isDeleted
    });
  }
  if (item) yield item;
}
function csvCell(text) {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
async function write(out, chunk) {
  if (!out.write(chunk)) await once(out, "drain");
}
async function exportValues(values, filter, format, out, options = {}) {
  let count = 0;
  const flag = options.demo ? ",demo" : "";
  if (format === "csv") {
    await write(out, `kpi,municipality,period,gender,value,status${options.demo ? ",dataset" : ""}
`);
    for await (const r of values.stream(filter)) {
      await write(
        out,
        `${csvCell(r.kpi)},${csvCell(r.municipality)},${r.period},${r.gender},${r.value ?? ""},${csvCell(r.status)}${flag}
`
      );
      count++;
    }
    return count;
  }
  let buffer = "";
  for await (const item of dataItems(values.stream(filter))) {
    buffer += `${JSON.stringify(options.demo ? { ...item, dataset: "demo" } : item)}
`;
    count += item.values.length;
    if (buffer.length > 1 << 16) {
      await write(out, buffer);
      buffer = "";
    }
  }
  if (buffer) await write(out, buffer);
  return count;
}
export {
  dataItems,
  exportValues
};
//# sourceMappingURL=export.service.js.map
