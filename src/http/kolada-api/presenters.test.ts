/**
 * The KPI and group objects of each API version, whole: real Kolada clients (R, Python, JS) read
 * these field names and types, so a renamed, missing or retyped field is a break.
 */
import { describe, expect, it } from 'vitest';
import type { GroupRecord, KpiRecord } from '../../store/repositories/metadata.repository.js';
import { presentGroup, presentKpi } from './presenters.js';

const KPI: KpiRecord = {
  id: 'N00001',
  title: 'Ålderspension',
  description: 'Andel invånare',
  isDividedByGender: true,
  municipalityType: 'K',
  auspice: 'X',
  operatingArea: 'Kommunen, övergripande',
  perspective: 'Resurser',
  prelPublicationDate: '2026-03-01',
  publicationDate: '2026-08-28',
  publPeriod: '2025',
  origin: 'kolada',
  hasOuData: true,
  ouPublicationDate: '2026-09-01',
};

const COMMON = {
  id: 'N00001',
  title: 'Ålderspension',
  description: 'Andel invånare',
  municipality_type: 'K',
  operating_area: 'Kommunen, övergripande',
  perspective: 'Resurser',
  prel_publication_date: '2026-03-01',
  publication_date: '2026-08-28',
  publ_period: '2025',
};

describe('presentKpi', () => {
  it('gives v3 booleans and `auspice`, without the OU publication date', () => {
    expect(presentKpi('v3', KPI)).toStrictEqual({
      ...COMMON,
      is_divided_by_gender: true,
      auspice: 'X',
      has_ou_data: true,
    });
    expect(presentKpi('v3', { ...KPI, isDividedByGender: false, hasOuData: null })).toMatchObject({
      is_divided_by_gender: false,
      has_ou_data: null,
    });
  });

  it('gives v2 flags as 1 or 0, `auspices` and the OU publication date', () => {
    expect(presentKpi('v2', KPI)).toStrictEqual({
      ...COMMON,
      is_divided_by_gender: 1,
      auspices: 'X',
      has_ou_data: 1,
      ou_publication_date: '2026-09-01',
    });
    const without = presentKpi('v2', { ...KPI, isDividedByGender: false, hasOuData: false });
    expect(without).toMatchObject({ is_divided_by_gender: 0, has_ou_data: 0 });
    expect(presentKpi('v2', { ...KPI, hasOuData: null })).toMatchObject({ has_ou_data: null });
  });
});

describe('presentGroup', () => {
  it('names members member_id and member_title, in their order', () => {
    const group: GroupRecord = {
      id: 'G1',
      title: 'Skåne',
      members: [
        { id: '1281', title: 'Lund' },
        { id: '1280', title: 'Malmö' },
      ],
    };
    expect(presentGroup(group)).toStrictEqual({
      id: 'G1',
      title: 'Skåne',
      members: [
        { member_id: '1281', member_title: 'Lund' },
        { member_id: '1280', member_title: 'Malmö' },
      ],
    });
  });
});
