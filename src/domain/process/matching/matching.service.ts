/**
 * Matching's use cases: a person's matches (occupation names or ads), next steps toward one occupation,
 * the case worker's hide/pin decisions, and importing job ads. A person's matches are a read of their
 * data: access by need is decided before (see person-access.ts) and each read is one audit entry. A
 * restricted person (objection, GDPR art. 18/21) gets no matching at all. Nothing here sends or
 * decides anything: suggestions are for the case worker and the person to judge.
 */
import { AuditLog } from '../../../accounts/audit-log.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import type { PeopleService } from '../people/people.service.js';
import { type PersonAccess, personAuditEntry } from '../people/person-access.js';
import type { Keyring } from '../privacy/field-cipher.js';
import { PLACES } from '../privacy/sealed-columns.js';
import { type AdForMatching, AdIndex, type StoredAdSkills } from './ad-index.js';
import { type AdReport, parseAds } from './job-ads.js';
import { buildMatchingModel, type MatchingModel } from './matching-model.js';
import { type NextStep, nextSteps } from './next-steps.js';
import { type Match, OccupationMatcher } from './occupation-matcher.js';
import { isEmptyProfile, type Profile, profileFromInventory } from './profile.js';
import { SkillExtractor } from './skill-extractor.js';

export type MatchKind = 'occupation' | 'ad';

export interface MatchesAnswer {
  kind: MatchKind;
  matches: Match[];
  /** Set when the inventory holds nothing to match on yet (no skills, occupations or interests). */
  nothingToMatch: boolean;
  hidden: { id: string; reason: string | null }[];
  pinned: string[];
}

export interface MatchPageAnswer extends MatchesAnswer {
  /** Next steps of each occupation shown (occupation kind only), by match id. */
  steps: Map<string, NextStep[]>;
  /** Pinned occupations not among `matches`, scored for this person. */
  pinnedMatches: Match[];
}

export interface ImportReport {
  kept: number;
  refused: number;
  ads: AdReport[];
}

export const DECISION_REASON_PLACE = PLACES.matchDecisionReason;

export class MatchingService {
  private model: { version: number; built: Promise<MatchingModel> } | null = null;
  private ads: { version: number; index: Promise<AdIndex> } | null = null;
  private extractor: { version: number; extractor: SkillExtractor } | null = null;
  private occupationFinder: { version: number; extractor: SkillExtractor } | null = null;
  private readonly audit: AuditLog;

  constructor(
    private readonly store: Store,
    private readonly keyring: Keyring | null = null,
  ) {
    this.audit = new AuditLog(store.repositories);
  }

  async matchingModel(): Promise<MatchingModel> {
    const version = await this.store.repositories.taxonomy.latestVersionId();
    if (this.model?.version !== version) {
      const built = buildMatchingModel(this.store);
      this.model = { version, built };
      built.catch(() => {
        if (this.model?.built === built) this.model = null;
      });
    }
    return this.model.built;
  }

  async matcher(): Promise<OccupationMatcher> {
    return new OccupationMatcher(await this.matchingModel());
  }

  async skillExtractor(): Promise<SkillExtractor> {
    const model = await this.matchingModel();
    if (this.extractor?.version !== model.version)
      this.extractor = {
        version: model.version,
        extractor: new SkillExtractor([...model.skillLabels].map(([id, label]) => ({ id, label }))),
      };
    return this.extractor.extractor;
  }

  /** Occupation names and SSYK-4 groups named in free text (the person's interests and goals). */
  async occupationExtractor(): Promise<SkillExtractor> {
    const model = await this.matchingModel();
    if (this.occupationFinder?.version !== model.version)
      this.occupationFinder = {
        version: model.version,
        extractor: new SkillExtractor([
          ...model.nameList.map((n) => ({ id: n.id, label: n.label })),
          // A group label lists occupations ("Kockar och kallskänkor", "Lastbilsförare m.fl."): each
          // one names the group on its own.
          ...model.groupList.flatMap((g) =>
            g.label
              .replace(/\bm\.\s?fl\.?/g, '')
              .split(/,| och /)
              .map((part) => part.trim())
              .filter((part) => part.length > 0 && !part.endsWith('-'))
              .map((part) => ({ id: g.id, label: part })),
          ),
        ]),
      };
    return this.occupationFinder.extractor;
  }

  private async adIndex(): Promise<AdIndex> {
    const model = await this.matchingModel();
    if (this.ads?.version !== model.version) {
      const index = this.storedAds().then((ads) => new AdIndex(new OccupationMatcher(model), ads));
      this.ads = { version: model.version, index };
      index.catch(() => {
        if (this.ads?.index === index) this.ads = null;
      });
    }
    return this.ads.index;
  }

