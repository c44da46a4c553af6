/**
 * Reads Kolada metadata (KPIs, KPI groups, municipalities, municipality groups, OUs) by id list,
 * title substring and a few filters, one page at a time in a stable order (by id).
 *
 * Title search is case-insensitive and must give the same answer on SQLite and PostgreSQL. Their
 * lower() differ beyond ASCII (SQLite folds ASCII only; PostgreSQL follows the database collation),
 * so both fold the same way: lower() restricted to ASCII (PostgreSQL: under the "C" collation), then
 * one replace() per non-ASCII capital in an explicit table of Swedish and Latin-1 letters. (translate()
 * would be shorter but is several times slower on PostgreSQL.)
 */
import { type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Db, SqlFlavour } from '../backends/backend.js';
import type { Database } from '../schema.js';
import {
  describeKpi,
  type KpiDescription,
  type MunicipalityRecord,
  selectMunicipalities,
} from './metadata-reads.js';

const NON_ASCII_UPPER = [...'ÅÄÖÉÈÊËÜÆØÁÀÂÍÌÎÏÓÒÔÚÙÛÑÇÝ'];
const FOLD = new Map(NON_ASCII_UPPER.map((c) => [c, c.toLowerCase()]));
const FOLDABLE = new RegExp(`[A-Z${NON_ASCII_UPPER.join('')}]`, 'g');

/** Folds letters to lower case exactly as the title search does in SQL (ASCII plus the table above). */
export function foldTitle(text: string): string {
  return text.replace(FOLDABLE, (c) => FOLD.get(c) ?? c.toLowerCase());
}

export interface PageRequest {
  limit: number;
  offset: number;
}

/** One page of rows, and whether at least one more row follows it. */
export interface PageResult<T> {
  rows: T[];
  hasMore: boolean;
}

export interface MetadataFilter {
  ids?: readonly string[];
  title?: string;
}

/** KPIs can also be searched by description and operating area (substrings, folded like titles). */
export interface KpiFilter extends MetadataFilter {
  description?: string;
  operatingArea?: string;
}

export interface KpiRecord extends KpiDescription {
  hasOuData: boolean | null;
  ouPublicationDate: string | null;
}

export interface GroupRecord {
  id: string;
  title: string;
  members: { id: string; title: string }[];
}

export interface OuRecord {
  id: string;
  municipality: string;
  title: string;
}

/** Where each kind of group and its members are stored; both kinds are listed the same way. */
const GROUP_TABLES = {
  kpi: { groups: 'kpi_group', members: 'kpi_group_member', memberId: 'kpi_id' },
  municipality: {
    groups: 'municipality_group',
    members: 'municipality_group_member',
    memberId: 'municipality_id',
  },
} as const;
type GroupTables = (typeof GROUP_TABLES)[keyof typeof GROUP_TABLES];

/** Tables listed page by page; each has an `id` (the order) and a `title` (the search). */
type ListedTable = 'kpi' | 'municipality' | 'ou' | 'kpi_group' | 'municipality_group';

function page<T>(rows: T[], request: PageRequest): PageResult<T> {
  const hasMore = rows.length > request.limit;
  return { rows: hasMore ? rows.slice(0, request.limit) : rows, hasMore };
}

export class MetadataRepository {
  constructor(
    private readonly db: Db,
    private readonly sql: SqlFlavour,
  ) {}

  /** A condition "folded text contains folded needle" for the given column, same on both backends. */
  private textContains(column: string, needle: string) {
    const ref = sql.ref(column);
    let folded: RawBuilder<string> = this.sql.lowerBytes(ref);
    for (const c of NON_ASCII_UPPER) folded = sql`replace(${folded}, ${sql.lit(c)}, ${sql.lit(FOLD.get(c))})`;
    const position = this.sql.position(folded, foldTitle(needle));
    return sql<boolean>`${position} > 0`;
  }

  /**
   * The rows of `q` matching the id list and title of `filter`, in id order, one page plus one row
   * (so `page` can tell whether more follow).
   */
  private pageOf<TB extends ListedTable, O>(
    q: SelectQueryBuilder<Database, TB, O>,
    filter: MetadataFilter,
    request: PageRequest,
  ): Promise<O[]> {
    const id = sql.ref('id');
    let filtered = q;
    if (filter.ids) filtered = filtered.where(sql<boolean>`${id} in (${sql.join(nonEmpty(filter.ids))})`);
    if (filter.title) filtered = filtered.where(this.textContains('title', filter.title));
    return filtered
      .orderBy(id)
      .limit(request.limit + 1)
      .offset(request.offset)
      .execute();
  }

