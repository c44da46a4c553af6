/**
 * The individual plan and the guidance log of a person. Every read and write is one audit entry (part
 * `plan` or `notes`), written in the transaction of the change and before a read's data leaves; the
 * plan and each note are sealed with the data key. A saved plan is a new version; the old ones stay
 * as its history. Access by need is decided before these methods run (person-access.ts).
 */
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../../../accounts/audit-log.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import type { Repositories } from '../../../store/repositories/index.js';
import type { NoteRow, PlanVersionRow } from '../../../store/repositories/individual-plan.repository.js';
import type { MatchingService } from '../matching/matching.service.js';
import type { PeopleService } from '../people/people.service.js';
import { type PersonAccess, PersonNotFoundError, personAuditEntry } from '../people/person-access.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { EMPTY_PLAN, type PlanDocument, parsePlan, stepsFromNextSteps } from './individual-plan.js';

export interface PlanView extends PlanDocument {
  personId: string;
  /** 0: no plan saved yet. */
  version: number;
  savedAt: string | null;
  savedBy: string | null;
  source: string | null;
  history: { version: number; savedAt: string; savedBy: string; source: string }[];
}

export interface NoteView {
  id: string;
  text: string;
  /** The author's e-mail (or user id when the account is gone). */
  author: string;
  at: string;
  followUpOn: string | null;
  followUpDoneAt: string | null;
}

export const MAX_NOTE_CHARS = 10_000;
const today = (now = new Date()) => now.toISOString().slice(0, 10);

