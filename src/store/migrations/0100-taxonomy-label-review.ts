import type { Kysely } from 'kysely';

/**
 * A person's decision on a drafted label (label packs): confirmed as drafted, or corrected. Kept apart
 * from `taxonomy_label` so that reloading the bundled snapshot (which replaces the packs' drafts) keeps
 * every decision; who decided and when is also in the audit log.
 */
export function taxonomyLabelReviewMigration() {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('taxonomy_label_review')
        .addColumn('concept_id', 'text', (c) => c.notNull())
        .addColumn('lang', 'text', (c) => c.notNull())
        // The label as decided (the draft when confirmed, the person's text when corrected).
        .addColumn('label', 'text', (c) => c.notNull())
        .addColumn('draft_label', 'text', (c) => c.notNull())
        // confirmed | corrected
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reviewed_by', 'text', (c) => c.notNull())
        .addColumn('organisation_id', 'text')
        .addColumn('reviewed_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('taxonomy_label_review_pk', ['concept_id', 'lang'])
        .execute();
    },
  };
}
