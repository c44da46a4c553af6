/**
 * Validates Kolada-shaped items (v2 or v3 field names) and turns them into store rows. Each parser
 * throws a plain message; the importer adds the file and line.
 */
import type { ValueRow } from '../store/bulk/value-writer.js';
import type { GroupRow, KpiRow, MunicipalityRow, OuRow } from '../store/metadata-rows.js';
import type { Gender } from '../store/schema.js';

export type { GroupRow, KpiRow, MunicipalityRow, OuRow };

export type ItemKind =
  | 'kpi'
  | 'kpi_groups'
  | 'municipality'
  | 'municipality_groups'
  | 'ou'
  | 'data'
  | 'oudata';

export class ItemError extends Error {}

type Obj = Record<string, unknown>;

// Kolada ids are letters and digits; a few real OU ids also carry dots ("V11E26..").
const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;
// Of unknown, so that anything read from a file can be looked up (what is no string is simply not in it).
const GENDERS: ReadonlySet<unknown> = new Set(['T', 'K', 'M']);

function isObject(item: unknown): item is Obj {
  return typeof item === 'object' && item !== null && !Array.isArray(item);
}

export function detectKind(item: unknown, fileName: string): ItemKind {
  if (!isObject(item)) throw new ItemError('expected a JSON object');
  if ('period' in item && 'values' in item) return 'ou' in item ? 'oudata' : 'data';
  if ('members' in item) {
    const hint = fileName.toLowerCase();
    if (hint.includes('kpi_group')) return 'kpi_groups';
    if (hint.includes('municipality_group')) return 'municipality_groups';
    // Stryker disable next-line ArrayDeclaration: equivalent — any list without an object gives the same error below.
    const members = Array.isArray(item.members) ? item.members : [];
    const first = members.find(isObject);
    if (!first) throw new ItemError('cannot tell a KPI group from a municipality group without members');
    return /^\d{4}$/.test(String(first.member_id ?? first.id)) ? 'municipality_groups' : 'kpi_groups';
  }
  if ('operating_area' in item || 'is_divided_by_gender' in item || 'municipality_type' in item) return 'kpi';
  if ('municipality' in item && 'title' in item) return 'ou';
  if ('type' in item && 'title' in item) return 'municipality';
  throw new ItemError(
    `cannot tell what kind of Kolada object this is (keys: ${Object.keys(item).slice(0, 8).join(', ')})`,
  );
}

function id(item: Obj, key: string): string {
  const v = item[key];
  const text = typeof v === 'number' ? String(v) : v;
  if (typeof text !== 'string' || !ID.test(text))
    throw new ItemError(`"${key}" must be an id like "N01951" or "1280", got ${JSON.stringify(v)}`);
  return text;
}