  private async storedAds(): Promise<AdForMatching[]> {
    const rows = await this.store.db
      .selectFrom('job_ad')
      .select(['id', 'headline', 'occupation_id', 'skills_json'])
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      headline: r.headline,
      occupationId: r.occupation_id,
      skills: JSON.parse(r.skills_json) as StoredAdSkills,
    }));
  }

  /** The person's profile for matching, refusing a restricted person. */
  async profile(people: PeopleService, access: PersonAccess): Promise<Profile> {
    if (access.person.restricted === 1)
      throw new InputError('personRestricted', { status: 409, parameter: 'id' });
    const inventory = await people.openInventory(access.person.id);
    const finder = await this.occupationExtractor();
    return profileFromInventory(
      inventory,
      await this.matchingModel(),
      (text) => finder.extract(text.slice(0, 5_000)).map((e) => e.id),
      access.person.organisation_id,
    );
  }

  async matches(
    people: PeopleService,
    access: PersonAccess,
    kind: MatchKind,
    limit: number,
    ip: string | null = null,
  ): Promise<MatchesAnswer> {
    const profile = await this.profile(people, access);
    const answer = await this.ranked(profile, access.person.id, kind, limit);
    await this.audit.record(this.auditEntry(access, 'person.read', ip, { kind, limit }));
    return answer;
  }

  /**
   * What the match page shows, as one audited read: the matches, the next steps of each occupation,
   * and the pinned occupations that fell out of the list (scored, so a pin stays in view).
   */
  async matchPage(
    people: PeopleService,
    access: PersonAccess,
    kind: MatchKind,
    limit: number,
    ip: string | null = null,
  ): Promise<MatchPageAnswer> {
    const profile = await this.profile(people, access);
    const answer = await this.ranked(profile, access.person.id, kind, limit);
    const steps = new Map<string, NextStep[]>();
    const pinnedMatches: Match[] = [];
    if (kind === 'occupation' && !answer.nothingToMatch) {
      const matcher = await this.matcher();
      const shown = new Set(answer.matches.map((m) => m.id));
      for (const id of answer.pinned) {
        if (shown.has(id)) continue;
        const match = matcher.matchOne(profile, id);
        if (match) pinnedMatches.push(match);
      }
      for (const m of [...answer.matches, ...pinnedMatches]) steps.set(m.id, nextSteps(matcher, profile, m));
    }
    await this.audit.record(this.auditEntry(access, 'person.read', ip, { kind, limit, page: true }));
    return { ...answer, steps, pinnedMatches };
  }

  private async ranked(
    profile: Profile,
    personId: string,
    kind: MatchKind,
    limit: number,
  ): Promise<MatchesAnswer> {
    const decisions = await this.decisions(personId, kind);
    let matches: Match[] = [];
    const empty = isEmptyProfile(profile);
    if (!empty) {
      const hidden = new Set(decisions.hidden.map((h) => h.id));
      const wanted = limit + hidden.size;
      const ranked =
        kind === 'occupation'
          ? (await this.matcher()).matchNames(profile, wanted)
          : (await this.adIndex()).match(profile, wanted);
      matches = ranked.filter((m) => !hidden.has(m.id)).slice(0, limit);
    }
    return { kind, matches, nothingToMatch: empty, ...decisions };
  }

  /** One occupation for the person with the steps that would close its gap. */
  async nextSteps(
    people: PeopleService,
    access: PersonAccess,
    occupationId: string,
    ip: string | null = null,
  ): Promise<{ match: Match; steps: NextStep[] }> {
    const profile = await this.profile(people, access);
    const matcher = await this.matcher();
    const match = matcher.matchOne(profile, occupationId);
    if (!match)
      throw new InputError('unknownConcept', {
        status: 404,
        parameter: 'occupation',
        values: { value: occupationId },
      });
    await this.audit.record(
      this.auditEntry(access, 'person.read', ip, { kind: 'next-steps', occupation: occupationId }),
    );
    return { match, steps: nextSteps(matcher, profile, match) };
  }

  private auditEntry(
    access: PersonAccess,
    action: string,
    ip: string | null,
    extra: Record<string, unknown>,
  ) {
    return personAuditEntry(access, action, 'matches', ip, extra);
  }

  async decisions(personId: string, kind: MatchKind) {
    const rows = (await this.store.repositories.people.matchDecisions(personId)).filter(
      (r) => r.kind === kind,
    );
    const latest = new Map<string, (typeof rows)[number]>();
    for (const r of rows) latest.set(`${r.action}\u0000${r.target_id}`, r);
    const open = (sealed: string | null) =>
      sealed && this.keyring ? this.keyring.open(sealed, DECISION_REASON_PLACE(personId)) : null;
    return {
      hidden: [...latest.values()]
        .filter((r) => r.action === 'hide')
        .map((r) => ({ id: r.target_id, reason: open(r.reason_sealed) })),
      pinned: [...latest.values()].filter((r) => r.action === 'pin').map((r) => r.target_id),
    };
  }

  /** Hide a suggestion (with a reason) or pin it to the plan; `undo` removes the decision. */
  async decide(
    access: PersonAccess,
    input: {
      kind: MatchKind;
      target: string;
      action: 'hide' | 'pin';
      reason?: string | null;
      undo?: boolean;
    },
    ip: string | null = null,
  ): Promise<void> {
    if (access.person.restricted === 1)
      throw new InputError('personRestricted', { status: 409, parameter: 'id' });
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(input.target))
      throw new InputError('invalidId', { parameter: 'target' });
    const reason = input.reason?.trim() || null;
    if (input.action === 'hide' && !input.undo && !reason)
      throw new InputError('required', { parameter: 'reason' });
    if (reason && reason.length > 500)
      throw new InputError('tooLong', { parameter: 'reason', values: { max: 500 } });
    if (reason && !this.keyring) throw new Error('no data key: a reason cannot be stored');
    await this.store.db.transaction().execute(async (trx) => {
      await trx
        .deleteFrom('match_decision')
        .where('person_id', '=', access.person.id)
        .where('kind', '=', input.kind)
        .where('target_id', '=', input.target)
        .where('action', '=', input.action)
        .execute();
      if (!input.undo)
        await trx
          .insertInto('match_decision')
          .values({
            person_id: access.person.id,
            kind: input.kind,
            target_id: input.target,
            action: input.action,
            reason_sealed:
              reason && this.keyring
                ? this.keyring.seal(reason, DECISION_REASON_PLACE(access.person.id))
                : null,
            decided_by: access.actor.userId ?? access.actor.label,
            decided_at: new Date().toISOString(),
          })
          .execute();
      await this.audit.record(
        this.auditEntry(access, 'person.write', ip, {
          kind: input.kind,
          target: input.target,
          decision: input.undo ? `un${input.action}` : input.action,
        }),
        trx,
      );
    });
  }

  /** Imports ads from a parsed JSON document: each ad checked on its own; the kept ones in one transaction. */
  async importAds(document: unknown, source: string): Promise<ImportReport> {
    const model = await this.matchingModel();
    const extractor = await this.skillExtractor();
    const { ads, reports } = parseAds(document, (id) => model.names.has(id) || model.groups.has(id));
    const now = new Date().toISOString();
    const rows = ads.map((ad) => {
      const skills: StoredAdSkills = {
        must: ad.must.skills,
        nice: ad.nice.skills,
        extracted: extractor.extract(`${ad.headline}\n${ad.text}`),
        licences: ad.licences,
        languages: [...new Set([...ad.must.languages])].sort(),
      };
      return {
        id: ad.id,
        source: source.slice(0, 200),
        headline: ad.headline,
        text: ad.text,
        occupation_id: ad.occupationId,
        employer: ad.employer,
        municipality_id: ad.municipalityId,
        region_id: ad.regionId,
        publication_date: ad.publicationDate,
        application_deadline: ad.applicationDeadline,
        skills_json: JSON.stringify(skills),
        imported_at: now,
      };
    });
    if (rows.length > 0)
      await this.store.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 200) {
          const part = rows.slice(i, i + 200);
          await trx
            .deleteFrom('job_ad')
            .where(
              'id',
              'in',
              part.map((r) => r.id),
            )
            .execute();
          await trx.insertInto('job_ad').values(part).execute();
        }
      });
    this.ads = null;
    return { kept: rows.length, refused: reports.filter((r) => r.status === 'refused').length, ads: reports };
  }

  /** One stored ad with the words its skills were found by. */
  async ad(id: string) {
    const row = await this.store.db.selectFrom('job_ad').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) return null;
    const model = await this.matchingModel();
    const skills = JSON.parse(row.skills_json) as StoredAdSkills;
    const label = (i: string) => model.skillLabels.get(i) ?? model.label(i);
    return {
      id: row.id,
      headline: row.headline,
      text: row.text,
      occupation: { id: row.occupation_id, label: model.label(row.occupation_id) },
      employer: row.employer,
      municipality: row.municipality_id,
      region: row.region_id,
      publicationDate: row.publication_date,
      applicationDeadline: row.application_deadline,
      mustHave: skills.must.map((i) => ({ id: i, label: label(i) })),
      niceToHave: skills.nice.map((i) => ({ id: i, label: label(i) })),
      extracted: skills.extracted.map((e) => ({ id: e.id, label: label(e.id), words: e.words })),
      drivingLicences: skills.licences.map((i) => ({ id: i, label: model.label(i) })),
      languages: skills.languages.map((i) => ({ id: i, label: model.label(i) })),
    };
  }
}
