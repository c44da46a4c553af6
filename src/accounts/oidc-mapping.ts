/**
 * Which organisation and role a user signed in through the municipality's IdP gets, read from the
 * ID token's claims by a configured list (ETABLERA_OIDC_ROLES), one rule a entry, separated by ";":
 *
 *   groups=etablera-admin:2580:admin; groups=etablera-plan:2580:strategist; *:2580:reader
 *
 * `<claim>=<value>:<organisation>:<role>` matches when the claim equals the value or, for a list
 * claim (Entra's `groups`, `roles`), contains it; `*` matches everyone the IdP signs in. The value may
 * itself contain ":" (URNs): the organisation and role are the last two parts. Per organisation the
 * first matching rule wins, so list the stronger roles first. No matching rule: the user is not
 * admitted.
 */
import { isRole, ROLES, type Role } from './roles.js';

export interface RoleRule {
  /** null for `*` (everyone). */
  claim: string | null;
  value: string;
  organisationId: string;
  role: Role;
}

export class RoleRuleError extends Error {}

export function parseRoleRules(text: string): RoleRule[] {
  const rules: RoleRule[] = [];
  for (const raw of text.split(';')) {
    const entry = raw.trim();
    if (!entry) continue;
    const parts = entry.split(':');
    // Stryker disable next-line OptionalChaining,StringLiteral: split gives one part at least, so pop() gives a text
    const role = parts.pop()?.trim() ?? '';
    // Stryker disable next-line StringLiteral: no second part means no condition either, refused below whatever this is
    const organisationId = parts.pop()?.trim() ?? '';
    const condition = parts.join(':').trim();
    if (!condition || !organisationId)
      throw new RoleRuleError(
        `"${entry}": write <claim>=<value>:<organisation>:<role> or *:<organisation>:<role>`,
      );
    if (!isRole(role))
      throw new RoleRuleError(`"${entry}": role "${role}" is not one of ${ROLES.join(', ')}`);
    if (condition === '*') {
      rules.push({ claim: null, value: '', organisationId, role });
      continue;
    }
    const eq = condition.indexOf('=');
    if (eq <= 0 || eq === condition.length - 1)
      throw new RoleRuleError(`"${entry}": the condition "${condition}" must be <claim>=<value> or *`);
    rules.push({
      claim: condition.slice(0, eq).trim(),
      value: condition.slice(eq + 1).trim(),
      organisationId,
      role,
    });
  }
  return rules;
}

function claimHas(claims: Record<string, unknown>, claim: string, value: string): boolean {
  const found = claims[claim];
  if (Array.isArray(found)) return found.some((v) => String(v) === value);
  return found !== undefined && found !== null && String(found) === value;
}

/** The memberships the rules give these claims: at most one role per organisation (the first rule). */
export function mappedMemberships(
  rules: RoleRule[],
  claims: Record<string, unknown>,
): { organisationId: string; role: Role }[] {
  const chosen = new Map<string, Role>();
  for (const rule of rules) {
    if (chosen.has(rule.organisationId)) continue;
    if (rule.claim === null || claimHas(claims, rule.claim, rule.value))
      chosen.set(rule.organisationId, rule.role);
  }
  return [...chosen].map(([organisationId, role]) => ({ organisationId, role }));
}
