import { describe, expect, it } from 'vitest';
import { mappedMemberships, parseRoleRules } from './oidc-mapping.js';

describe('the OIDC claim mapping', () => {
  const rules = parseRoleRules(
    'groups=etablera-admin:2580:admin; groups=etablera-plan:2580:strategist ; tid=urn:x:lulea:2580:reader; *:region-nb:regional',
  );

  it('reads claim=value:organisation:role and *, values with colons included', () => {
    expect(rules).toEqual([
      { claim: 'groups', value: 'etablera-admin', organisationId: '2580', role: 'admin' },
      { claim: 'groups', value: 'etablera-plan', organisationId: '2580', role: 'strategist' },
      { claim: 'tid', value: 'urn:x:lulea', organisationId: '2580', role: 'reader' },
      { claim: null, value: '', organisationId: 'region-nb', role: 'regional' },
    ]);
  });

  it('gives one role per organisation, the first matching rule; list claims match by membership', () => {
    expect(mappedMemberships(rules, { groups: ['staff', 'etablera-plan', 'etablera-admin'] })).toEqual([
      { organisationId: '2580', role: 'admin' },
      { organisationId: 'region-nb', role: 'regional' },
    ]);
    expect(mappedMemberships(rules, { tid: 'urn:x:lulea' })).toContainEqual({
      organisationId: '2580',
      role: 'reader',
    });
    expect(mappedMemberships(parseRoleRules('groups=a:2580:reader'), { groups: ['b'] })).toEqual([]);
    expect(
      mappedMemberships(parseRoleRules('email_verified=true:2580:reader'), { email_verified: true }),
    ).toHaveLength(1);
  });

  it('refuses a rule it cannot read, naming it', () => {
    expect(() => parseRoleRules('groups=x:2580:king')).toThrow(/"groups=x:2580:king": role "king"/);
    expect(() => parseRoleRules('2580:admin')).toThrow(/<claim>=<value>:<organisation>:<role>/);
    expect(() => parseRoleRules('groups:2580:admin')).toThrow(/must be <claim>=<value> or \*/);
    expect(() => parseRoleRules('groups=:2580:admin')).toThrow(/must be <claim>=<value>/);
  });
});
