/**
 * Writes Kolada metadata. Each call is one transaction; groups replace their member lists whole so a
 * group never shows a mix of old and new members.
 */
import type { Kysely } from 'kysely';
import type { GroupRow, KpiRow, MunicipalityRow, OuRow } from '../metadata-rows.js';
import type { Database, Origin } from '../schema.js';

// Keeps each statement under SQLite's and PostgreSQL's bound-parameter limits.
const BATCH = 400;

function* batches<T>(rows: readonly T[], size = BATCH): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export class MetadataWriter {
  constructor(private readonly db: Kysely<Database>) {}

  async upsertKpis(rows: readonly KpiRow[], origin: Origin): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const batch of batches(rows)) {
        await trx
          .insertInto('kpi')
          .values(batch.map((r) => ({ ...r, origin })))
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              description: eb.ref('excluded.description'),
              is_divided_by_gender: eb.ref('excluded.is_divided_by_gender'),
              municipality_type: eb.ref('excluded.municipality_type'),
              auspice: eb.ref('excluded.auspice'),
              operating_area: eb.ref('excluded.operating_area'),
              perspective: eb.ref('excluded.perspective'),
              prel_publication_date: eb.ref('excluded.prel_publication_date'),
              publication_date: eb.ref('excluded.publication_date'),
              publ_period: eb.ref('excluded.publ_period'),
              has_ou_data: eb.ref('excluded.has_ou_data'),
              ou_publication_date: eb.ref('excluded.ou_publication_date'),
              origin: eb.ref('excluded.origin'),
            })),
          )
          .execute();
      }
    });
  }

  async upsertMunicipalities(rows: readonly MunicipalityRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const batch of batches(rows)) {
        await trx
          .insertInto('municipality')
          .values(batch)
          .onConflict((oc) =>
            oc
              .column('id')
              .doUpdateSet((eb) => ({ title: eb.ref('excluded.title'), type: eb.ref('excluded.type') })),
          )
          .execute();
      }
    });
  }

  async upsertOus(rows: readonly OuRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const batch of batches(rows)) {
        await trx
          .insertInto('ou')
          .values(batch)
          .onConflict((oc) =>
            oc.column('id').doUpdateSet((eb) => ({
              title: eb.ref('excluded.title'),
              municipality_id: eb.ref('excluded.municipality_id'),
            })),
          )
          .execute();
      }
    });
  }

  async replaceGroups(kind: 'kpi' | 'municipality', groups: readonly GroupRow[]): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const groupTable = kind === 'kpi' ? 'kpi_group' : 'municipality_group';
      const memberTable = kind === 'kpi' ? 'kpi_group_member' : 'municipality_group_member';
      for (const batch of batches(groups)) {
        await trx
          .insertInto(groupTable)
          .values(batch.map((g) => ({ id: g.id, title: g.title })))
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ title: eb.ref('excluded.title') })))
          .execute();
        await trx
          .deleteFrom(memberTable)
          .where(
            'group_id',
            'in',
            batch.map((g) => g.id),
          )
          .execute();
        const members = batch.flatMap((g) =>
          g.members.map((m, position) => ({
            group_id: g.id,
            member_id: m.id,
            member_title: m.title,
            position,
          })),
        );
        for (const part of batches(members)) {
          if (kind === 'kpi') {
            await trx
              .insertInto('kpi_group_member')
              .values(part.map(({ member_id, ...m }) => ({ ...m, kpi_id: member_id })))
              .execute();
          } else {
            await trx
              .insertInto('municipality_group_member')
              .values(part.map(({ member_id, ...m }) => ({ ...m, municipality_id: member_id })))
              .execute();
          }
        }
      }
    });
  }
}