function text(item: Obj, key: string): string | null {
  const v = item[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new ItemError(`"${key}" must be a string, got ${JSON.stringify(v)}`);
  return v;
}

function requiredText(item: Obj, key: string): string {
  const v = text(item, key);
  if (v === null) throw new ItemError(`"${key}" is missing`);
  return v;
}

// Number.isInteger and Number.isFinite are false for anything that is not a number, so no typeof first.
const isWhole = (v: unknown): v is number => Number.isInteger(v);
const isFiniteNumber = (v: unknown): v is number => Number.isFinite(v);

function flag(v: unknown, key: string): number | null {
  if (v === undefined || v === null) return null;
  if (v === true || v === 1 || v === '1' || v === 'true') return 1;
  if (v === false || v === 0 || v === '0' || v === 'false') return 0;
  throw new ItemError(`"${key}" must be a boolean or 0/1, got ${JSON.stringify(v)}`);
}

export function parseKpi(item: unknown): KpiRow {
  if (!isObject(item)) throw new ItemError('expected a KPI object');
  const perspective = item.perspective;
  return {
    id: id(item, 'id'),
    title: requiredText(item, 'title'),
    description: text(item, 'description'),
    is_divided_by_gender: flag(item.is_divided_by_gender, 'is_divided_by_gender') ?? 0,
    municipality_type: text(item, 'municipality_type'),
    // v2 calls it "auspices", v3 "auspice".
    auspice: text(item, 'auspice' in item ? 'auspice' : 'auspices'),
    operating_area: text(item, 'operating_area'),
    perspective: Array.isArray(perspective) ? perspective.join(',') : text(item, 'perspective'),
    prel_publication_date: text(item, 'prel_publication_date'),
    publication_date: text(item, 'publication_date'),
    publ_period:
      item.publ_period === null || item.publ_period === undefined ? null : String(item.publ_period),
    has_ou_data: flag(item.has_ou_data, 'has_ou_data'),
    ou_publication_date: text(item, 'ou_publication_date'),
  };
}

export function parseMunicipality(item: unknown): MunicipalityRow {
  if (!isObject(item)) throw new ItemError('expected a municipality object');
  const type = requiredText(item, 'type');
  if (type !== 'K' && type !== 'L')
    throw new ItemError(`"type" must be "K" or "L", got ${JSON.stringify(type)}`);
  return { id: id(item, 'id'), title: requiredText(item, 'title'), type };
}

export function parseGroup(item: unknown): GroupRow {
  if (!isObject(item)) throw new ItemError('expected a group object');
  if (!Array.isArray(item.members)) throw new ItemError('"members" must be an array');
  const seen = new Set<string>();
  const members: GroupRow['members'] = [];
  for (const member of item.members) {
    if (!isObject(member)) throw new ItemError('each member must be an object');
    // Real replies use member_id/member_title; the v2 document shows id/title.
    const memberId = id(member, 'member_id' in member ? 'member_id' : 'id');
    if (seen.has(memberId)) continue;
    seen.add(memberId);
    members.push({
      id: memberId,
      title: text(member, 'member_title' in member ? 'member_title' : 'title') ?? '',
    });
  }
  return { id: id(item, 'id'), title: text(item, 'title') ?? '', members };
}

export function parseOu(item: unknown): OuRow {
  if (!isObject(item)) throw new ItemError('expected an OU object');
  return {
    id: id(item, 'id'),
    municipality_id: id(item, 'municipality'),
    title: requiredText(item, 'title'),
  };
}

function period(v: unknown): number {
  const n = typeof v === 'string' && /^\d{4}$/.test(v) ? Number(v) : v;
  if (!isWhole(n) || n < 1900 || n > 2200) {
    throw new ItemError(`"period" must be a year like 2022, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** A data item (`{kpi, municipality|ou, period, values:[…]}`) becomes one row per gender. */
export function parseDataItem(item: unknown, level: 'data' | 'oudata'): ValueRow[] {
  if (!isObject(item)) throw new ItemError('expected a data object');
  const kpi = id(item, 'kpi');
  const unit = id(item, level === 'data' ? 'municipality' : 'ou');
  const year = period(item.period);
  if (!Array.isArray(item.values)) throw new ItemError('"values" must be an array');
  return item.values.map((entry): ValueRow => {
    if (!isObject(entry)) throw new ItemError('each entry of "values" must be an object');
    const gender = entry.gender;
    if (!GENDERS.has(gender)) {
      throw new ItemError(`unknown gender ${JSON.stringify(gender)} (expected T, K or M)`);
    }
    const value = entry.value;
    if (value !== null && value !== undefined && !isFiniteNumber(value)) {
      throw new ItemError(`value ${JSON.stringify(value)} is not a number`);
    }
    const count = entry.count ?? 1;
    if (!isWhole(count) || count < 0) {
      throw new ItemError(`"count" must be a non-negative integer, got ${JSON.stringify(count)}`);
    }
    const status = entry.status ?? '';
    if (typeof status !== 'string')
      throw new ItemError(`"status" must be a string, got ${JSON.stringify(status)}`);
    const deleted = flag(entry.isdeleted ?? entry.is_deleted, 'isdeleted') ?? 0;
    return {
      kpi,
      unit,
      period: year,
      gender: gender as Gender,
      value: value ?? null,
      count,
      status,
      isDeleted: deleted === 1,
    };
  });
}
