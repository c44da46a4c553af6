import { describe, expect, it } from 'vitest';
import { mappedMemberships, parseRoleRules, RoleRuleError } from './oidc-mapping.js';

describe('the OIDC claim mapping', () => {
  // Read inside each test (not at collection), so that a changed reader shows in the test that reads.
  const rules = () =>
    parseRoleRules(
      'groups=etablera-admin:2580:admin; groups=etablera-plan:2580:strategist ; tid=urn:x:lulea:2580:reader; *:region-nb:regional',
    );

  it('reads claim=value:organisation:role and *, values with colons included', () => {
    expect(rules()).toEqual([
      { claim: 'groups', value: 'etablera-admin', organisationId: '2580', role: 'admin' },
      { claim: 'groups', value: 'etablera-plan', organisationId: '2580', role: 'strategist' },
      { claim: 'tid', value: 'urn:x:lulea', organisationId: '2580', role: 'reader' },
      { claim: null, value: '', organisationId: 'region-nb', role: 'regional' },
    ]);
  });

  it('gives one role per organisation, the first matching rule; list claims match by membership', () => {
    expect(mappedMemberships(rules(), { groups: ['staff', 'etablera-plan', 'etablera-admin'] })).toEqual([
      { organisationId: '2580', role: 'admin' },
      { organisationId: 'region-nb', role: 'regional' },
    ]);
    expect(mappedMemberships(rules(), { tid: 'urn:x:lulea' })).toContainEqual({
      organisationId: '2580',
      role: 'reader',
    });
    expect(mappedMemberships(parseRoleRules('groups=a:2580:reader'), { groups: ['b'] })).toEqual([]);
    expect(
      mappedMemberships(parseRoleRules('email_verified=true:2580:reader'), { email_verified: true }),
    ).toHaveLength(1);
  });

  it('trims every part, skips empty entries and keeps a claim value with "=" or ":" whole', () => {
    expect(parseRoleRules(' groups = team x :2580 : reader ;; ; * :0180:admin;')).toEqual([
      { claim: 'groups', value: 'team x', organisationId: '2580', role: 'reader' },
      { claim: null, value: '', organisationId: '0180', role: 'admin' },
    ]);
    expect(parseRoleRules('a=b=c:d:2580:reader')).toEqual([
      { claim: 'a', value: 'b=c:d', organisationId: '2580', role: 'reader' },
    ]);
    expect(parseRoleRules('')).toEqual([]);
  });

  it('matches a single-valued claim only when it is present and equal, as text', () => {
    const lulea = parseRoleRules('tid=urn:x:lulea:2580:reader; n=null:0180:reader; u=undefined:1280:reader');
    expect(mappedMemberships(lulea, { tid: 'urn:x:other' })).toEqual([]);
    expect(mappedMemberships(lulea, { tid: ['urn:x:other'] })).toEqual([]);
    expect(mappedMemberships(lulea, {})).toEqual([]);
    expect(mappedMemberships(lulea, { n: null, u: undefined })).toEqual([]);
    expect(mappedMemberships(lulea, { n: 'null', u: 'undefined' })).toEqual([
      { organisationId: '0180', role: 'reader' },
      { organisationId: '1280', role: 'reader' },
    ]);
    expect(mappedMemberships(parseRoleRules('level=3:2580:admin'), { level: 3 })).toEqual([
      { organisationId: '2580', role: 'admin' },
    ]);
  });

  it('refuses a rule it cannot read, naming it', () => {
    expect(() => parseRoleRules('groups=x:2580:king')).toThrow(
      /"groups=x:2580:king": role "king" is not one of admin, strategist, /,
    );
    for (const bad of ['admin', ':admin', '=x:2580:admin', 'groups=x::admin', 'groups=x: :admin'])
      expect(() => parseRoleRules(bad), bad).toThrow(RoleRuleError);
    expect(() => parseRoleRules('groups=x:2580:king')).toThrow(/"groups=x:2580:king": role "king"/);
    expect(() => parseRoleRules('2580:admin')).toThrow(/<claim>=<value>:<organisation>:<role>/);
    expect(() => parseRoleRules('groups:2580:admin')).toThrow(/must be <claim>=<value> or \*/);
    expect(() => parseRoleRules('groups=:2580:admin')).toThrow(/must be <claim>=<value>/);
  });
});