export class IndividualPlanService {
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring,
  ) {
    this.audit = new AuditLog(store.repositories);
  }

  private get repository() {
    return this.store.repositories.individualPlans;
  }

  private openPlan(row: PlanVersionRow): PlanDocument {
    return JSON.parse(this.keyring.open(row.plan_sealed, PLACES.plan(row.person_id))) as PlanDocument;
  }

  /** The plan as it is (or version `version`), with its history; no audit (callers audit). */
  async view(personId: string, version?: number): Promise<PlanView> {
    const versions = await this.repository.versions(personId);
    const row = version === undefined ? versions.at(-1) : versions.find((v) => v.version === version);
    if (version !== undefined && !row)
      throw new InputError('invalidChoice', {
        status: 404,
        parameter: 'version',
        values: { value: version, allowed: versions.map((v) => v.version).join(', ') || 'none yet' },
      });
    const doc = row ? this.openPlan(row) : EMPTY_PLAN;
    return {
      personId,
      version: row?.version ?? 0,
      savedAt: row?.saved_at ?? null,
      savedBy: row?.saved_by ?? null,
      source: row?.source ?? null,
      goal: doc.goal,
      steps: doc.steps,
      ...(doc.outcome ? { outcome: doc.outcome } : {}),
      history: versions.map((v) => ({
        version: v.version,
        savedAt: v.saved_at,
        savedBy: v.saved_by,
        source: v.source,
      })),
    };
  }

  async plan(access: PersonAccess, ip: string | null = null, version?: number): Promise<PlanView> {
    const view = await this.view(access.person.id, version);
    await this.audit.record(personAuditEntry(access, 'person.read', 'plan', ip, version ? { version } : {}));
    return view;
  }

  /**
   * Saves `input` as the plan's next version. `basedOn` (the version the editor started from) guards
   * against overwriting a colleague's change made meanwhile: 409 when the plan moved on.
   */
  async save(
    access: PersonAccess,
    input: unknown,
    { basedOn, source = 'edit', ip = null }: { basedOn?: number; source?: string; ip?: string | null } = {},
  ): Promise<PlanView> {
    const doc = parsePlan(input, today());
    await this.store.repositories.transaction(async (repositories, trx) => {
      const version = await this.writeVersion(repositories, access, doc, source, basedOn);
      await this.audit.record(
        personAuditEntry(access, 'person.write', 'plan', ip, { version, source, steps: doc.steps.length }),
        trx,
      );
    });
    return this.view(access.person.id);
  }

  private async writeVersion(
    repositories: Repositories,
    access: PersonAccess,
    doc: PlanDocument,
    source: string,
    basedOn: number | undefined,
  ): Promise<number> {
    const personId = access.person.id;
    const current = (await repositories.individualPlans.latest(personId))?.version ?? 0;
    if (basedOn !== undefined && basedOn !== current)
      throw new InputError('planChanged', {
        status: 409,
        parameter: 'basedOn',
        values: { current, basedOn },
      });
    const version = current + 1;
    await repositories.individualPlans.insertVersion({
      person_id: personId,
      version,
      plan_sealed: this.keyring.seal(JSON.stringify(doc), PLACES.plan(personId)),
      source,
      saved_at: new Date().toISOString(),
      saved_by: access.actor.userId ?? access.actor.label,
    });
    return version;
  }

  /**
   * One action: the goal becomes the matched occupation and the match's next steps are added to the
   * plan as planned steps (the steps already there stay). A restricted person gets 409 (no matching).
   */
  async fromMatch(
    access: PersonAccess,
    people: PeopleService,
    matching: MatchingService,
    occupation: string,
    ip: string | null = null,
  ): Promise<PlanView> {
    if (access.person.restricted === 1)
      throw new InputError('personRestricted', { status: 409, parameter: 'id' });
    const { match, steps } = await matching.nextSteps(people, access, occupation, ip);
    const current = await this.view(access.person.id);
    const doc: PlanDocument = {
      goal: { kind: 'occupation', conceptId: match.id, label: match.label },
      steps: [...current.steps, ...stepsFromNextSteps(steps)],
    };
    return this.save(access, doc, { source: `match:${match.id}`, ip });
  }

  // The guidance log

  private async noteViews(rows: readonly NoteRow[], personId: string): Promise<NoteView[]> {
    const emails = await this.store.repositories.people.emails([...new Set(rows.map((r) => r.author))]);
    return rows.map((r) => ({
      id: r.id,
      text: this.keyring.open(r.text_sealed, PLACES.note(personId)),
      author: emails.get(r.author) ?? r.author,
      at: r.at,
      followUpOn: r.follow_up_on,
      followUpDoneAt: r.follow_up_done_at,
    }));
  }

  /** The person reads their notes only where the organisation allows it; otherwise 404 as for anything not theirs. */
  async notes(access: PersonAccess, ip: string | null = null): Promise<{ notes: NoteView[] }> {
    if (access.via === 'self' && !(await this.repository.notesToPerson(access.person.organisation_id)))
      throw new PersonNotFoundError();
    const notes = await this.noteViews(await this.repository.notes(access.person.id), access.person.id);
    await this.audit.record(personAuditEntry(access, 'person.read', 'notes', ip, { count: notes.length }));
    return { notes };
  }

  async addNote(
    access: PersonAccess,
    input: { text?: unknown; followUpOn?: unknown },
    ip: string | null = null,
  ): Promise<{ id: string }> {
    if (typeof input.text !== 'string') throw new InputError('required', { parameter: 'text' });
    const text = input.text.trim();
    if (!text) throw new InputError('required', { parameter: 'text' });
    if (text.length > MAX_NOTE_CHARS)
      throw new InputError('tooLong', { parameter: 'text', values: { max: MAX_NOTE_CHARS } });
    const followUpOn = input.followUpOn ?? null;
    if (
      followUpOn !== null &&
      followUpOn !== '' &&
      (typeof followUpOn !== 'string' ||
        !/^\d{4}-\d{2}-\d{2}$/.test(followUpOn) ||
        Number.isNaN(Date.parse(followUpOn)))
    )
      throw new InputError('invalidChoice', {
        parameter: 'followUpOn',
        values: { value: String(followUpOn).slice(0, 40), allowed: 'a date YYYY-MM-DD' },
      });
    const id = randomUUID();
    await this.store.repositories.transaction(async (repositories, trx) => {
      await repositories.individualPlans.insertNote({
        id,
        person_id: access.person.id,
        text_sealed: this.keyring.seal(text, PLACES.note(access.person.id)),
        author: access.actor.userId ?? access.actor.label,
        at: new Date().toISOString(),
        follow_up_on: followUpOn || null,
        follow_up_done_at: null,
      });
      await this.audit.record(
        personAuditEntry(access, 'person.write', 'notes', ip, { note: id, followUp: Boolean(followUpOn) }),
        trx,
      );
    });
    return { id };
  }

  /** Marks a note's follow-up done (its reminder stops). */
  async followUpDone(access: PersonAccess, noteId: string, ip: string | null = null): Promise<void> {
    const note = await this.repository.note(access.person.id, noteId);
    if (!note) throw new InputError('notFound', { status: 404, parameter: 'note', values: { path: noteId } });
    await this.store.repositories.transaction(async (repositories, trx) => {
      await repositories.individualPlans.markFollowUpDone(noteId, new Date().toISOString());
      await this.audit.record(
        personAuditEntry(access, 'person.write', 'notes', ip, { note: noteId, followUpDone: true }),
        trx,
      );
    });
  }
}

/** The plan's versions and the notes, for the person's export (opened; the caller audits the export). */
export async function planExport(repositories: Repositories, keyring: Keyring, personId: string) {
  const versions = await repositories.individualPlans.versions(personId);
  const notes = await repositories.individualPlans.notes(personId);
  const ladder = await repositories.individualPlans.ladderSteps(personId);
  return {
    ladder: ladder.map((l) => ({
      level: l.level,
      name: l.level_name,
      ladderVersion: l.ladder_version_id,
      confirmedBy: l.confirmed_by,
      confirmedAt: l.confirmed_at,
    })),
    planVersions: versions.map((v) => ({
      version: v.version,
      plan: JSON.parse(keyring.open(v.plan_sealed, PLACES.plan(personId))) as PlanDocument,
      source: v.source,
      savedAt: v.saved_at,
      savedBy: v.saved_by,
    })),
    notes: notes.map((n) => ({
      id: n.id,
      text: keyring.open(n.text_sealed, PLACES.note(personId)),
      author: n.author,
      at: n.at,
      followUpOn: n.follow_up_on,
      followUpDoneAt: n.follow_up_done_at,
    })),
  };
}
