/** The two levels Kolada has values at, and the table and unit column that hold each: said once here. */
export type ValueLevel = 'municipality' | 'ou';

export const VALUE_TABLE = { municipality: 'value', ou: 'ou_value' } as const;
export const UNIT_COLUMN = { municipality: 'municipality_id', ou: 'ou_id' } as const;
