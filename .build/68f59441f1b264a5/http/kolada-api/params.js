const MAX_IDS_PER_SEGMENT = 25;
const MAX_PER_PAGE = 5e3;
const MAX_PAGE = 1e7;
const MAX_YEARS = 200;
const MAX_TITLE_LENGTH = 500;
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const YEAR = /^\d{4}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
class ApiInputError extends Error {
  constructor(status, parameter, message) {
    super(message);
    this.status = status;
    this.parameter = parameter;
  }
  status;
  parameter;
}
function elements(parameter, raw) {
  const parts = (typeof raw === "string" ? [raw] : raw).flatMap((r) => r.split(","));
  const list = parts.map((p) => p.trim()).filter((p) => p !== "");
  if (list.length === 0) throw new ApiInputError(400, parameter, `${parameter} is empty`);
  return list;
}
function shown(text) {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}\u2026` : text);
}
function parseIds(parameter, raw) {
  const list = elements(parameter, raw);
  if (list.length > MAX_IDS_PER_SEGMENT) {
    throw new ApiInputError(
      422,
      parameter,
      `${parameter} has ${list.length} ids; at most ${MAX_IDS_PER_SEGMENT} are allowed in one request`
    );
  }
  for (const id of list) {
    if (!ID.test(id)) {
      throw new ApiInputError(
        400,
        parameter,
        `${parameter} contains ${shown(id)}, which is not an id (letters and digits, also ".", "_" or "-" after the first; at most 64)`
      );
    }
  }
  return [...new Set(list)];
}
function parseYears(parameter, raw) {
  const list = elements(parameter, raw);
  if (list.length > MAX_YEARS) {
    throw new ApiInputError(422, parameter, `${parameter} has ${list.length} years; at most ${MAX_YEARS}`);
  }
  return [
    ...new Set(
      list.map((y) => {
        if (!YEAR.test(y))
          throw new ApiInputError(400, parameter, `${parameter} contains ${shown(y)}, which is not a year`);
        return Number(y);
      })
    )
  ];
}
function parseDate(parameter, raw) {
  const m = DATE.exec(raw);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== raw) {
    throw new ApiInputError(400, parameter, `${parameter} must be a date YYYY-MM-DD, got ${shown(raw)}`);
  }
  return raw;
}
function parseTitle(raw) {
  if (raw.length > MAX_TITLE_LENGTH)
    throw new ApiInputError(400, "title", `title is longer than ${MAX_TITLE_LENGTH} characters`);
  if (/[\u0000-\u001f\u007f]/.test(raw))
    throw new ApiInputError(400, "title", "title contains control characters");
  return raw;
}
function parseRegionTypes(parameter, raw) {
  return [
    ...new Set(
      elements(parameter, raw).map((t) => {
        const upper = t.toUpperCase();
        if (upper !== "K" && upper !== "L")
          throw new ApiInputError(400, parameter, `${parameter} must be K or L, got ${shown(t)}`);
        return upper;
      })
    )
  ];
}
function paging(query) {
  return {
    page: bounded("page", query.page, 1, MAX_PAGE),
    perPage: bounded("per_page", query.per_page, MAX_PER_PAGE, MAX_PER_PAGE)
  };
}
function bounded(parameter, raw, fallback, max) {
  if (raw === void 0) return fallback;
  const n = typeof raw === "number" ? raw : Number.NaN;
  if (n > max) throw new ApiInputError(422, parameter, `${parameter} must be at most ${max}`);
  if (!Number.isInteger(n) || n < 1)
    throw new ApiInputError(400, parameter, `${parameter} must be a whole number from 1 to ${max}`);
  return n;
}
export {
  ApiInputError,
  MAX_IDS_PER_SEGMENT,
  MAX_PAGE,
  MAX_PER_PAGE,
  paging,
  parseDate,
  parseIds,
  parseRegionTypes,
  parseTitle,
  parseYears
};
//# sourceMappingURL=params.js.map