  async kpis(filter: KpiFilter, request: PageRequest): Promise<PageResult<KpiRecord>> {
    let q = this.db.selectFrom('kpi').selectAll();
    if (filter.description) q = q.where(this.textContains('description', filter.description));
    if (filter.operatingArea) q = q.where(this.textContains('operating_area', filter.operatingArea));
    const rows = await this.pageOf(q, filter, request);
    return page(
      rows.map((r) => ({
        ...describeKpi(r),
        hasOuData: r.has_ou_data === null ? null : r.has_ou_data === 1,
        ouPublicationDate: r.ou_publication_date,
      })),
      request,
    );
  }

  async municipalities(
    filter: MetadataFilter & { types?: readonly string[] },
    request: PageRequest,
  ): Promise<PageResult<MunicipalityRecord>> {
    let q = selectMunicipalities(this.db);
    if (filter.types) q = q.where('type', 'in', nonEmpty(filter.types));
    return page(await this.pageOf(q, filter, request), request);
  }

  async ous(
    filter: MetadataFilter & { municipalities?: readonly string[] },
    request: PageRequest,
  ): Promise<PageResult<OuRecord>> {
    let q = this.db.selectFrom('ou').select(['id', 'municipality_id as municipality', 'title']);
    if (filter.municipalities) q = q.where('municipality_id', 'in', nonEmpty(filter.municipalities));
    return page(await this.pageOf(q, filter, request), request);
  }

  /** KPI groups with their members (in Kolada's member order): two queries per page. */
  kpiGroups(filter: MetadataFilter, request: PageRequest): Promise<PageResult<GroupRecord>> {
    return this.groups(GROUP_TABLES.kpi, filter, request);
  }

  /** Municipality groups with their members (in Kolada's member order): two queries per page. */
  municipalityGroups(filter: MetadataFilter, request: PageRequest): Promise<PageResult<GroupRecord>> {
    return this.groups(GROUP_TABLES.municipality, filter, request);
  }

  private async groups(
    tables: GroupTables,
    filter: MetadataFilter,
    request: PageRequest,
  ): Promise<PageResult<GroupRecord>> {
    const groups = page(
      await this.pageOf(this.db.selectFrom(tables.groups).select(['id', 'title']), filter, request),
      request,
    );
    const members =
      // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (metadata.repository.test.ts, checked by hand)
      groups.rows.length === 0
        ? // Stryker disable next-line ArrayDeclaration: equivalent, with no group there is nothing to attach members to
          []
        : await this.db
            .selectFrom(tables.members)
            .select(['group_id', sql<string>`${sql.ref(tables.memberId)}`.as('member_id'), 'member_title'])
            .where(
              'group_id',
              'in',
              groups.rows.map((g) => g.id),
            )
            .orderBy('group_id')
            .orderBy('position')
            .execute();
    return { rows: attachMembers(groups.rows, members), hasMore: groups.hasMore };
  }

  /** Which of these ids are municipality groups (data routes answer those with member means). */
  async municipalityGroupIds(ids: readonly string[]): Promise<Set<string>> {
    // Stryker disable next-line ConditionalExpression: SQLite takes `in ()`; killed on PostgreSQL only (metadata.repository.test.ts, checked by hand)
    if (ids.length === 0) return new Set();
    const rows = await this.db.selectFrom('municipality_group').select('id').where('id', 'in', ids).execute();
    return new Set(rows.map((r) => r.id));
  }
}

function attachMembers(
  groups: { id: string; title: string }[],
  members: { group_id: string; member_id: string; member_title: string }[],
): GroupRecord[] {
  const byGroup = new Map<string, { id: string; title: string }[]>();
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

// `in ()` is invalid SQL; an empty set must match nothing rather than fail.
function nonEmpty<T>(values: readonly T[]): readonly T[] {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: SQLite takes `in ()`; killed on PostgreSQL only (metadata.repository.test.ts, checked by hand)
  return values.length > 0 ? values : ([null] as unknown as T[]);
}
