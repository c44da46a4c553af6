/** The inventory's parser: minimisation (no special-category field, no extra field) and its answers. */
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../errors/input-error.js';
import { InventorySchema } from '../../../http/api/process/inventory-schema.js';
import { EMPTY_INVENTORY, parseInventory } from './inventory.js';

const SPECIAL_CATEGORIES =
  /ethnic|race|relig|belief|health|medical|diagnos|politic|union|sexual|biometric|genetic/i;

/** Every property name of a JSON schema, nested. */
function propertyNames(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const s = schema as { properties?: Record<string, unknown>; items?: unknown; anyOf?: unknown[] };
  return [
    ...Object.entries(s.properties ?? {}).flatMap(([name, sub]) => [name, ...propertyNames(sub)]),
    ...propertyNames(s.items),
    ...(s.anyOf ?? []).flatMap(propertyNames),
  ];
}

describe('the inventory', () => {
  it('asks for no special category of personal data (art. 9) and warns against it in the free text', () => {
    const names = propertyNames(InventorySchema);
    expect(names.length).toBeGreaterThan(15);
    expect(names.filter((n) => SPECIAL_CATEGORIES.test(n))).toEqual([]);
    expect(JSON.stringify(InventorySchema.properties.freeText)).toMatch(/Do not record health, religion/);
  });

  it('refuses a field it does not know, at any depth', () => {
    for (const [body, parameter] of [
      [{ ethnicity: 'x' }, 'ethnicity'],
      [{ work: [{ occupation: 'unknown', diagnosis: 'x' }] }, 'work[0].diagnosis'],
    ] as const) {
      const error = (() => {
        try {
          parseInventory(body);
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(InputError);
      expect(error).toMatchObject({ reason: 'unknownField', parameter });
    }
  });

  it('takes "unknown" (vet inte) and "declined" (vill inte svara) for every answer and fills left-out answers as unknown', () => {
    const { inventory, concepts } = parseInventory({
      education: [
        {
          level: 'declined',
          field: 'unknown',
          country: 'declined',
          years: 'declined',
          documentsSeen: 'declined',
        },
      ],
      work: [{}],
      languages: [{ language: 'Abc_Def_Ghi', listening: 'declined' }],
    });
    expect(inventory.education[0]).toEqual({
      level: 'declined',
      field: 'unknown',
      country: 'declined',
      years: 'declined',
      documentsSeen: 'declined',
    });
    expect(inventory.work[0]).toEqual({ occupation: 'unknown', years: 'unknown', country: 'unknown' });
    expect(inventory.languages[0]).toEqual({
      language: 'Abc_Def_Ghi',
      listening: 'declined',
      reading: 'unknown',
      speaking: 'unknown',
      writing: 'unknown',
    });
    // Only real ids go to the taxonomy check.
    expect(concepts.map((c) => c.id)).toEqual(['Abc_Def_Ghi']);
    expect(parseInventory({}).inventory).toEqual(EMPTY_INVENTORY);
  });
});
