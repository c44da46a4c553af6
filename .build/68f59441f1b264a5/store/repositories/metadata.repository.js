import { sql } from "kysely";
import {
  describeKpi,
  selectMunicipalities
} from "./metadata-reads.js";
const NON_ASCII_UPPER = [..."\xC5\xC4\xD6\xC9\xC8\xCA\xCB\xDC\xC6\xD8\xC1\xC0\xC2\xCD\xCC\xCE\xCF\xD3\xD2\xD4\xDA\xD9\xDB\xD1\xC7\xDD"];
const FOLD = new Map(NON_ASCII_UPPER.map((c) => [c, c.toLowerCase()]));
const FOLDABLE = new RegExp(`[A-Z${NON_ASCII_UPPER.join("")}]`, "g");
function foldTitle(text) {
  return text.replace(FOLDABLE, (c) => FOLD.get(c) ?? c.toLowerCase());
}
const GROUP_TABLES = {
  kpi: { groups: "kpi_group", members: "kpi_group_member", memberId: "kpi_id" },
  municipality: {
    groups: "municipality_group",
    members: "municipality_group_member",
    memberId: "municipality_id"
  }
};
function page(rows, request) {
  const hasMore = rows.length > request.limit;
  return { rows: hasMore ? rows.slice(0, request.limit) : rows, hasMore };
}
class MetadataRepository {
  db;
  dialect;
  constructor(store) {
    this.db = store.db;
    this.dialect = store.dialect;
  }
  /** A condition "folded title contains folded needle" for the given column, same on both backends. */
  titleContains(column, needle) {
    const ref = sql.ref(column);
    let folded = this.dialect === "sqlite" ? sql`lower(${ref})` : sql`lower(${ref} collate "C")`;
    for (const c of NON_ASCII_UPPER) folded = sql`replace(${folded}, ${sql.lit(c)}, ${sql.lit(FOLD.get(c))})`;
    const position = this.dialect === "sqlite" ? sql`instr(${folded}, ${foldTitle(needle)})` : sql`strpos(${folded}, ${foldTitle(needle)})`;
    return sql`${position} > 0`;
  }
  /**
   * The rows of `q` matching the id list and title of `filter`, in id order, one page plus one row
   * (so `page` can tell whether more follow).
   */
  pageOf(q, filter, request) {
    const id = sql.ref("id");
    let filtered = q;
    if (filter.ids) filtered = filtered.where(sql`${id} in (${sql.join(nonEmpty(filter.ids))})`);
    if (filter.title) filtered = filtered.where(this.titleContains("title", filter.title));
    return filtered.orderBy(id).limit(request.limit + 1).offset(request.offset).execute();
  }
  async kpis(filter, request) {
    const rows = await this.pageOf(this.db.selectFrom("kpi").selectAll(), filter, request);
    return page(
      rows.map((r) => ({
        ...describeKpi(r),
        hasOuData: r.has_ou_data === null ? null : r.has_ou_data === 1,
        ouPublicationDate: r.ou_publication_date
      })),
      request
    );
  }
  async municipalities(filter, request) {
    let q = selectMunicipalities(this.db);
    if (filter.types) q = q.where("type", "in", nonEmpty(filter.types));
    return page(await this.pageOf(q, filter, request), request);
  }
  async ous(filter, request) {
    let q = this.db.selectFrom("ou").select(["id", "municipality_id as municipality", "title"]);
    if (filter.municipalities) q = q.where("municipality_id", "in", nonEmpty(filter.municipalities));
    return page(await this.pageOf(q, filter, request), request);
  }
  /** KPI groups with their members (in Kolada's member order): two queries per page. */
  kpiGroups(filter, request) {
    return this.groups(GROUP_TABLES.kpi, filter, request);
  }
  /** Municipality groups with their members (in Kolada's member order): two queries per page. */
  municipalityGroups(filter, request) {
    return this.groups(GROUP_TABLES.municipality, filter, request);
  }
  async groups(tables, filter, request) {
    const groups = page(
      await this.pageOf(this.db.selectFrom(tables.groups).select(["id", "title"]), filter, request),
      request
    );
    const members = groups.rows.length === 0 ? [] : await this.db.selectFrom(tables.members).select(["group_id", sql`${sql.ref(tables.memberId)}`.as("member_id"), "member_title"]).where(
      "group_id",
      "in",
      groups.rows.map((g) => g.id)
    ).orderBy("group_id").orderBy("position").execute();
    return { rows: attachMembers(groups.rows, members), hasMore: groups.hasMore };
  }
  /** Which of these ids are municipality groups (data routes answer those with member means). */
  async municipalityGroupIds(ids) {
    if (ids.length === 0) return /* @__PURE__ */ new Set();
    const rows = await this.db.selectFrom("municipality_group").select("id").where("id", "in", ids).execute();
    return new Set(rows.map((r) => r.id));
  }
}
function attachMembers(groups, members) {
  const byGroup = /* @__PURE__ */ new Map();
  for (const m of members) {
    let list = byGroup.get(m.group_id);
    if (!list) {
      list = [];
      byGroup.set(m.group_id, list);
    }
    list.push({ id: m.member_id, title: m.member_title });
  }
  return groups.map((g) => ({ id: g.id, title: g.title, members: byGroup.get(g.id) ?? [] }));
}
function nonEmpty(values) {
  return values.length > 0 ? values : [null];
}
export {
  MetadataRepository,
  foldTitle
};
//# sourceMappingURL=metadata.repository.js.map
