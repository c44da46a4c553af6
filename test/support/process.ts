/**
 * Test helpers for Process: a data keyring, a handful of real taxonomy concepts (ids from the bundled
 * snapshot, so tests need not load all of it), and the people of the access tests with API tokens.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { AccountService } from '../../src/accounts/account.service.js';
import { TokenService } from '../../src/accounts/token.service.js';
import { loadSettings } from '../../src/config/settings.js';
import { loadBundledTaxonomy } from '../../src/domain/process/taxonomy/taxonomy-loader.js';
import { buildApp } from '../../src/http/app.js';
import type { Dialect, Store } from '../../src/store/database.js';
import { PeopleRepository } from '../../src/store/repositories/people.repository.js';
import { TaxonomyRepository } from '../../src/store/repositories/taxonomy.repository.js';
import { PASSWORD } from './accounts.js';
import { createTempStore, type TempStore } from './temp-store.js';

export const keyLine = (id: string) => `${id}=${randomBytes(32).toString('base64')}`;

/** Real concept ids of the JobTech taxonomy (see the snapshot). */
export const CONCEPTS = {
  somalia: { id: '1WZA_XkL_92R', type: 'country', label: 'Somalia' },
  lithuanian: { id: '14pF_wSZ_fnK', type: 'language', label: 'Litauiska' },
  refrigeration: { id: '11L4_Q2Z_8tM', type: 'skill', label: 'Kylteknik' },
  steel: { id: '11rR_H3J_EQQ', type: 'skill', label: 'Stålkonstruktion' },
  sfiTeacher: { id: '15e8_KDZ_31Z', type: 'occupation-name', label: 'SFI-lärare' },
  licenceAM: { id: '4HpY_e2U_TUH', type: 'driving-licence', label: 'AM' },
  upperSecondary: {
    id: '51zD_KTU_BvN',
    type: 'sun-education-level-3',
    label: 'Gymnasial utbildning, studieförberedande, 2 år',
  },
  glass: { id: '15ic_uAX_Yup', type: 'sun-education-field-4', label: 'Glas- och porslinstillverkning' },
} as const;

export async function seedConcepts(store: Store): Promise<void> {
  await new TaxonomyRepository(store.db).writeLoad({
    source: 'test',
    version: 'test',
    concepts: Object.values(CONCEPTS).map((c) => ({
      id: c.id,
      type: c.type,
      label: c.label,
      definition: null,
      code: null,
      deprecated: 0,
      replaced_by: null,
    })),
    labels: [],
    relations: [],
    replaceLabelSources: [],
    counts: {},
  });
}

/** Who the access tests need: name → [e-mail, organisation, role]. */
export const PROCESS_USERS = {
  caseworker: ['cw@lulea.se', '2580', 'caseworker'],
  colleague: ['cw2@lulea.se', '2580', 'caseworker'],
  processAdmin: ['padmin@lulea.se', '2580', 'process-admin'],
  orgAdmin: ['admin@lulea.se', '2580', 'admin'],
  newcomer: ['ny@lulea.se', '2580', 'newcomer'],
  otherOrg: ['cw@malmo.se', '1280', 'caseworker'],
  otherOrgAdmin: ['padmin@malmo.se', '1280', 'process-admin'],
} as const;
export type ProcessUser = keyof typeof PROCESS_USERS;

/** Organisations 2580 and 1280, the users above, and an API token for each. */
export async function seedProcessUsers(
  store: Store,
): Promise<Record<ProcessUser, { token: string; userId: string }>> {
  const accounts = new AccountService(store.repositories);
  await accounts.addOrganisation(null, { id: '2580', name: 'Luleå kommun' });
  await accounts.addOrganisation(null, { id: '1280', name: 'Malmö stad' });
  const tokens = new TokenService(store.repositories);
  const out = {} as Record<ProcessUser, { token: string; userId: string }>;
  for (const [name, [email, organisationId, role]] of Object.entries(PROCESS_USERS)) {
    const { user } = await accounts.addUser(null, { email, organisationId, role, password: PASSWORD });
    const { token } = await tokens.create(null, { email, lifetimeMs: null });
    out[name as ProcessUser] = { token, userId: user.id };
  }
  return out;
}

/** Links a newcomer's account to their person record (what the one-time link flow will do). */
export const linkNewcomer = (store: Store, personId: string, userId: string) =>
  new PeopleRepository(store.db).updatePerson(personId, { user_id: userId });

export function api(app: FastifyInstance, token: string | null) {
  return (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), accept: 'application/json' },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
}

export type ProcessUsers = Record<ProcessUser, { token: string; userId: string }>;

/**
 * What most Process tests start from: a temporary store with the test concepts (or, with
 * `taxonomy: 'bundled'`, the whole bundled snapshot, which matching needs), the users above, and an
 * app with a data key and no rate limit.
 */
export async function startProcessApp(
  dialect: Dialect,
  options: { taxonomy?: 'concepts' | 'bundled' } = {},
): Promise<{ temp: TempStore; users: ProcessUsers; app: FastifyInstance }> {
  const temp = await createTempStore(dialect);
  if (options.taxonomy === 'bundled') await loadBundledTaxonomy(temp.store);
  else await seedConcepts(temp.store);
  const users = await seedProcessUsers(temp.store);
  const app = await buildApp({
    store: temp.store,
    settings: loadSettings({ ETABLERA_RATE_LIMIT_MAX: '0', ETABLERA_PROCESS_KEYS: keyLine('k1') }),
  });
  return { temp, users, app };
}
