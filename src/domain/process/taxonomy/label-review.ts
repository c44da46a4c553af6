/**
 * Reviewing drafted labels (label packs): a person with `taxonomy.review` confirms a draft as it is or
 * corrects it. Decisions are stored with who and when, become the concept's label in that language
 * (no longer shown as "utkast"), and are audited in the same transaction.
 */
import { type Actor, organisationsWith } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import { InputError } from '../../../errors/input-error.js';
import type { Store } from '../../../store/database.js';
import type { LabelReviewRow } from '../../../store/repositories/taxonomy.repository.js';

export const PACK_LANGS = ['en', 'ar', 'prs', 'ti', 'so', 'uk'] as const;
export type PackLang = (typeof PACK_LANGS)[number];
export const isPackLang = (text: string): text is PackLang =>
  (PACK_LANGS as readonly string[]).includes(text);

const MAX_LABEL = 200;

/**
 * The organisation a review is recorded under: the first where the actor holds `taxonomy.review`
 * (the labels themselves are shared by every organisation), null for the operator token.
 */
export function reviewOrganisation(actor: Actor): string | null {
  return organisationsWith(actor, 'taxonomy.review')[0] ?? null;
}

export interface LabelDecision {
  conceptId: string;
  /** Confirm the draft as it is, or replace it with `label`. */
  decision: 'confirm' | 'correct';
  label?: string;
}

export interface PackEntry {
  id: string;
  type: string;
  labelSv: string;
  label: string;
  draft: boolean;
  review: { decision: string; by: string; at: string; draftLabel: string } | null;
}

/** A language's pack as the review screen lists it: every drafted or decided label, Swedish beside it. */
export async function packEntries(store: Store, lang: PackLang): Promise<PackEntry[]> {
  const repo = store.repositories.taxonomy;
  const [labels, reviews] = await Promise.all([repo.packLabels(lang), repo.reviews(lang)]);
  const concepts = new Map((await repo.concepts(labels.map((l) => l.concept_id))).map((c) => [c.id, c]));
  const byConcept = new Map(reviews.map((r) => [r.concept_id, r]));
  return labels
    .filter((l) => concepts.has(l.concept_id))
    .map((l) => {
      const c = concepts.get(l.concept_id);
      const r = byConcept.get(l.concept_id);
      return {
        id: l.concept_id,
        type: c?.type ?? '',
        labelSv: c?.label ?? '',
        label: l.label,
        draft: l.reviewed === 0,
        review: r
          ? { decision: r.decision, by: r.reviewed_by, at: r.reviewed_at, draftLabel: r.draft_label }
          : null,
      };
    })
    .sort((a, b) => a.type.localeCompare(b.type) || a.labelSv.localeCompare(b.labelSv, 'sv'));
}

/**
 * Applies decisions on one language's labels. Every decision is checked before anything is written:
 * the concept must have a label in the pack, a correction a non-empty text without control characters.
 */
export async function reviewLabels(
  store: Store,
  actor: Actor,
  organisationId: string | null,
  lang: PackLang,
  decisions: LabelDecision[],
): Promise<LabelReviewRow[]> {
  const repo = store.repositories.taxonomy;
  const current = new Map((await repo.packLabels(lang)).map((l) => [l.concept_id, l]));
  const at = new Date().toISOString();
  const rows = decisions.map((d, i): LabelReviewRow => {
    const existing = current.get(d.conceptId);
    if (!existing)
      throw new InputError('unknownConcept', {
        parameter: `decisions[${i}].id`,
        values: { value: d.conceptId },
      });
    const label = d.decision === 'correct' ? (d.label ?? '').trim() : existing.label;
    if (label === '') throw new InputError('required', { parameter: `decisions[${i}].label` });
    if (label.length > MAX_LABEL)
      throw new InputError('tooLong', { parameter: `decisions[${i}].label`, values: { max: MAX_LABEL } });
    if (/\p{Cc}/u.test(label)) throw new InputError('textOnly', { parameter: `decisions[${i}].label` });
    return {
      concept_id: d.conceptId,
      lang,
      label,
      draft_label: existing.label,
      decision: d.decision === 'correct' && label !== existing.label ? 'corrected' : 'confirmed',
      reviewed_by: actor.label,
      organisation_id: organisationId,
      reviewed_at: at,
    };
  });
  if (rows.length === 0) return rows;
  const audit = new AuditLog(store.repositories);
  await store.db.transaction().execute(async (trx) => {
    await repo.applyReviews(trx, rows);
    await audit.record(
      {
        actor,
        action: 'taxonomy.labels.reviewed',
        organisationId,
        target: { type: 'taxonomy-label-pack', id: lang },
        detail: {
          decisions: rows.map((r) => ({
            id: r.concept_id,
            decision: r.decision,
            label: r.label,
            draft: r.draft_label,
          })),
        },
      },
      trx,
    );
  });
  return rows;
}
