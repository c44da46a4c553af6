/**
 * The incentive ladder of an organisation and of a person. The ladder is data (ladder.ts), saved in
 * versions that apply from their day; a person's level moves only when a case worker confirms a level
 * the rules propose (GDPR art. 22: never automatic), and each confirmation is one audit entry kept with
 * the ladder version and the level's name of its day, so a later change of the rules rewrites nothing.
 * A restricted person gets no proposals (privacy/restriction.ts).
 */
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import type { LadderVersionRow } from '../../../store/repositories/individual-plan.repository.js';
import { type PersonAccess, personAuditEntry } from '../people/person-access.js';
import { isProcessingRestricted } from '../privacy/restriction.js';
import type { PlanDocument } from './individual-plan.js';
import type { IndividualPlanService } from './individual-plan.service.js';
import { type Ladder, type LadderLevel, ladderFacts, parseLadder, ruleHolds } from './ladder.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const today = () => new Date().toISOString().slice(0, 10);

export interface LadderVersionView extends Ladder {
  id: number;
  validFrom: string;
  savedAt: string;
  savedBy: string;
}

export interface PersonLadderView {
  /** The highest confirmed level, or null. */
  level: { level: number; name: string; confirmedAt: string } | null;
  confirmations: {
    level: number;
    name: string;
    ladderVersion: number;
    confirmedBy: string;
    confirmedAt: string;
  }[];
  /** A level the rules propose now, for a case worker to confirm; null when none (or restricted). */
  proposal: { level: number; name: string } | null;
  /** The next level and what it needs, in the person's language where the ladder has it (else Swedish). */
  next: {
    level: number;
    name: string;
    needs: string;
    /** What it needs in every language the ladder has it in (a page shows its own language's). */
    needsByLanguage: Record<string, string>;
    rewards: LadderLevel['rewards'];
  } | null;
  /** The ladder that applies today (null: the organisation has none). */
  ladder: {
    version: number;
    validFrom: string;
    levels: { level: number; name: string; needs: string; needsByLanguage: Record<string, string> }[];
  } | null;
  restricted: boolean;
}

