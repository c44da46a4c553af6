import { describe, expect, it } from 'vitest';
import { type Actor, authorise, can, canSomewhere, NotFoundError, organisationsWith } from './actor.js';
import {
  GRANTS,
  isOrganisationKind,
  isPermission,
  isRole,
  ORGANISATION_KINDS,
  PERMISSIONS,
  ROLES,
  SECOND_FACTOR_ROLES,
} from './roles.js';

// The authorisation policy written out once more, by hand: a grant added to or dropped from a role in
// roles.ts must be a deliberate change of this table too (personal data is opened by need only).
const POLICY: Record<string, string[]> = {
  admin: [
    'organisation.admin',
    'audit.read',
    'mirror.admin',
    'plan.read',
    'plan.edit',
    'plan.follow-up',
    'taxonomy.review',
  ],
  strategist: ['plan.read', 'plan.edit', 'plan.follow-up'],
  reporter: ['plan.read', 'plan.follow-up'],
  caseworker: ['process.read', 'process.write', 'plan.read'],
  'process-admin': ['process.read', 'process.write', 'process.admin', 'audit.read', 'taxonomy.review'],
  reader: ['plan.read'],
  newcomer: ['process.own'],
  regional: ['published.read'],
};

function actor(memberships: Actor['memberships'], global: Actor['global'] = []): Actor {
  return { userId: 'u1', label: 'u1@example.se', via: 'session', memberships, global };
}

describe('roles and grants', () => {
  it('grants each role exactly the permissions of the policy, and admins no personal data', () => {
    expect([...ROLES].sort()).toEqual(Object.keys(POLICY).sort());
    for (const role of ROLES) expect([...GRANTS[role]].sort(), role).toEqual([...POLICY[role]!].sort());
    for (const p of ['process.read', 'process.write', 'process.own', 'process.admin'] as const)
      expect(GRANTS.admin).not.toContain(p);
  });

  it('lists the permissions, kinds and second-factor roles', () => {
    expect([...PERMISSIONS].sort()).toEqual([...new Set(Object.values(POLICY).flat())].sort());
    expect(ORGANISATION_KINDS).toEqual(['kommun', 'region', 'kommunforbund', 'partner']);
    expect(SECOND_FACTOR_ROLES).toEqual(['admin', 'caseworker', 'process-admin']);
  });

  it('recognises roles, permissions and organisation kinds, and nothing else', () => {
    for (const r of ROLES) expect(isRole(r)).toBe(true);
    for (const p of PERMISSIONS) expect(isPermission(p)).toBe(true);
    for (const k of ORGANISATION_KINDS) expect(isOrganisationKind(k)).toBe(true);
    for (const text of ['', 'Admin', 'root', 'process', 'plan.read ', 'kommun'])
      expect([isRole(text), isPermission(text)], text).toEqual([false, false]);
    for (const text of ['', 'Kommun', 'admin', 'stad']) expect(isOrganisationKind(text), text).toBe(false);
  });
});

describe('the actor checks', () => {
  const caseworker = actor([
    { organisationId: '2580', role: 'caseworker' },
    { organisationId: '0180', role: 'reader' },
  ]);
  const operator: Actor = {
    userId: null,
    label: 'admin-token',
    via: 'admin-token',
    memberships: [],
    global: ['mirror.admin'],
  };

  it('can: the permission in that organisation only, or held globally', () => {
    expect(can(caseworker, 'process.read', '2580')).toBe(true);
    expect(can(caseworker, 'process.read', '0180')).toBe(false);
    expect(can(caseworker, 'plan.read', '0180')).toBe(true);
    expect(can(caseworker, 'plan.edit', '2580')).toBe(false);
    expect(can(caseworker, 'process.read', '1480')).toBe(false);
    expect(can(operator, 'mirror.admin', '2580')).toBe(true);
    expect(can(operator, 'plan.read', '2580')).toBe(false);
    expect(can(actor([]), 'plan.read', '2580')).toBe(false);
  });

  it('canSomewhere: in at least one organisation, or globally', () => {
    expect(canSomewhere(caseworker, 'process.write')).toBe(true);
    expect(canSomewhere(caseworker, 'plan.read')).toBe(true);
    expect(canSomewhere(caseworker, 'audit.read')).toBe(false);
    expect(canSomewhere(operator, 'mirror.admin')).toBe(true);
    expect(canSomewhere(operator, 'process.read')).toBe(false);
    expect(canSomewhere(actor([]), 'plan.read')).toBe(false);
  });

  it('organisationsWith: the organisations where the permission is held, in membership order', () => {
    expect(organisationsWith(caseworker, 'plan.read')).toEqual(['2580', '0180']);
    expect(organisationsWith(caseworker, 'process.read')).toEqual(['2580']);
    expect(organisationsWith(caseworker, 'organisation.admin')).toEqual([]);
    // A global permission is not an organisation's: the operator token lists none.
    expect(organisationsWith(operator, 'mirror.admin')).toEqual([]);
  });

  it('authorise: the record when its organisation allows it, else a 404 that names nothing more', () => {
    const record = { id: 'p1', organisation_id: '2580' };
    expect(authorise(caseworker, 'process.read', record)).toBe(record);
    for (const [permission, r] of [
      ['process.read', { id: 'p2', organisation_id: '0180' }],
      ['plan.edit', record],
      ['process.read', undefined],
      ['process.read', null],
    ] as const) {
      let thrown: unknown;
      try {
        authorise(caseworker, permission, r, 'no such person');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(NotFoundError);
      expect(thrown).toMatchObject({ statusCode: 404, message: 'no such person' });
    }
    expect(() => authorise(caseworker, 'plan.edit', record)).toThrow(new NotFoundError('Not found'));
    expect(new NotFoundError().message).toBe('Not found');
  });
});
