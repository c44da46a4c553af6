/**
 * People of Process: creating a person, the record, case workers, consent, the inventory, temporary
 * access and the DPO's "who read this person's data". Every read and write of a person's data is one
 * audit entry (who, when, which person, which part, why), written in the transaction of the change
 * and before a read's data leaves. Personal text is sealed with the keyring before it is stored.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { hashSecret } from '../../../accounts/secrets.js';
import { InputError } from '../../../errors/input-error.js';
import { storeWrite } from '../../../store/connection-lost.js';
import type { Store } from '../../../store/database.js';
import { NEWCOMER_EMAIL_DOMAIN, type PersonRow } from '../../../store/repositories/people.repository.js';
import type { TaxonomyRepository } from '../../../store/repositories/taxonomy.repository.js';
import { planExport } from '../plan/individual-plan.service.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { accessLog, type PersonExport } from '../privacy/person-export.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { INFORMATION_VERSION, type Information, information } from './information.js';
import {
  type ConceptUse,
  checkConcepts,
  EMPTY_INVENTORY,
  type Inventory,
  parseInventory,
} from './inventory.js';
import { changedFields, mergeSection, SECTIONS, type Section } from './inventory-sections.js';
import { type AccessLevel, decideAccess, type PersonAccess, personAuditEntry } from './person-access.js';

/** The parts of a person's data the audit log names. */
export type PersonPart =
  | 'restriction'
  | 'information'
  | 'person'
  | 'caseworkers'
  | 'consent'
  | 'inventory'
  | 'access'
  | 'status'
  | 'reads'
  | 'export'
  | 'access-code'
  | 'list'
  | 'profile'
  | 'plan'
  | 'notes'
  | 'ladder';

const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;
const MAX_TEMPORARY_HOURS = 24 * 30;
const CASEWORKER_ROLES = new Set(['caseworker', 'process-admin']);

export interface NewPerson {
  organisation: string;
  name: string;
  language: string;
  contact?: string | null;
  /** Optional, for the own KPIs' split by gender only: K, M or declined (vill inte svara). */
  gender?: string | null;
}

export const PERSON_GENDERS = ['K', 'M', 'declined'] as const;

export interface PersonView {
  id: string;
  organisation: string;
  name: string;
  language: string;
  contact: string | null;
  status: string;
  restricted: boolean;
  /** K, M, declined or null (not asked): for the own KPIs' split by gender only. */
  gender: string | null;
  createdAt: string;
  closedAt: string | null;
  caseworkers: { userId: string; email: string | null; assignedAt: string }[];
  consents: ConsentView[];
}

export interface ConsentView {
  textVersion: string;
  language: string;
  legalBasis: string;
  acknowledgedAt: string;
  recordedBy: string;
}

/** When a section last changed and whether the person made the change (their own view). */
export interface SectionMeta {
  section: Section;
  updatedAt: string;
  byPerson: boolean;
  changedFields: string[];
}

export interface PersonListItem {
  id: string;
  name: string;
  language: string;
  status: string;
  restricted: boolean;
  createdAt: string;
}

/** One-time codes for the person's own view: how long one lives, and its alphabet (no 0/O, 1/I/L). */
export const ACCESS_CODE_HOURS = 72;
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const normaliseAccessCode = (code: string) => code.toUpperCase().replace(/[^A-Z0-9]/g, '');

export interface ReadEntry {
  at: string;
  actor: string;
  actorUserId: string | null;
  action: string;
  part: string | null;
  via: string | null;
  reason: string | null;
}