export class LadderService {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly plans: IndividualPlanService,
  ) {
    this.audit = new AuditLog(store.repositories);
  }

  private get repository() {
    return this.store.repositories.individualPlans;
  }

  private view(row: LadderVersionRow): LadderVersionView {
    return {
      id: row.id,
      validFrom: row.valid_from,
      savedAt: row.saved_at,
      savedBy: row.saved_by,
      ...(JSON.parse(row.ladder_json) as Ladder),
    };
  }

  /** The version that applies on `day`: the latest valid_from on or before it (the last saved on a tie). */
  async ladderOn(organisationId: string, day: string): Promise<LadderVersionView | null> {
    const rows = (await this.repository.ladderVersions(organisationId)).filter((r) => r.valid_from <= day);
    const row = rows.at(-1);
    return row ? this.view(row) : null;
  }

  async organisationLadder(actor: Actor, organisationId: string) {
    if (!can(actor, 'process.read', organisationId) && !can(actor, 'process.admin', organisationId))
      throw new NotFoundError('no such organisation');
    const rows = await this.repository.ladderVersions(organisationId);
    const day = today();
    const current = rows.filter((r) => r.valid_from <= day).at(-1);
    return {
      organisation: organisationId,
      current: current ? this.view(current) : null,
      upcoming: rows.filter((r) => r.valid_from > day).map((r) => this.view(r)),
      versions: rows.map((r) => ({
        id: r.id,
        validFrom: r.valid_from,
        savedAt: r.saved_at,
        savedBy: r.saved_by,
      })),
    };
  }

  /**
   * Saves a new version applying from `validFrom` (today when left out; never earlier than today, so
   * what applied before stays as it was). The Process admin of the organisation only.
   */
  async saveLadder(actor: Actor, organisationId: string, input: unknown, ip: string | null = null) {
    if (!can(actor, 'process.admin', organisationId)) throw new NotFoundError('no such organisation');
    const ladder = parseLadder(input);
    const raw = (input as { validFrom?: unknown }).validFrom;
    const validFrom = raw === undefined || raw === null ? today() : raw;
    if (
      typeof validFrom !== 'string' ||
      !DAY.test(validFrom) ||
      Number.isNaN(Date.parse(validFrom)) ||
      validFrom < today()
    )
      throw new InputError('invalidChoice', {
        parameter: 'validFrom',
        values: { value: String(validFrom).slice(0, 40), allowed: `a date YYYY-MM-DD from ${today()} on` },
      });
    await this.store.repositories.transaction(async (repositories, trx) => {
      const id = await repositories.individualPlans.insertLadderVersion({
        organisation_id: organisationId,
        valid_from: validFrom,
        ladder_json: JSON.stringify(ladder),
        saved_by: actor.userId ?? actor.label,
        saved_at: new Date().toISOString(),
      });
      await this.audit.record(
        {
          actor,
          action: 'ladder.update',
          organisationId,
          target: { type: 'ladder', id: String(id) },
          ip,
          detail: { validFrom, levels: ladder.levels.length },
        },
        trx,
      );
    });
    return this.organisationLadder(actor, organisationId);
  }

  /**
   * The person's ladder as it is (no audit: callers audit). `current`: the plan as it is now, when the
   * caller has it open already (the plan page), so it is not read and decrypted twice.
   */
  async state(access: PersonAccess, current?: PlanDocument): Promise<PersonLadderView> {
    const person = access.person;
    const ladder = await this.ladderOn(person.organisation_id, today());
    const steps = await this.repository.ladderSteps(person.id);
    const top = steps.at(-1) ?? null;
    const restricted = await isProcessingRestricted(this.store.db, person.id);
    const lang = person.language.split('-')[0] ?? 'sv';
    const needs = (l: LadderLevel) => l.needs[lang] ?? l.needs.sv ?? '';
    const currentLevel = top?.level ?? 0;
    const nextLevel = ladder?.levels.find((l) => l.level === currentLevel + 1) ?? null;
    let proposal: PersonLadderView['proposal'] = null;
    if (ladder && nextLevel && !restricted) {
      const plan = current ?? (await this.plans.view(person.id));
      const inventory = await this.store.repositories.people.inventory(person.id);
      const facts = ladderFacts(plan, inventory !== undefined);
      if (ruleHolds(nextLevel.rule, facts)) proposal = { level: nextLevel.level, name: nextLevel.name };
    }
    return {
      level: top ? { level: top.level, name: top.level_name, confirmedAt: top.confirmed_at } : null,
      confirmations: steps.map((s) => ({
        level: s.level,
        name: s.level_name,
        ladderVersion: s.ladder_version_id,
        confirmedBy: s.confirmed_by,
        confirmedAt: s.confirmed_at,
      })),
      proposal,
      next: nextLevel
        ? {
            level: nextLevel.level,
            name: nextLevel.name,
            needs: needs(nextLevel),
            needsByLanguage: { ...nextLevel.needs },
            rewards: nextLevel.rewards,
          }
        : null,
      ladder: ladder
        ? {
            version: ladder.id,
            validFrom: ladder.validFrom,
            levels: ladder.levels.map((l) => ({
              level: l.level,
              name: l.name,
              needs: needs(l),
              needsByLanguage: { ...l.needs },
            })),
          }
        : null,
      restricted,
    };
  }

  async personLadder(
    access: PersonAccess,
    ip: string | null = null,
    current?: PlanDocument,
  ): Promise<PersonLadderView> {
    const state = await this.state(access, current);
    await this.audit.record(personAuditEntry(access, 'person.read', 'ladder', ip));
    return state;
  }

  /** A case worker confirms the level the rules propose now; anything else is 409 and writes nothing. */
  async confirm(access: PersonAccess, level: unknown, ip: string | null = null): Promise<PersonLadderView> {
    const state = await this.state(access);
    if (!state.proposal || state.proposal.level !== level || !state.ladder)
      throw new InputError('noProposal', {
        status: 409,
        parameter: 'level',
        values: { level: String(level) },
      });
    const { proposal, ladder } = state;
    await this.store.repositories.transaction(async (repositories, trx) => {
      await repositories.individualPlans.insertLadderStep({
        person_id: access.person.id,
        level: proposal.level,
        level_name: proposal.name,
        ladder_version_id: ladder.version,
        confirmed_by: access.actor.userId ?? access.actor.label,
        confirmed_at: new Date().toISOString(),
      });
      await this.audit.record(
        personAuditEntry(access, 'ladder.confirm', 'ladder', ip, {
          level: proposal.level,
          ladderVersion: ladder.version,
        }),
        trx,
      );
    });
    return this.state(access);
  }

  /** What the certificate of a confirmed level says (404 when the level is not confirmed); audited as a read. */
  async certificate(access: PersonAccess, name: string, level: number, ip: string | null = null) {
    const step = (await this.repository.ladderSteps(access.person.id)).find((s) => s.level === level);
    if (!step)
      throw new InputError('notFound', { status: 404, parameter: 'level', values: { path: String(level) } });
    const organisation = await this.store.repositories.accounts.organisation(access.person.organisation_id);
    await this.audit.record(personAuditEntry(access, 'person.read', 'ladder', ip, { certificate: level }));
    return {
      name,
      organisation: organisation?.name ?? access.person.organisation_id,
      level,
      levelName: step.level_name,
      confirmedAt: step.confirmed_at,
      language: access.person.language,
    };
  }
}
