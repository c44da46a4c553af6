import { toCsv } from "./csv.js";
import { toJson } from "./json.js";
import { toXlsx } from "./xlsx.js";
const DATA_FORMATS = ["json", "csv", "xlsx"];
function splitFormat(segment) {
  const m = /^(.*)\.(json|csv|xlsx)$/.exec(segment);
  return m ? { base: m[1], format: m[2] } : { base: segment, format: "html" };
}
const CONTENT_TYPES = {
  json: "application/json; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
};
async function sendDocument(reply, doc, format) {
  reply.header("content-type", CONTENT_TYPES[format]);
  if (format !== "json")
    reply.header("content-disposition", `attachment; filename="${doc.filename}.${format}"`);
  if (format === "json") return reply.send(JSON.stringify(toJson(doc)));
  if (format === "csv") return reply.send(toCsv(doc));
  return reply.send(await toXlsx(doc));
}
export {
  DATA_FORMATS,
  sendDocument,
  splitFormat
};
//# sourceMappingURL=respond.js.map