export class PeopleService {
  private readonly audit: AuditLog;
  private readonly taxonomy: TaxonomyRepository;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
  ) {
    this.audit = new AuditLog(store.repositories);
    this.taxonomy = store.repositories.taxonomy;
  }

  private get repository() {
    return this.store.repositories.people;
  }

  /** The person if the actor may act on them at this level; otherwise 404 (see person-access.ts). */
  access(actor: Actor, personId: string, level: AccessLevel): Promise<PersonAccess> {
    return decideAccess(this.repository, actor, personId, level, (sealed, _id) =>
      this.keyring.open(sealed, PLACES.grantReason(personId)),
    );
  }

  private entry(access: PersonAccess, action: string, part: PersonPart, ip: string | null, extra = {}) {
    return personAuditEntry(access, action, part, ip, extra);
  }

  async create(actor: Actor, input: NewPerson, ip: string | null = null): Promise<{ id: string }> {
    // Stryker disable next-line StringLiteral: equivalent, no organisation has the replacement's id either
    const organisation = String(input.organisation ?? '');
    if (!can(actor, 'process.write', organisation)) throw new NotFoundError('no such organisation');
    const name = String(input.name ?? '').trim();
    if (!name) throw new InputError('required', { parameter: 'name' });
    if (name.length > 200) throw new InputError('tooLong', { parameter: 'name', values: { max: 200 } });
    // Stryker disable next-line StringLiteral: equivalent, the replacement is no language code either
    if (!LANGUAGE.test(input.language ?? ''))
      throw new InputError('invalidChoice', {
        parameter: 'language',
        values: {
          value: String(input.language).slice(0, 40),
          allowed: 'a language code such as sv, ar, prs, ti',
        },
      });
    const contact = input.contact ?? null;
    if (contact !== null && contact.length > 2000)
      throw new InputError('tooLong', { parameter: 'contact', values: { max: 2000 } });
    const gender = input.gender ?? null;
    if (gender !== null && !(PERSON_GENDERS as readonly string[]).includes(gender))
      throw new InputError('invalidChoice', {
        parameter: 'gender',
        values: { value: String(gender).slice(0, 40), allowed: PERSON_GENDERS.join(', ') },
      });
    const id = randomUUID();
    const now = new Date().toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      const people = this.store.repositories.in(trx).people;
      const person: PersonRow = {
        id,
        organisation_id: organisation,
        audit_ref: randomUUID(),
        language: input.language,
        name_sealed: this.keyring.seal(name, PLACES.personName(id)),
        contact_sealed: this.keyring.sealNullable(contact, PLACES.personContact(id)),
        user_id: null,
        status: 'open',
        restricted: 0,
        created_at: now,
        closed_at: null,
        gender: gender as PersonRow['gender'],
        outcome_ref: null,
      };
      await people.insertPerson(person);
      // The case worker who records a person is theirs from the start; a Process admin assigns later.
      const self = actor.memberships.find(
        (m) => m.organisationId === organisation && m.role === 'caseworker',
      );
      if (self && actor.userId) await people.replaceCaseworkers(id, [actor.userId], now);
      await this.audit.record(
        this.entry(
          {
            actor,
            person,
            // Stryker disable next-line StringLiteral: equivalent, an audit entry does not record the level
            level: 'write',
            via: self ? 'caseworker' : 'process-admin',
          },
          'person.create',
          'person',
          ip,
        ),
        trx,
      );
    });
    return { id };
  }

  async get(access: PersonAccess, ip: string | null = null): Promise<PersonView> {
    const view = await this.view(access.person);
    await this.audit.record(this.entry(access, 'person.read', 'person', ip));
    return view;
  }

  /** The record as it is (no audit: callers audit the read they make). */
  async view(person: PersonRow): Promise<PersonView> {
    const people = this.repository;
    const caseworkers = await people.caseworkers(person.id);
    const emails = await people.emails(caseworkers.map((c) => c.user_id));
    return {
      id: person.id,
      organisation: person.organisation_id,
      name: this.keyring.open(person.name_sealed, PLACES.personName(person.id)),
      language: person.language,
      contact: this.keyring.openNullable(person.contact_sealed, PLACES.personContact(person.id)),
      status: person.status,
      restricted: person.restricted === 1,
      gender: person.gender,
      createdAt: person.created_at,
      closedAt: person.closed_at,
      caseworkers: caseworkers.map((c) => ({
        userId: c.user_id,
        email: emails.get(c.user_id) ?? null,
        assignedAt: c.assigned_at,
      })),
      consents: (await people.consents(person.id)).map((c) => ({
        textVersion: c.text_version,
        language: c.language,
        legalBasis: c.legal_basis,
        acknowledgedAt: c.acknowledged_at,
        recordedBy: c.recorded_by,
      })),
    };
  }

  async setCaseworkers(
    access: PersonAccess,
    refs: readonly string[],
    ip: string | null = null,
  ): Promise<void> {
    const people = this.repository;
    const userIds: string[] = [];
    for (const [i, ref] of refs.entries()) {
      const member = await people.memberOf(access.person.organisation_id, ref);
      if (!member || !CASEWORKER_ROLES.has(member.role))
        throw new InputError('unknownUser', {
          status: 422,
          parameter: `caseworkers[${i}]`,
          values: { value: ref },
        });
      userIds.push(member.user_id);
    }
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories
        .in(trx)
        .people.replaceCaseworkers(access.person.id, userIds, new Date().toISOString());
      await this.audit.record(
        this.entry(access, 'person.write', 'caseworkers', ip, { caseworkers: userIds }),
        trx,
      );
    });
  }

  async recordConsent(
    access: PersonAccess,
    input: { textVersion?: string; legalBasis?: string; language?: string; acknowledgedAt?: string },
    ip: string | null = null,
  ): Promise<ConsentView> {
    const at = input.acknowledgedAt ?? new Date().toISOString();
    if (Number.isNaN(Date.parse(at)))
      throw new InputError('invalidChoice', {
        parameter: 'acknowledgedAt',
        values: { value: at, allowed: 'an ISO 8601 time' },
      });
    const language = input.language ?? access.person.language;
    if (!LANGUAGE.test(language))
      throw new InputError('invalidChoice', {
        parameter: 'language',
        values: { value: language, allowed: 'a language code' },
      });
    const legalBasis = input.legalBasis ?? (await this.repository.legalBasis(access.person.organisation_id));
    // An acknowledgement without a stated basis would prove nothing.
    if (!legalBasis) throw new InputError('required', { parameter: 'legalBasis' });
    const row = {
      person_id: access.person.id,
      text_version: input.textVersion ?? INFORMATION_VERSION,
      language,
      legal_basis: legalBasis,
      acknowledged_at: new Date(at).toISOString(),
      recorded_by: access.actor.userId ?? access.actor.label,
    };
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories.in(trx).people.insertConsent(row);
      await this.audit.record(
        this.entry(access, 'person.write', 'consent', ip, { textVersion: row.text_version }),
        trx,
      );
    });
    return {
      textVersion: row.text_version,
      language: row.language,
      legalBasis: row.legal_basis,
      acknowledgedAt: row.acknowledged_at,
      recordedBy: row.recorded_by,
    };
  }

  async inventory(
    access: PersonAccess,
    ip: string | null = null,
  ): Promise<Inventory & { updatedAt: string | null }> {
    const result = await this.openInventory(access.person.id);
    await this.audit.record(this.entry(access, 'person.read', 'inventory', ip));
    return result;
  }

  async openInventory(personId: string): Promise<Inventory & { updatedAt: string | null }> {
    const row = await this.repository.inventory(personId);
    if (!row) return { ...EMPTY_INVENTORY, updatedAt: null };
    const inventory = JSON.parse(
      this.keyring.open(row.inventory_sealed, PLACES.inventory(personId)),
    ) as Inventory;
    return { ...inventory, updatedAt: row.updated_at };
  }

  /** Replaces the inventory after checking all of it; a bad document writes nothing. */
  async saveInventory(
    access: PersonAccess,
    body: unknown,
    ip: string | null = null,
  ): Promise<Inventory & { updatedAt: string }> {
    const { inventory, concepts } = parseInventory(body);
    const before = await this.openInventory(access.person.id);
    return this.write(access, before, inventory, concepts, [...SECTIONS], ip);
  }

  /**
   * Replaces one section (the interview's and the person's step-by-step save); the rest stays as it
   * is. The whole result is checked as one document; a change by the person is recorded as theirs.
   */
  async saveSection(
    access: PersonAccess,
    section: Section,
    patch: Partial<Inventory>,
    ip: string | null = null,
  ): Promise<Inventory & { updatedAt: string }> {
    const before = await this.openInventory(access.person.id);
    const { updatedAt: _u, ...current } = before;
    const { inventory, concepts } = parseInventory(mergeSection(current, section, patch));
    return this.write(access, before, inventory, concepts, [section], ip);
  }

  private async write(
    access: PersonAccess,
    before: Inventory,
    inventory: Inventory,
    concepts: ConceptUse[],
    sections: Section[],
    ip: string | null,
  ): Promise<Inventory & { updatedAt: string }> {
    const person = access.person;
    // The three checks' reads at once (on PostgreSQL each is a round trip; the save has a budget).
    const ids = [...new Set(concepts.map((c) => c.id))];
    const [consents, healthBasis, types] = await Promise.all([
      this.repository.consents(person.id),
      inventory.health !== undefined ? this.repository.healthBasis(person.organisation_id) : null,
      ids.length > 0
        ? this.taxonomy.concepts(ids).then((rows) => new Map(rows.map((r) => [r.id, r.type])))
        : new Map<string, string>(),
    ]);
    // The person is told what is recorded, why and for how long before their competences are recorded.
    if (consents.length === 0)
      throw new InputError('informationNotAcknowledged', { status: 409, parameter: 'consents' });
    // The health-related constraint only where the organisation configured it with a legal basis.
    if (inventory.health !== undefined && healthBasis === null)
      throw new InputError('healthQuestionOff', { status: 422, parameter: 'health' });
    await checkConcepts(concepts, async () => types);
    const updatedAt = new Date().toISOString();
    const by = access.actor.userId ?? access.actor.label;
    const changes = sections
      .map((section) => ({ section, fields: changedFields(before, inventory, section) }))
      .filter((c) => c.fields.length > 0);
    await storeWrite(() =>
      this.store.db.transaction().execute(async (trx) => {
        const people = this.store.repositories.in(trx).people;
        await people.saveInventory({
          person_id: person.id,
          inventory_sealed: this.keyring.seal(JSON.stringify(inventory), PLACES.inventory(person.id)),
          updated_at: updatedAt,
          updated_by: by,
          first_saved_at: null,
        });
        for (const change of changes)
          await people.saveSection({
            person_id: person.id,
            section: change.section,
            updated_at: updatedAt,
            updated_by: by,
            by_person: access.via === 'self' ? 1 : 0,
            changed_fields: JSON.stringify(change.fields),
          });
        await this.audit.record(
          this.entry(access, 'person.write', 'inventory', ip, {
            sections: changes.map((c) => c.section),
            ...(inventory.health !== undefined || before.health !== undefined ? { health: true } : {}),
          }),
          trx,
        );
      }),
    );
    return { ...inventory, updatedAt };
  }

  /** When each section last changed, and whether by the person (no audit: shown with an audited read). */
  async sectionMeta(personId: string): Promise<SectionMeta[]> {
    return (await this.repository.sections(personId)).map((r) => ({
      section: r.section as Section,
      updatedAt: r.updated_at,
      byPerson: r.by_person === 1,
      changedFields: JSON.parse(r.changed_fields) as string[],
    }));
  }

  /** The organisation's inventory settings: sections it does not ask, the health question's basis. */
  async settings(organisationId: string): Promise<{ hiddenSections: Section[]; healthBasis: string | null }> {
    const row = await this.repository.setting(organisationId);
    // Stryker disable next-line ArrayDeclaration: equivalent, the filter below drops whatever is not a section
    const hidden = row?.hidden_sections ? (JSON.parse(row.hidden_sections) as string[]) : [];
    return {
      hiddenSections: hidden.filter((s): s is Section => (SECTIONS as readonly string[]).includes(s)),
      healthBasis: row?.health_basis ?? null,
    };
  }

  /**
   * Changes the organisation's inventory settings (Process admin only): sections it does not ask, and
   * the legal basis that turns the health-related question on (empty: off, the default). Audited in
   * the same transaction. An answer already given to the health question stays until the person's
   * record is changed or erased; turning the question off stops new answers.
   */
  async saveSettings(
    actor: Actor,
    organisationId: string,
    input: { hiddenSections: readonly string[]; healthBasis: string | null },
    ip: string | null = null,
  ): Promise<{ hiddenSections: Section[]; healthBasis: string | null }> {
    if (!can(actor, 'process.admin', organisationId)) throw new NotFoundError('no such organisation');
    const hidden = [...new Set(input.hiddenSections)];
    for (const [i, s] of hidden.entries())
      if (!(SECTIONS as readonly string[]).includes(s))
        throw new InputError('invalidChoice', {
          parameter: `hiddenSections[${i}]`,
          values: { value: String(s).slice(0, 40), allowed: SECTIONS.join(', ') },
        });
    if (hidden.length === SECTIONS.length)
      throw new InputError('invalidChoice', {
        status: 422,
        parameter: 'hiddenSections',
        values: { value: 'all', allowed: 'at most all sections but one' },
      });
    const basis = input.healthBasis?.trim() || null;
    if (basis !== null && basis.length > 500)
      throw new InputError('tooLong', { parameter: 'healthBasis', values: { max: 500 } });
    const ordered = SECTIONS.filter((s) => hidden.includes(s));
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories.in(trx).people.setSetting(organisationId, {
        hidden_sections: JSON.stringify(ordered),
        health_basis: basis,
      });
      await this.audit.record(
        {
          actor,
          action: 'process.settings',
          organisationId,
          target: { type: 'organisation', id: organisationId },
          ip,
          detail: { hiddenSections: ordered, healthBasis: basis },
        },
        trx,
      );
    });
    return { hiddenSections: ordered, healthBasis: basis };
  }

  /** The people the actor may read (their own, lent ones; all for a Process admin); each listed name is audited. */
  async list(actor: Actor, ip: string | null = null): Promise<PersonListItem[]> {
    if (actor.userId === null) return [];
    const orgs = (permission: 'process.admin' | 'process.read') =>
      actor.memberships.filter((m) => can(actor, permission, m.organisationId)).map((m) => m.organisationId);
    const admin = orgs('process.admin');
    const rows = await this.repository.peopleFor(
      admin,
      // Stryker disable next-line MethodExpression: equivalent, an admin's organisation lists all anyway (the filter only narrows the query)
      orgs('process.read').filter((o) => !admin.includes(o)),
      actor.userId,
      new Date().toISOString(),
    );
    const items = rows.map((p) => ({
      id: p.id,
      name: this.keyring.open(p.name_sealed, PLACES.personName(p.id)),
      language: p.language,
      status: p.status,
      restricted: p.restricted === 1,
      createdAt: p.created_at,
    }));
    for (const p of rows)
      await this.audit.record({
        actor,
        action: 'person.read',
        organisationId: p.organisation_id,
        target: { type: 'person', id: p.audit_ref },
        ip,
        detail: { part: 'list' },
      });
    return items;
  }

  /** A one-time code that opens the person's own view (72 hours, one use); only its hash is kept. */
  async createAccessCode(
    access: PersonAccess,
    ip: string | null = null,
  ): Promise<{ code: string; expiresAt: string }> {
    const bytes = randomBytes(12);
    const raw = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length]).join('');
    const code = `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}`;
    const now = new Date();
    const expiresAt = new Date(now.getTime() + ACCESS_CODE_HOURS * 3_600_000).toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories.in(trx).people.insertAccessCode({
        code_hash: hashSecret(normaliseAccessCode(code)),
        person_id: access.person.id,
        created_by: access.actor.userId ?? access.actor.label,
        created_at: now.toISOString(),
        expires_at: expiresAt,
        used_at: null,
      });
      await this.audit.record(
        this.entry(access, 'person.access-code', 'access-code', ip, { expiresAt }),
        trx,
      );
    });
    return { code, expiresAt };
  }

  /**
   * Uses a one-time code: the person's own account (role newcomer in the person's organisation, no
   * password, no real e-mail) is made at the first use; returns that account's id for a session.
   * Unknown, used or expired codes → null (the caller answers the same for all three).
   */
  async redeemAccessCode(
    code: string,
    ip: string | null = null,
  ): Promise<{ userId: string; personId: string } | null> {
    const now = new Date().toISOString();
    return this.store.db.transaction().execute(async (trx) => {
      const people = this.store.repositories.in(trx).people;
      const taken = await people.takeAccessCode(hashSecret(normaliseAccessCode(code)), now);
      if (!taken) return null;
      const person = await people.person(taken.person_id);
      if (!person) return null;
      let userId = person.user_id;
      if (!userId) {
        userId = randomUUID();
        await trx
          .insertInto('app_user')
          .values({
            id: userId,
            email: `${randomUUID()}@${NEWCOMER_EMAIL_DOMAIN}`,
            display_name: null,
            password_hash: null,
            status: 'active',
            locale: null,
            totp_secret: null,
            totp_enabled_at: null,
            created_at: now,
            disabled_at: null,
          })
          .execute();
        await trx
          .insertInto('membership')
          .values({
            user_id: userId,
            organisation_id: person.organisation_id,
            role: 'newcomer',
            created_at: now,
          })
          .execute();
        await people.updatePerson(person.id, { user_id: userId });
      }
      await this.audit.record(
        {
          actor: { userId, label: 'newcomer' },
          action: 'person.access-code.use',
          organisationId: person.organisation_id,
          target: { type: 'person', id: person.audit_ref },
          ip,
          detail: { part: 'access-code', via: 'self' },
        },
        trx,
      );
      return { userId, personId: person.id };
    });
  }

  /** The person whose own account the actor is (a newcomer session), if any. */
  async ownPerson(actor: Actor): Promise<string | null> {
    // Stryker disable next-line ConditionalExpression: equivalent, no person has a null user to find (the check spares a query)
    if (actor.userId === null) return null;
    return (await this.repository.personOfUser(actor.userId))?.id ?? null;
  }

  async grantTemporaryAccess(
    access: PersonAccess,
    input: { user: string; reason: string; hours: number },
    ip: string | null = null,
  ): Promise<{ userId: string; expiresAt: string }> {
    const member = await this.repository.memberOf(access.person.organisation_id, input.user);
    if (!member || !CASEWORKER_ROLES.has(member.role))
      throw new InputError('unknownUser', { status: 422, parameter: 'user', values: { value: input.user } });
    const reason = input.reason.trim();
    if (!reason) throw new InputError('required', { parameter: 'reason' });
    if (!Number.isInteger(input.hours) || input.hours < 1 || input.hours > MAX_TEMPORARY_HOURS)
      throw new InputError('invalidChoice', {
        parameter: 'hours',
        values: { value: String(input.hours), allowed: `1–${MAX_TEMPORARY_HOURS}` },
      });
    const now = new Date();
    const expiresAt = new Date(now.getTime() + input.hours * 3_600_000).toISOString();
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories.in(trx).people.insertGrant({
        person_id: access.person.id,
        user_id: member.user_id,
        reason_sealed: this.keyring.seal(reason, PLACES.grantReason(access.person.id)),
        granted_by: access.actor.userId ?? access.actor.label,
        granted_at: now.toISOString(),
        expires_at: expiresAt,
      });
      await this.audit.record(
        this.entry(access, 'person.access-grant', 'access', ip, {
          to: member.user_id,
          expiresAt,
          grantReason: reason,
        }),
        trx,
      );
    });
    return { userId: member.user_id, expiresAt };
  }

  /** Closes (or reopens) the case; retention counts from the close. */
  async setStatus(access: PersonAccess, status: 'open' | 'closed', ip: string | null = null): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories.in(trx).people.updatePerson(access.person.id, {
        status,
        closed_at: status === 'closed' ? new Date().toISOString() : null,
      });
      await this.audit.record(this.entry(access, 'person.write', 'status', ip, { status }), trx);
    });
  }

  /** Everything held about the person (see privacy/person-export.ts); one audit entry, part "export". */
  async export(access: PersonAccess, ip: string | null = null): Promise<PersonExport> {
    const document = await this.exportDocument(access.person);
    await this.audit.record(this.entry(access, 'person.read', 'export', ip, { format: 'json' }));
    return document;
  }

  /** One audited read of a part of the person's data made elsewhere (the documents). */
  async recordRead(
    access: PersonAccess,
    part: PersonPart,
    ip: string | null,
    extra: Record<string, unknown> = {},
  ): Promise<void> {
    await this.audit.record(this.entry(access, 'person.read', part, ip, extra));
  }

  /** The export document (no audit: callers audit the read they make). */
  async exportDocument(person: PersonRow): Promise<PersonExport> {
    const people = this.repository;
    const inventoryRow = await people.inventory(person.id);
    const document: PersonExport = {
      format: 'etablera-person-export/1',
      exportedAt: new Date().toISOString(),
      person: { ...(await this.view(person)), userId: person.user_id },
      inventory: {
        ...(await this.openInventory(person.id)),
        updatedBy: inventoryRow?.updated_by ?? null,
        firstSavedAt: inventoryRow?.first_saved_at ?? null,
      },
      temporaryAccess: (await people.grants(person.id)).map((g) => ({
        userId: g.user_id,
        reason: this.keyring.open(g.reason_sealed, PLACES.grantReason(person.id)),
        grantedBy: g.granted_by,
        grantedAt: g.granted_at,
        expiresAt: g.expires_at,
      })),
      sections: (await people.sections(person.id)).map((r) => ({
        section: r.section,
        updatedAt: r.updated_at,
        updatedBy: r.updated_by,
        byPerson: r.by_person === 1,
        changedFields: JSON.parse(r.changed_fields) as string[],
      })),
      accessCodes: (await people.accessCodes(person.id)).map((c) => ({
        createdBy: c.created_by,
        createdAt: c.created_at,
        expiresAt: c.expires_at,
        usedAt: c.used_at,
      })),
      matchDecisions: (await people.matchDecisions(person.id)).map((d) => ({
        kind: d.kind,
        target: d.target_id,
        action: d.action,
        reason: d.reason_sealed
          ? this.keyring.open(d.reason_sealed, PLACES.matchDecisionReason(person.id))
          : null,
        decidedBy: d.decided_by,
        decidedAt: d.decided_at,
      })),
      ...(await planExport(this.store.repositories, this.keyring, person.id)),
      retention: await (async () => {
        const action = await people.retentionAction(person.organisation_id);
        return {
          days: await people.retentionDays(person.organisation_id),
          action,
          note:
            action === 'pseudonymise'
              ? 'The record is erased this many days after the case closes; only its outcomes (kinds and months) stay, under a random id that leads back to nobody.'
              : 'The record is erased this many days after the case closes.',
        };
      })(),
      accessLog: accessLog(await this.audit.forTarget('person', person.audit_ref)),
    };
    return document;
  }

  /** The information to show the person before anything is recorded, in their language when there is one. */
  async information(access: PersonAccess, ip: string | null = null): Promise<Information> {
    const people = this.repository;
    const org = access.person.organisation_id;
    const result = information(
      access.person.language,
      await people.legalBasis(org),
      await people.retentionDays(org),
      await people.retentionAction(org),
    );
    await this.audit.record(this.entry(access, 'person.read', 'information', ip));
    return result;
  }

  /** The objection/restriction flag (GDPR art. 18, 21): set, it stops matching and proposals. */
  async setRestriction(access: PersonAccess, restricted: boolean, ip: string | null = null): Promise<void> {
    await this.store.db.transaction().execute(async (trx) => {
      await this.store.repositories
        .in(trx)
        .people.updatePerson(access.person.id, { restricted: restricted ? 1 : 0 });
      await this.audit.record(this.entry(access, 'person.write', 'restriction', ip, { restricted }), trx);
    });
  }

  /** The DPO's report: every audit entry about the person (reads and writes), oldest first. */
  async readsReport(access: PersonAccess, ip: string | null = null): Promise<ReadEntry[]> {
    const entries: ReadEntry[] = [];
    for (const row of await this.audit.forTarget('person', access.person.audit_ref))
      entries.push({
        at: row.at,
        actor: row.actor,
        actorUserId: row.actorUserId,
        action: row.action,
        part: typeof row.detail.part === 'string' ? row.detail.part : null,
        via: typeof row.detail.via === 'string' ? row.detail.via : null,
        reason: typeof row.detail.reason === 'string' ? row.detail.reason : null,
      });
    await this.audit.record(this.entry(access, 'person.read', 'reads', ip));
    return entries;
  }
}
